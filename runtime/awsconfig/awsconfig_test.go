package awsconfig

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Credential values used in test files. None may ever appear in an error.
const (
	testKeyID  = "AKIDEXAMPLEKEY1234"
	testSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY"
	testToken  = "IQoJb3JpZ2luX2VjSESSIONTOKEN=="
	otherKeyID = "AKIDOTHERPROFILE99"
	otherSecr  = "otherProfileSecretValue/+abc"
)

var sensitive = []string{testKeyID, testSecret, testToken, otherKeyID, otherSecr}

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func writeFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "credentials")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// checkNoSecrets fails if err's text contains any test credential.
func checkNoSecrets(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, s := range sensitive {
		if strings.Contains(err.Error(), s) {
			t.Errorf("error text contains a credential (%q): %v", s, err)
		}
	}
}

func TestFromEnvironment(t *testing.T) {
	for _, tc := range []struct {
		name   string
		env    map[string]string
		want   LoadedCredentials
		wantOK bool
	}{
		{"all set", map[string]string{
			"AWS_ACCESS_KEY_ID": testKeyID, "AWS_SECRET_ACCESS_KEY": testSecret, "AWS_SESSION_TOKEN": testToken,
		}, LoadedCredentials{testKeyID, testSecret, testToken, "environment"}, true},
		{"no session token", map[string]string{
			"AWS_ACCESS_KEY_ID": testKeyID, "AWS_SECRET_ACCESS_KEY": testSecret,
		}, LoadedCredentials{testKeyID, testSecret, "", "environment"}, true},
		{"older names", map[string]string{
			"AWS_ACCESS_KEY": testKeyID, "AWS_SECRET_KEY": testSecret,
		}, LoadedCredentials{testKeyID, testSecret, "", "environment"}, true},
		{"current names win", map[string]string{
			"AWS_ACCESS_KEY_ID": testKeyID, "AWS_ACCESS_KEY": otherKeyID,
			"AWS_SECRET_ACCESS_KEY": testSecret, "AWS_SECRET_KEY": otherSecr,
		}, LoadedCredentials{testKeyID, testSecret, "", "environment"}, true},
		{"whitespace trimmed", map[string]string{
			"AWS_ACCESS_KEY_ID": " " + testKeyID + "\n", "AWS_SECRET_ACCESS_KEY": "\t" + testSecret,
		}, LoadedCredentials{testKeyID, testSecret, "", "environment"}, true},
		{"no secret", map[string]string{"AWS_ACCESS_KEY_ID": testKeyID, "AWS_SESSION_TOKEN": testToken}, LoadedCredentials{}, false},
		{"no key id", map[string]string{"AWS_SECRET_ACCESS_KEY": testSecret}, LoadedCredentials{}, false},
		{"blank key id", map[string]string{"AWS_ACCESS_KEY_ID": "  ", "AWS_SECRET_ACCESS_KEY": testSecret}, LoadedCredentials{}, false},
		{"nothing", nil, LoadedCredentials{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := FromEnvironment(env(tc.env))
			if got != tc.want || ok != tc.wantOK {
				t.Errorf("FromEnvironment = %#v, %v; want %#v, %v", got, ok, tc.want, tc.wantOK)
			}
		})
	}
}

func TestProfile(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{nil, "default"},
		{map[string]string{"AWS_PROFILE": "dev"}, "dev"},
		{map[string]string{"AWS_DEFAULT_PROFILE": "old"}, "old"},
		{map[string]string{"AWS_PROFILE": "dev", "AWS_DEFAULT_PROFILE": "old"}, "dev"},
		{map[string]string{"AWS_PROFILE": " dev "}, "dev"},
		{map[string]string{"AWS_PROFILE": ""}, "default"},
	} {
		if got := Profile(env(tc.env)); got != tc.want {
			t.Errorf("Profile(%v) = %q, want %q", tc.env, got, tc.want)
		}
	}
}

func TestSharedCredentialsFile(t *testing.T) {
	home := filepath.Join("testhome", "me")
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"explicit", map[string]string{"AWS_SHARED_CREDENTIALS_FILE": "/etc/aws/creds", "HOME": home}, "/etc/aws/creds"},
		{"explicit with ~", map[string]string{"AWS_SHARED_CREDENTIALS_FILE": "~/creds", "HOME": home}, filepath.Join(home, "creds")},
		{"HOME", map[string]string{"HOME": home}, filepath.Join(home, ".aws", "credentials")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := SharedCredentialsFile(env(tc.env))
			if err != nil || got != tc.want {
				t.Errorf("SharedCredentialsFile = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

// TestSharedCredentialsFileUserHomeDir covers the last resort: no HOME in
// the injected environment, so os.UserHomeDir decides. It changes the
// process environment, so it does not run in parallel.
func TestSharedCredentialsFileUserHomeDir(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home) // os.UserHomeDir's variable on Windows
	got, err := SharedCredentialsFile(env(nil))
	if want := filepath.Join(home, ".aws", "credentials"); err != nil || got != want {
		t.Errorf("SharedCredentialsFile = %q, %v; want %q", got, err, want)
	}

	if os.Getenv("HOME") == "" || filepath.Separator != '/' {
		return
	}
	// With no home directory at all, the error says how to name the file.
	t.Setenv("HOME", "")
	_, err = SharedCredentialsFile(env(nil))
	if err == nil || !strings.Contains(err.Error(), "AWS_SHARED_CREDENTIALS_FILE") {
		t.Errorf("SharedCredentialsFile without a home = %v, want an error naming AWS_SHARED_CREDENTIALS_FILE", err)
	}
}

func TestFromSharedFile(t *testing.T) {
	full := LoadedCredentials{AccessKeyID: testKeyID, SecretAccessKey: testSecret, SessionToken: testToken}
	static := LoadedCredentials{AccessKeyID: testKeyID, SecretAccessKey: testSecret}
	for _, tc := range []struct {
		name    string
		profile string
		file    string
		want    LoadedCredentials
	}{
		{"basic", "default", `[default]
aws_access_key_id = ` + testKeyID + `
aws_secret_access_key = ` + testSecret + `
aws_session_token = ` + testToken + `
`, full},
		{"named profile among others", "dev", `[default]
aws_access_key_id = ` + otherKeyID + `
aws_secret_access_key = ` + otherSecr + `

[dev]
aws_access_key_id = ` + testKeyID + `
aws_secret_access_key = ` + testSecret + `

[prod]
aws_access_key_id = ` + otherKeyID + `
aws_secret_access_key = ` + otherSecr + `
`, static},
		{"profile prefix tolerated", "dev", "[profile dev]\naws_access_key_id=" + testKeyID + "\naws_secret_access_key=" + testSecret + "\n", static},
		{"profile prefix with tab and spaces", "dev", "[ profile\t dev ]\naws_access_key_id=" + testKeyID + "\naws_secret_access_key=" + testSecret + "\n", static},
		{"profile- is a plain name", "profile-x", "[profile-x]\naws_access_key_id=" + testKeyID + "\naws_secret_access_key=" + testSecret + "\n", static},
		{"a profile named profile", "profile", "[profile ]\naws_access_key_id=" + testKeyID + "\naws_secret_access_key=" + testSecret + "\n", static},
		{"no whitespace, spaces in brackets", "default", "[ default ]\naws_access_key_id=" + testKeyID + "\naws_secret_access_key=" + testSecret + "\n", static},
		{"whitespace trimmed", "default", "[default]\n  aws_access_key_id \t=\t " + testKeyID + "  \naws_secret_access_key   =   " + testSecret + "\t\n", static},
		{"case-insensitive keys", "default", "[default]\nAWS_ACCESS_KEY_ID = " + testKeyID + "\nAws_Secret_Access_Key = " + testSecret + "\nAWS_SESSION_TOKEN = " + testToken + "\n", full},
		{"equals signs in value", "default", "[default]\naws_access_key_id = " + testKeyID + "\naws_secret_access_key = " + testSecret + "\naws_session_token = " + testToken + "\n", full},
		{"comments", "default", `# leading comment
; another
[default] # header comment
  # indented comment
aws_access_key_id = ` + testKeyID + ` # trailing comment
; between
aws_secret_access_key = ` + testSecret + `	; tab then comment
`, static},
		{"comment characters without whitespace are data", "default", "[default]\naws_access_key_id = " + testKeyID + "\naws_secret_access_key = ab#cd;ef\n",
			LoadedCredentials{AccessKeyID: testKeyID, SecretAccessKey: "ab#cd;ef"}},
		{"later duplicate section merges and wins", "default", `[default]
aws_access_key_id = ` + otherKeyID + `
aws_session_token = ` + testToken + `
[other]
aws_access_key_id = x
[default]
aws_access_key_id = ` + testKeyID + `
aws_secret_access_key = ` + testSecret + `
`, full},
		{"both spellings merge", "dev", "[dev]\naws_access_key_id = " + testKeyID + "\n[profile dev]\naws_secret_access_key = " + testSecret + "\n", static},
		{"later duplicate key wins", "default", "[default]\naws_access_key_id = " + otherKeyID + "\naws_access_key_id = " + testKeyID + "\naws_secret_access_key = " + testSecret + "\n", static},
		{"unknown keys ignored", "default", "[default]\nregion = us-west-2\noutput=json\naws_access_key_id = " + testKeyID + "\nsomething_new = 1\naws_secret_access_key = " + testSecret + "\n", static},
		{"nested sub-section ignored", "default", `[default]
s3 =
  max_concurrent_requests = 20
  aws_access_key_id = ` + otherKeyID + `
aws_access_key_id = ` + testKeyID + `
aws_secret_access_key = ` + testSecret + `
`, static},
		{"continuations in other profiles ignored", "default", `[other]
aws_access_key_id = ` + otherKeyID + `
    continued
[default]
aws_access_key_id = ` + testKeyID + `
aws_secret_access_key = ` + testSecret + `
`, static},
		{"CRLF and byte-order mark", "default", "\uFEFF[default]\r\naws_access_key_id = " + testKeyID + "\r\naws_secret_access_key = " + testSecret + "\r\n", static},
		{"no final newline", "default", "[default]\naws_access_key_id = " + testKeyID + "\naws_secret_access_key = " + testSecret, static},
		{"empty session token", "default", "[default]\naws_access_key_id = " + testKeyID + "\naws_secret_access_key = " + testSecret + "\naws_session_token =\n", static},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, tc.file)
			got, err := FromSharedFile(path, tc.profile)
			if err != nil {
				t.Fatalf("FromSharedFile: %v", err)
			}
			tc.want.Source = fmt.Sprintf("shared credentials file %s (profile %s)", path, tc.profile)
			if got != tc.want {
				t.Errorf("FromSharedFile =\n%#v\nwant\n%#v", got, tc.want)
				t.Errorf("secret %q, want %q", got.SecretAccessKey, tc.want.SecretAccessKey)
			}
		})
	}
}

func TestFromSharedFileErrors(t *testing.T) {
	keys := "aws_access_key_id = " + testKeyID + "\naws_secret_access_key = " + testSecret + "\n"
	for _, tc := range []struct {
		name    string
		profile string
		file    string
		want    []string // fragments of the error text, besides the path
	}{
		{"missing profile", "prod", "[default]\n" + keys + "[dev]\n" + keys, []string{`has no profile "prod"`, `"default", "dev"`}},
		{"profile names are case-sensitive", "default", "[Default]\n" + keys, []string{`has no profile "default"`, `"Default"`}},
		{"empty file", "default", "", []string{`has no profile "default"`}},
		{"missing secret", "default", "[default]\naws_access_key_id = " + testKeyID + "\naws_session_token = " + testToken + "\n", []string{`profile "default" has no aws_secret_access_key`}},
		{"missing key id", "default", "[default]\naws_secret_access_key = " + testSecret + "\n", []string{`profile "default" has no aws_access_key_id`}},
		{"value that is only a comment", "default", "[default]\naws_access_key_id = " + testKeyID + "\naws_secret_access_key = # " + testSecret + "\n", []string{"has no aws_secret_access_key"}},
		{"keys only in another profile", "default", "[default]\nregion = eu-west-1\n[dev]\n" + keys, []string{`profile "default" has no aws_access_key_id or aws_secret_access_key`}},
		{"unsupported provider", "default", "[default]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = base\n", []string{`"role_arn", "source_profile"`, "does not support"}},
		{"no equals sign", "default", "[default]\naws_access_key_id = " + testKeyID + "\n" + testSecret + "\n", []string{"line 3", `expected "key = value"`}},
		{"property before any section", "default", "aws_secret_access_key = " + testSecret + "\n[default]\n", []string{"line 1", "before any [profile] section"}},
		{"unclosed section", "default", "# c\n\n[default\n" + keys, []string{"line 3", `no closing "]"`}},
		{"empty section name", "default", "[ ]\n", []string{"line 1", "empty profile name"}},
		{"text after section", "default", "[default] " + testSecret + "\n", []string{"line 1", "unexpected text"}},
		{"no key", "default", "[default]\n = " + testSecret + "\n", []string{"line 2", "no key"}},
		{"syntax error in another profile", "default", "[default]\n" + keys + "[dev]\n" + otherSecr + "\n", []string{"line 5"}},
		{"indented key continues the previous value", "default", "[default]\naws_access_key_id = " + testKeyID + "\n  aws_secret_access_key = " + testSecret + "\n", []string{"line 2", "aws_access_key_id", "whitespace"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, tc.file)
			_, err := FromSharedFile(path, tc.profile)
			if err == nil {
				t.Fatal("FromSharedFile succeeded")
			}
			t.Logf("error: %v", err)
			for _, w := range append(tc.want, path, "awsconfig: ") {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			checkNoSecrets(t, err)
		})
	}
}

func TestFromSharedFileUnreadable(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope")
	_, err := FromSharedFile(missing, "default")
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), missing+" does not exist") {
		t.Errorf("missing file: %v; want fs.ErrNotExist naming %s", err, missing)
	}

	_, err = FromSharedFile(dir, "default")
	if err == nil || !strings.Contains(err.Error(), dir+" cannot be read") {
		t.Errorf("directory: %v; want an error saying %s cannot be read", err, dir)
	}
}

func TestLoad(t *testing.T) {
	fileDefault := "[default]\naws_access_key_id = " + otherKeyID + "\naws_secret_access_key = " + otherSecr + "\n"
	fileDev := fileDefault + "[dev]\naws_access_key_id = " + testKeyID + "\naws_secret_access_key = " + testSecret + "\n"

	t.Run("environment first", func(t *testing.T) {
		path := writeFile(t, fileDefault)
		got, err := Load(env(map[string]string{
			"AWS_ACCESS_KEY_ID": testKeyID, "AWS_SECRET_ACCESS_KEY": testSecret, "AWS_SHARED_CREDENTIALS_FILE": path,
		}))
		if err != nil || got.AccessKeyID != testKeyID || got.Source != "environment" {
			t.Errorf("Load = %+v, %v; want the environment's key", got, err)
		}
	})

	t.Run("shared file via HOME", func(t *testing.T) {
		home := t.TempDir()
		if err := os.MkdirAll(filepath.Join(home, ".aws"), 0o700); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(home, ".aws", "credentials")
		if err := os.WriteFile(path, []byte(fileDev), 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := Load(env(map[string]string{"HOME": home, "AWS_PROFILE": "dev"}))
		want := LoadedCredentials{testKeyID, testSecret, "", "shared credentials file " + path + " (profile dev)"}
		if err != nil || got != want {
			t.Errorf("Load = %#v, %v; want %#v", got, err, want)
		}
	})

	t.Run("half the environment falls through to the file", func(t *testing.T) {
		path := writeFile(t, fileDefault)
		got, err := Load(env(map[string]string{"AWS_ACCESS_KEY_ID": testKeyID, "AWS_SHARED_CREDENTIALS_FILE": path}))
		if err != nil || got.AccessKeyID != otherKeyID {
			t.Errorf("Load = %+v, %v; want the file's default profile", got, err)
		}
	})

	for _, tc := range []struct {
		name string
		env  map[string]string
		file string // written to AWS_SHARED_CREDENTIALS_FILE unless empty
		want []string
	}{
		{"nothing anywhere", map[string]string{}, "",
			[]string{"AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set", "does not exist"}},
		{"key id without secret", map[string]string{"AWS_ACCESS_KEY_ID": testKeyID}, "",
			[]string{"AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not", "does not exist"}},
		{"secret without key id", map[string]string{"AWS_SECRET_KEY": testSecret}, "",
			[]string{"AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not"}},
		{"profile missing", map[string]string{"AWS_PROFILE": "prod"}, fileDev,
			[]string{`has no profile "prod"`, `"default", "dev"`}},
		{"syntax error", map[string]string{}, fileDefault + testSecret + "\n",
			[]string{"line 4", `expected "key = value"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "credentials")
			if tc.file != "" {
				path = writeFile(t, tc.file)
			}
			tc.env["AWS_SHARED_CREDENTIALS_FILE"] = path
			_, err := Load(env(tc.env))
			if !errors.Is(err, ErrNoCredentials) {
				t.Fatalf("Load error = %v, want ErrNoCredentials", err)
			}
			t.Logf("error: %v", err)
			for _, w := range append(tc.want, path, "tried: environment") {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if strings.Count(err.Error(), "awsconfig:") != 1 {
				t.Errorf("error %q repeats the package prefix", err)
			}
			checkNoSecrets(t, err)
		})
	}

	t.Run("missing file keeps fs.ErrNotExist", func(t *testing.T) {
		_, err := Load(env(map[string]string{"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(t.TempDir(), "x")}))
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Load error = %v, want it to match fs.ErrNotExist", err)
		}
	})
}

func TestCredentialsFormatRedacts(t *testing.T) {
	c := LoadedCredentials{AccessKeyID: testKeyID, SecretAccessKey: testSecret, SessionToken: testToken, Source: "environment"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		out := fmt.Sprintf(verb, c)
		for _, s := range []string{testKeyID, testSecret, testToken} {
			if strings.Contains(out, s) {
				t.Errorf("Sprintf(%q) = %s: contains a credential", verb, out)
			}
		}
		if !strings.Contains(out, "1234") || !strings.Contains(out, "<redacted>") {
			t.Errorf("Sprintf(%q) = %s: want the key ID's last four characters and <redacted>", verb, out)
		}
	}
	// Pointers and containers reach the same method.
	if out := fmt.Sprintf("%v", []*LoadedCredentials{&c}); strings.Contains(out, testSecret) {
		t.Logf("note: %%v of a pointer slice prints addresses: %s", out)
	}
	if out := fmt.Sprintf("%+v", struct{ C LoadedCredentials }{c}); strings.Contains(out, testSecret) {
		t.Errorf("nested %%+v leaks: %s", out)
	}
	if out := fmt.Sprint(LoadedCredentials{AccessKeyID: "AK", SecretAccessKey: "s"}); !strings.Contains(out, "SessionToken: <none>") || strings.Contains(out, "AK") {
		t.Errorf("short key: %s", out)
	}
}
