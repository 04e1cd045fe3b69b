package credentials

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStaticAndAnonymous(t *testing.T) {
	c, err := Static("AKID", "SECRET", "TOKEN").Retrieve(context.Background())
	if err != nil || c != (Credentials{"AKID", "SECRET", "TOKEN"}) {
		t.Fatalf("Static: %+v, %v", c, err)
	}
	if c.Anonymous() {
		t.Error("static credentials reported as anonymous")
	}
	a, err := Anonymous().Retrieve(context.Background())
	if err != nil || !a.Anonymous() {
		t.Fatalf("Anonymous: %+v, %v", a, err)
	}
}

func TestSecretsNeverFormatted(t *testing.T) {
	c := Credentials{"AKID", "SECRET", "TOKEN"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(verb, c)
		if strings.Contains(out, "SECRET") || strings.Contains(out, "TOKEN") || !strings.Contains(out, "AKID") {
			t.Errorf("%s gives %q", verb, out)
		}
	}
}

func TestEnvironmentReadsVariablesThenFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "credentials")
	if err := os.WriteFile(file, []byte("[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = FILESECRET\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"AWS_SHARED_CREDENTIALS_FILE": file, "HOME": dir}
	e := &Environment{Getenv: func(k string) string { return env[k] }}
	c, err := e.Retrieve(context.Background())
	if err != nil || c.AccessKeyID != "FILEKEY" || c.SecretAccessKey != "FILESECRET" {
		t.Fatalf("from the file: %+v, %v", c, err)
	}

	env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"] = "ENVKEY", "ENVSECRET"
	if c, _ := e.Retrieve(context.Background()); c.AccessKeyID != "FILEKEY" {
		t.Errorf("within the TTL the provider read the environment again: %+v", c)
	}
	fresh := &Environment{Getenv: func(k string) string { return env[k] }}
	if c, _ := fresh.Retrieve(context.Background()); c.AccessKeyID != "ENVKEY" || c.SecretAccessKey != "ENVSECRET" {
		t.Errorf("variables should win over the file: %+v", c)
	}
}
