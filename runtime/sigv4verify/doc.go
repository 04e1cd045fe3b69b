// Package sigv4verify checks AWS Signature Version 4 (AWS4-HMAC-SHA256)
// signatures on the server side: a Verifier takes a received request,
// finds the caller's secret key through a lookup function, and accepts the
// request only if it was signed with that key, for the expected region and
// service, recently enough (five minutes of clock skew by default, as AWS
// allows) or, for a presigned URL, before it expires.
//
// Both flavours are checked: the Authorization header, and the query
// string of a presigned URL (X-Amz-Credential, X-Amz-Signature,
// X-Amz-Expires, ...). The canonical request is built by the signing
// package (sigv4.Signer.Signature), so that one piece of code decides it
// for clients and servers alike; this package only parses what the client
// sent, picks the signed headers and checks the result.
//
// Signatures and session tokens are compared in constant time. Failures
// are *Error values whose Kind (ErrMissingAuth, ErrMalformed,
// ErrUnknownAccessKey, ErrInvalidToken, ErrScope, ErrTime, ErrPayloadHash,
// ErrSignature) says what went wrong without revealing anything a caller
// could use to forge a signature: never the expected signature, the
// canonical request or anything derived from the secret.
//
// The package depends on the standard library and the signing package
// only, because the code generator copies both into generated servers.
package sigv4verify
