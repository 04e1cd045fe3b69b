// Package rpcv2json holds what the Smithy RPC v2 JSON protocol adds to
// the JSON wire format: its error responses (the type from "__type" only)
// and big numbers sent as strings.
package rpcv2json

import (
	"fmt"
	"math"
	"math/big"

	"github.com/smithygo/smithygo/runtime/call"
	"github.com/smithygo/smithygo/runtime/jsonwire"
	"github.com/smithygo/smithygo/runtime/retry"
)

// ErrorTypeAndMessage finds a Smithy RPC v2 error response's type and
// message. The type is the body's "__type" only (namespace and any ":..."
// suffix dropped): the protocol has clients ignore X-Amzn-Errortype, and an
// error structure may well have a member called "code".
func ErrorTypeAndMessage(resp *call.Response) (code, message string) {
	_, typ, message := call.JSONErrorFields(resp.Data)
	return retry.BareCode(typ), message
}

// EncodeBigIntString writes v as a JSON string of its decimal digits, as
// Smithy RPC v2 JSON sends big integers; nil writes null.
func EncodeBigIntString(e *jsonwire.Encoder, v *big.Int) {
	if v == nil {
		e.Null()
		return
	}
	e.String(v.String())
}

// EncodeBigFloatString writes v as a JSON string in plain decimal notation,
// with the fewest digits that read back as v; nil writes null.
func EncodeBigFloatString(e *jsonwire.Encoder, v *big.Float) {
	if v == nil {
		e.Null()
		return
	}
	e.String(v.Text('f', -1))
}

// DecodeBigIntString reads a big integer sent as a string of digits, or as
// a JSON number from a service that sends one.
func DecodeBigIntString(d *jsonwire.Decoder) *big.Int {
	if d.Kind() == jsonwire.Number {
		return d.BigInt()
	}
	at := d.Offset()
	s := d.String()
	if d.Err() != nil {
		return nil
	}
	z, ok := new(big.Int).SetString(s, 10)
	if !ok {
		d.Fail(fmt.Errorf("jsonwire: offset %d: %q is not an integer", at, s))
		return nil
	}
	return z
}

// DecodeBigFloatString reads a big decimal sent as a string (or a JSON
// number), with enough precision to give back the same digits.
func DecodeBigFloatString(d *jsonwire.Decoder) *big.Float {
	if d.Kind() == jsonwire.Number {
		return d.BigFloat()
	}
	at := d.Offset()
	s := d.String()
	if d.Err() != nil {
		return nil
	}
	prec := uint(float64(len(s))*math.Log2(10)) + 64
	z, _, err := big.ParseFloat(s, 10, prec, big.ToNearestEven)
	if err != nil || z.IsInf() {
		d.Fail(fmt.Errorf("jsonwire: offset %d: %q is not a decimal number", at, s))
		return nil
	}
	return z
}
