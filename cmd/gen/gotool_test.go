package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The user's flow from the README, in a module outside this repository:
// "go get -tool" the generator (through a replace to this checkout, since
// the test must not depend on a published version), "go generate" a client
// with "go tool gen", and build, vet and run a program that uses it.
func TestGoToolFromAnotherModule(t *testing.T) {
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
	dir := t.TempDir()
	// Offline and hermetic: every module the generator needs is in the
	// module cache already, since this test is running.
	env := append(os.Environ(), "GOPROXY=off", "GOSUMDB=off", "GOFLAGS=-mod=mod", "GOWORK=off")
	goCmd := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(gobin, args...)
		cmd.Dir = dir
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	goCmd("mod", "init", "example.com/user")
	goCmd("mod", "edit", "-replace", "github.com/smithygo/smithygo="+checkout)
	goCmd("get", "-tool", "github.com/smithygo/smithygo/cmd/gen@v0.0.0")

	model, err := os.ReadFile(outposts)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, src string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("outposts.json", string(model))
	write("main.go", `package main

//go:generate go tool gen -model outposts.json -out outposts

import (
	"context"
	"errors"
	"fmt"

	"example.com/user/outposts"
)

func main() {
	client := outposts.New(outposts.Options{Region: "us-west-2"})
	_, err := client.GetCapacityTask(context.Background(), &outposts.GetCapacityTaskInput{})
	var invalid *outposts.InvalidParamsError
	fmt.Println(errors.As(err, &invalid))
}
`)
	goCmd("generate", "./...")
	goCmd("vet", "./...")
	if out := goCmd("run", "."); out != "true\n" {
		t.Errorf("the program printed %q; want true (the empty input fails validation before any request)", out)
	}

	api, err := os.ReadFile(filepath.Join(dir, "outposts", "api_gen.go"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(model)
	want := "// Generator: github.com/smithygo/smithygo v0.0.0\n// Model: outposts.json sha256:" + hex.EncodeToString(sum[:]) + "\n"
	if lines := strings.SplitAfterN(string(api), "\n", 4); len(lines) < 3 || lines[1]+lines[2] != want {
		t.Errorf("api_gen.go's provenance lines:\n%s\nwant:\n%s", strings.Join(lines[:min(3, len(lines))], ""), want)
	}
}
