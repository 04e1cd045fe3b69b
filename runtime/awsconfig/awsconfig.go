// Package awsconfig finds static AWS credentials the way the AWS SDKs do for
// their first two sources: environment variables, then a profile of the
// shared credentials file (~/.aws/credentials).
//
// It deliberately stops there. Role assumption, SSO, credential_process and
// instance metadata need network calls or other processes; a client that
// needs them can be handed Credentials obtained elsewhere.
//
// Every function that reads the environment takes a getenv function (nil
// means os.Getenv), so that callers and tests can supply an environment
// without touching the process's own. Errors name files, lines, profiles and
// keys but never include a credential value, so they are safe to log.
package awsconfig

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// LoadedCredentials are static AWS credentials.
//
// Printing LoadedCredentials with any fmt verb shows only the last four characters
// of the access key ID (as the AWS CLI does) and hides the secret and the
// session token, so a stray %v in a log line does not leak them.
type LoadedCredentials struct {
	// AccessKeyID identifies the key, as in AKIA... or ASIA...
	AccessKeyID string
	// SecretAccessKey signs requests; it is the secret half of the key.
	SecretAccessKey string
	// SessionToken accompanies temporary credentials; empty for long-term
	// keys.
	SessionToken string
	// Source says where the credentials came from, for messages: for
	// example "environment" or
	// "shared credentials file /home/me/.aws/credentials (profile default)".
	Source string
}

// Format implements fmt.Formatter so that every verb, including %#v and %+v,
// prints the redacted form.
func (c LoadedCredentials) Format(f fmt.State, verb rune) {
	token := "<none>"
	if c.SessionToken != "" {
		token = "<redacted>"
	}
	fmt.Fprintf(f, "{AccessKeyID: %s, SecretAccessKey: <redacted>, SessionToken: %s, Source: %q}",
		maskKeyID(c.AccessKeyID), token, c.Source)
}

// maskKeyID keeps the last four characters of an access key ID, enough to
// tell keys apart in a log without revealing them.
func maskKeyID(id string) string {
	if id == "" {
		return `""`
	}
	if len(id) <= 4 {
		return strings.Repeat("*", len(id))
	}
	return strings.Repeat("*", len(id)-4) + id[len(id)-4:]
}

// Environment variable names.
const (
	envAccessKeyID        = "AWS_ACCESS_KEY_ID"
	envAccessKeyIDAlt     = "AWS_ACCESS_KEY"
	envSecretAccessKey    = "AWS_SECRET_ACCESS_KEY"
	envSecretAccessKeyAlt = "AWS_SECRET_KEY"
	envSessionToken       = "AWS_SESSION_TOKEN"
	envCredentialsFile    = "AWS_SHARED_CREDENTIALS_FILE"
	envProfile            = "AWS_PROFILE"
	envDefaultProfile     = "AWS_DEFAULT_PROFILE"
)

// SourceEnvironment is the Source of credentials read by FromEnvironment.
const SourceEnvironment = "environment"

// ErrNoCredentials is matched (with errors.Is) by every error from Load, so
// a caller can tell "no credentials could be loaded" from its own errors.
// The error's text says what was tried and why each source failed.
var ErrNoCredentials = errors.New("awsconfig: no AWS credentials found")

// FromEnvironment reads credentials from AWS_ACCESS_KEY_ID (or its older
// name AWS_ACCESS_KEY), AWS_SECRET_ACCESS_KEY (or AWS_SECRET_KEY) and
// AWS_SESSION_TOKEN. Surrounding whitespace, which no key contains, is
// trimmed. ok is false, and the Credentials are zero, unless both the key ID
// and the secret are set: half a key pair is no key at all. getenv nil means
// os.Getenv.
func FromEnvironment(getenv func(string) string) (LoadedCredentials, bool) {
	getenv = orOSGetenv(getenv)
	c := LoadedCredentials{
		AccessKeyID:     firstEnv(getenv, envAccessKeyID, envAccessKeyIDAlt),
		SecretAccessKey: firstEnv(getenv, envSecretAccessKey, envSecretAccessKeyAlt),
		SessionToken:    strings.TrimSpace(getenv(envSessionToken)),
		Source:          SourceEnvironment,
	}
	if c.AccessKeyID == "" || c.SecretAccessKey == "" {
		return LoadedCredentials{}, false
	}
	return c, true
}

// SharedCredentialsFile returns the path of the shared credentials file:
// AWS_SHARED_CREDENTIALS_FILE if set (a leading "~" standing for the home
// directory, as the AWS CLI allows), otherwise .aws/credentials in the home
// directory. The home directory is HOME (then USERPROFILE on Windows) from
// getenv, so an injected environment is honoured, and os.UserHomeDir as a
// last resort. It does not check that the file exists. getenv nil means
// os.Getenv.
func SharedCredentialsFile(getenv func(string) string) (string, error) {
	p, err := sharedCredentialsFile(orOSGetenv(getenv))
	if err != nil {
		return "", fmt.Errorf("awsconfig: %w", err)
	}
	return p, nil
}

// sharedCredentialsFile is SharedCredentialsFile with errors not prefixed by
// the package name, for Load to wrap.
func sharedCredentialsFile(getenv func(string) string) (string, error) {
	if p := strings.TrimSpace(getenv(envCredentialsFile)); p != "" {
		if p == "~" || strings.HasPrefix(p, "~/") || strings.HasPrefix(p, `~\`) {
			home, err := homeDir(getenv)
			if err != nil {
				return "", fmt.Errorf("cannot expand ~ in %s: %w", envCredentialsFile, err)
			}
			p = filepath.Join(home, p[1:])
		}
		return p, nil
	}
	home, err := homeDir(getenv)
	if err != nil {
		return "", fmt.Errorf("cannot locate the shared credentials file (set %s to name it): %w", envCredentialsFile, err)
	}
	return filepath.Join(home, ".aws", "credentials"), nil
}

func homeDir(getenv func(string) string) (string, error) {
	if h := getenv("HOME"); h != "" {
		return h, nil
	}
	if runtime.GOOS == "windows" {
		if h := getenv("USERPROFILE"); h != "" {
			return h, nil
		}
	}
	h, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no home directory: %w", err)
	}
	return h, nil
}

// Profile returns the name of the profile to use: AWS_PROFILE, else
// AWS_DEFAULT_PROFILE (the AWS CLI's older name), else "default". getenv nil
// means os.Getenv.
func Profile(getenv func(string) string) string {
	getenv = orOSGetenv(getenv)
	if p := firstEnv(getenv, envProfile, envDefaultProfile); p != "" {
		return p
	}
	return "default"
}

// Load returns the first credentials found in, in order, the environment
// (FromEnvironment) and the shared credentials file (FromSharedFile, with
// the path from SharedCredentialsFile and the profile from Profile).
//
// If neither source has credentials, the error matches ErrNoCredentials and
// says what was tried and why each failed, for example that the environment
// had a key ID but no secret, or that the file has no such profile. A file
// that exists but cannot be used (a syntax error, a profile without a
// secret) is reported as such rather than as a missing file, since that is
// what the user has to fix. getenv nil means os.Getenv.
func Load(getenv func(string) string) (LoadedCredentials, error) {
	getenv = orOSGetenv(getenv)
	if c, ok := FromEnvironment(getenv); ok {
		return c, nil
	}
	env := describeEnvironment(getenv)

	path, err := sharedCredentialsFile(getenv)
	if err != nil {
		return LoadedCredentials{}, fmt.Errorf("%w; tried: environment (%s); %w", ErrNoCredentials, env, err)
	}
	c, err := fromSharedFile(path, Profile(getenv))
	if err != nil {
		return LoadedCredentials{}, fmt.Errorf("%w; tried: environment (%s); %w", ErrNoCredentials, env, err)
	}
	return c, nil
}

// describeEnvironment says why FromEnvironment found nothing, naming only
// variables, never their values.
func describeEnvironment(getenv func(string) string) string {
	id := firstEnv(getenv, envAccessKeyID, envAccessKeyIDAlt) != ""
	secret := firstEnv(getenv, envSecretAccessKey, envSecretAccessKeyAlt) != ""
	switch {
	case id && !secret:
		return envAccessKeyID + " is set but " + envSecretAccessKey + " is not"
	case secret && !id:
		return envSecretAccessKey + " is set but " + envAccessKeyID + " is not"
	}
	return envAccessKeyID + " and " + envSecretAccessKey + " are not set"
}

func firstEnv(getenv func(string) string, names ...string) string {
	for _, n := range names {
		if v := strings.TrimSpace(getenv(n)); v != "" {
			return v
		}
	}
	return ""
}

func orOSGetenv(getenv func(string) string) func(string) string {
	if getenv == nil {
		return os.Getenv
	}
	return getenv
}
