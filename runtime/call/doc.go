// Package call is the request path of generated clients: one call of an
// operation, from a serialised request to a decoded response, with the
// endpoint, signing, retries, logging and the errors an operation returns.
//
// What a generated package knows about its service (its name, how its
// error responses decode, which of its errors are retryable) comes in a
// Service; what a call needs from the client's options comes in a Config;
// how requests are signed is an Auth, which is nil for services and calls
// that are not signed, so that clients without signing do not link it.
package call
