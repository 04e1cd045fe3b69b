package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// signedPetsJSON is petsJSON with SigV4 (and no endpoint rules): a second
// signed service to put next to Outposts.
var signedPetsJSON = strings.Replace(petsJSON,
	`"traits": {"aws.protocols#restJson1": {}, "smithy.api#documentation": "A pet store."}`,
	`"traits": {"aws.protocols#restJson1": {}, "aws.auth#sigv4": {"name": "pets"}, "smithy.api#documentation": "A pet store."}`, 1)

// Two services generated with -runtime import into one program share the
// runtime: one credentials provider value serves both clients (their
// CredentialsProvider is the same type), both sign with it, and an error
// of one is an *OperationError of the other. Neither carries a copy of the
// runtime.
func TestTwoServicesShareTheRuntime(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module outside the repository; skipped with -short")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	checkout, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if signedPetsJSON == petsJSON {
		t.Fatal("the pets model no longer has the traits this test adds SigV4 to")
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/user\n\ngo 1.26\n\nrequire github.com/smithygo/smithygo v0.0.0\n\nreplace github.com/smithygo/smithygo => "+checkout+"\n")
	pets := writeFile(t, filepath.Join(dir, "models", "pets.json"), signedPetsJSON)
	for _, svc := range []struct{ model, out string }{{outposts, "outposts"}, {pets, "pets"}} {
		if code, _, stderr := runGen("-runtime", "import", "-model", svc.model, "-out", filepath.Join(dir, svc.out), "-import-path", "example.com/user/"+svc.out); code != 0 {
			t.Fatalf("gen -runtime import %s: exit %d: %s", svc.model, code, stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, svc.out, "internal")); !os.IsNotExist(err) {
			t.Errorf("%s: -runtime import wrote an internal/ directory (a copy of the runtime)", svc.out)
		}
	}
	writeFile(t, filepath.Join(dir, "shared_test.go"), `package user

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"example.com/user/outposts"
	pets "example.com/user/pets"
)

type countingProvider struct{ calls atomic.Int32 }

func (p *countingProvider) Retrieve(context.Context) (outposts.Credentials, error) {
	p.calls.Add(1)
	return outposts.Credentials{AccessKeyID: "AKIDSHARED", SecretAccessKey: "secret"}, nil
}

func TestOneProviderForTwoServices(t *testing.T) {
	var mu sync.Mutex
	var auth []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		auth = append(auth, r.Header.Get("Authorization"))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte("{}"))
	}))
	defer srv.Close()

	provider := &countingProvider{}
	// One value, one type: pets.CredentialsProvider is outposts.CredentialsProvider.
	var shared outposts.CredentialsProvider = provider
	o := outposts.New(outposts.Options{Region: "us-west-2", BaseEndpoint: srv.URL, Credentials: shared})
	p := pets.New(pets.Options{Region: "us-west-2", BaseEndpoint: srv.URL, Credentials: shared})
	ctx := context.Background()
	if _, err := o.ListSites(ctx, &outposts.ListSitesInput{}); err != nil {
		t.Fatal(err)
	}
	id := "rex"
	if _, err := p.GetPet(ctx, &pets.GetPetInput{Id: &id}); err != nil {
		t.Fatal(err)
	}
	if n := provider.calls.Load(); n != 2 {
		t.Errorf("the shared provider was called %d times, want once per call (2)", n)
	}
	if len(auth) != 2 {
		t.Fatalf("the server saw %d requests, want 2", len(auth))
	}
	for i, scope := range []string{"/us-west-2/outposts/aws4_request", "/us-west-2/pets/aws4_request"} {
		if !strings.Contains(auth[i], "Credential=AKIDSHARED/") || !strings.Contains(auth[i], scope) {
			t.Errorf("request %d: Authorization %q, want the shared key and scope %s", i, auth[i], scope)
		}
	}

	// The error types are shared too.
	_, err := p.GetPet(ctx, &pets.GetPetInput{})
	var opErr *outposts.OperationError
	var invalid *outposts.InvalidParamsError
	if !errors.As(err, &opErr) || opErr.Operation != "GetPet" || !errors.As(err, &invalid) {
		t.Errorf("a pets error is not an outposts *OperationError wrapping an *InvalidParamsError: %v", err)
	}
}
`)
	cmd := exec.Command(gobin, "test", "-count=1", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOSUMDB=off", "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go test in the program's module: %v\n%s", err, out)
	}
}
