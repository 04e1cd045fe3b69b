package outpostsfake

import (
	"net/http/httptest"

	"github.com/smithygo/smithygo/generated/outposts/server"
)

// The fake is a server.Service: the generated handler serves it.
var _ server.Service = (*Fake)(nil)

// Server starts an httptest.Server on a loopback address that serves the
// fake over HTTP, as AWS Outposts would, for clients pointed at its URL
// (outposts.Options.BaseEndpoint). Requests are not authenticated: any
// signature, or none, is accepted. The caller closes the server.
func (f *Fake) Server() *httptest.Server {
	return httptest.NewServer(server.NewHandler(f, server.HandlerOptions{}))
}
