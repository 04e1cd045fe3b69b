// Package sigv4auth signs the requests of generated clients with AWS
// Signature Version 4: it joins credentials, the service's signing name,
// the call's region and the endpoint's overrides of them, for package
// call's request path.
package sigv4auth

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/smithygo/smithygo/runtime/call"
	"github.com/smithygo/smithygo/runtime/credentials"
	"github.com/smithygo/smithygo/runtime/eventstream"
	"github.com/smithygo/smithygo/runtime/sigv4"
)

// Scheme signs a call's requests with SigV4.
type Scheme struct {
	// Credentials supplies the credentials, once per call. Empty
	// credentials send the call unsigned.
	Credentials credentials.Provider
	// Name is the service's signing name; Region the call's region. An
	// endpoint's sigv4 auth scheme overrides either.
	Name, Region string
	// Keys signs; it caches signing keys, so share one per client.
	Keys *sigv4.Signer
}

// Signer returns the signer of one call to ep, or nil for anonymous
// credentials.
func (a *Scheme) Signer(ctx context.Context, ep *call.Endpoint) (call.RequestSigner, error) {
	creds, err := a.Credentials.Retrieve(ctx)
	if err != nil {
		return nil, fmt.Errorf("retrieving credentials: %w", err)
	}
	if creds.Anonymous() {
		return nil, nil
	}
	s := &signer{
		creds:  sigv4.AccessKey{AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey, SessionToken: creds.SessionToken},
		name:   a.Name,
		region: a.Region,
		signer: a.Keys,
	}
	if scheme := ep.SigV4; scheme != nil {
		if scheme.SigningName != "" {
			s.name = scheme.SigningName
		}
		if scheme.SigningRegion != "" {
			s.region = scheme.SigningRegion
		}
		s.opts.DisableURIPathEscaping = scheme.DisableDoubleEncoding
	}
	if s.region == "" {
		return nil, errors.New("signing a request needs a region: set Options.Region")
	}
	return s, nil
}

// signer signs the attempts of one call.
type signer struct {
	creds        sigv4.AccessKey
	name, region string
	opts         sigv4.Options
	signer       *sigv4.Signer
}

func (s *signer) Sign(req *http.Request, payloadHash string, now time.Time) error {
	opts := s.opts
	// A service computes the payload hash it checks from the body unless
	// X-Amz-Content-Sha256 says otherwise: a body signed as UNSIGNED-PAYLOAD
	// must say so, or its signature cannot verify; so must an event
	// stream, whose messages are signed one at a time.
	opts.SetContentSHA256Header = payloadHash == sigv4.UnsignedPayload || payloadHash == call.StreamingEventsPayload
	return s.signer.SignHTTP(req, s.creds, payloadHash, s.name, s.region, now, opts)
}

// EventSealer returns the seal (call.Request.EventSeal) of the input event
// stream that req, just signed by rs, opens (see call.EventBody): each
// message goes inside one whose :date and :chunk-signature headers sign
// it, chained from req's signature (see sigv4.EventChain), and seal(nil)
// is the signed empty message that ends the stream. A signer of another
// scheme (a bearer token) sends the messages as they are.
func EventSealer(rs call.RequestSigner, req *http.Request) (func(msg []byte) ([]byte, error), error) {
	s, ok := rs.(*signer)
	if !ok {
		return func(msg []byte) ([]byte, error) { return msg, nil }, nil
	}
	chain, err := s.signer.NewEventChain(s.creds, signatureOf(req.Header.Get("Authorization")), s.name, s.region)
	if err != nil {
		return nil, fmt.Errorf("signing the event stream: %w", err)
	}
	var buf []byte
	return func(msg []byte) ([]byte, error) {
		date, sig := chain.Sign(msg, time.Now())
		// The outer message's :date header must be the bytes signed: the
		// same milliseconds, which the runtime encodes alike.
		ms := int64(binary.BigEndian.Uint64(date[len(date)-8:]))
		outer := eventstream.EventMessage{
			Headers: []eventstream.EventHeader{
				{Name: ":date", Value: eventstream.TimestampHeader(time.UnixMilli(ms))},
				{Name: ":chunk-signature", Value: eventstream.BytesHeader(sig[:])},
			},
			Payload: msg,
		}
		var err error
		buf, err = eventstream.AppendEventMessage(buf[:0], outer)
		return buf, err
	}, nil
}

// signatureOf returns the Signature of a SigV4 Authorization header.
func signatureOf(auth string) string {
	_, sig, _ := strings.Cut(auth, "Signature=")
	sig, _, _ = strings.Cut(sig, ",")
	return strings.TrimSpace(sig)
}
