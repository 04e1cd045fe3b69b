// Package rpcv2cbor holds what the Smithy RPC v2 CBOR protocol adds to the
// CBOR wire format: its error responses, whose type is the body's "__type".
package rpcv2cbor

import (
	"strings"

	"github.com/smithygo/smithygo/runtime/call"
	"github.com/smithygo/smithygo/runtime/cbor"
	"github.com/smithygo/smithygo/runtime/retry"
)

// CBORErrorTypeAndMessage finds a Smithy RPC v2 CBOR error response's type and
// message. The type is the body's "__type" only (namespace and any ":..."
// suffix dropped): the protocol has clients ignore X-Amzn-Errortype, and an
// error structure may well have a member called "code".
func CBORErrorTypeAndMessage(resp *call.Response) (code, message string) {
	d := cbor.NewDecoder(resp.Data)
	if d.Kind() == cbor.Object && d.BeginObject() {
		for {
			k, ok := d.NextKeyString()
			if !ok {
				break
			}
			if d.Kind() != cbor.String {
				d.Skip()
				continue
			}
			switch {
			case k == "__type":
				code = d.String()
			case strings.EqualFold(k, "message"):
				message = d.String()
			default:
				d.Skip()
			}
		}
	}
	return retry.BareCode(code), message
}
