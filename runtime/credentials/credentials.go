// Package credentials holds AWS security credentials and the providers that
// supply them to generated clients: fixed ones, none (anonymous), and the
// environment's (variables, then the shared credentials file).
//
// A client generated with "-runtime import" uses these types directly, so
// that one provider can serve every generated service of a program.
package credentials

import (
	"context"
	"os"
	"sync"
	"time"

	"github.com/smithygo/smithygo/runtime/awsconfig"
)

// Credentials are AWS security credentials.
type Credentials struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
}

// String never shows the secret parts of the credentials.
func (c Credentials) String() string {
	return "Credentials{AccessKeyID:" + c.AccessKeyID + ", SecretAccessKey:[sensitive], SessionToken:[sensitive]}"
}

// GoString is String, so that %#v does not show the secrets either.
func (c Credentials) GoString() string { return c.String() }

// Anonymous reports whether the credentials are empty, which sends
// requests unsigned.
func (c Credentials) Anonymous() bool { return c.AccessKeyID == "" && c.SecretAccessKey == "" }

// Provider supplies the credentials requests are signed with. It is called
// once per call, so a provider that fetches them should cache.
type Provider interface {
	Retrieve(ctx context.Context) (Credentials, error)
}

type static Credentials

func (s static) Retrieve(context.Context) (Credentials, error) { return Credentials(s), nil }

// Static returns a provider of fixed credentials.
func Static(accessKeyID, secretAccessKey, sessionToken string) Provider {
	return static{AccessKeyID: accessKeyID, SecretAccessKey: secretAccessKey, SessionToken: sessionToken}
}

type anonymous struct{}

func (anonymous) Retrieve(context.Context) (Credentials, error) { return Credentials{}, nil }

// Anonymous returns a provider whose requests are sent unsigned.
func Anonymous() Provider { return anonymous{} }

// environmentTTL is how long Environment keeps what it read, so that a
// call does not read a file.
const environmentTTL = 5 * time.Minute

// Environment reads AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
// AWS_SESSION_TOKEN, then the shared credentials file
// (AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials, profile AWS_PROFILE
// or "default"), and keeps what it found for a few minutes. The zero value
// is ready to use; it must not be copied after first use.
type Environment struct {
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string

	mu     sync.Mutex
	creds  Credentials
	loaded time.Time
}

// Retrieve returns the environment's credentials.
func (e *Environment) Retrieve(context.Context) (Credentials, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.loaded.IsZero() && time.Since(e.loaded) < environmentTTL {
		return e.creds, nil
	}
	getenv := e.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	c, err := awsconfig.Load(getenv)
	if err != nil {
		return Credentials{}, err
	}
	e.creds = Credentials{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken}
	e.loaded = time.Now()
	return e.creds, nil
}
