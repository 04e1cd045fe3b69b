package rpcv2protocol_test

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/smithygo/smithygo/internal/describe"
	rpcv2protocol "github.com/smithygo/smithygo/internal/protocoltest/rpcv2cbor"
)

// FuzzDecodeCBOR feeds arbitrary bodies to the decoders generated for the
// rpcv2Cbor protocol test service (runtime/cbor underneath), as
// generated/outposts' FuzzDecodeResponses does to JSON ones: lists, sparse
// and dense maps, unions, recursive structures, defaults, blobs, big and
// small numbers and timestamps. An input is an operation, by its index
// among the client's, and a body; the seeds are every CBOR body of the
// suite's cases (in protocol_gen_test.go), each tried as every operation's
// output. For each:
//
//   - no input panics;
//   - a body decodes to the same value, or fails, every time;
//   - what it decoded to does not change when another body is read (the
//     decoders keep no part of a body that a later one may overwrite).
//
// Run it with:
//
//	go test ./internal/protocoltest/rpcv2cbor -run '^$' -fuzz FuzzDecodeCBOR -fuzztime 5m
func FuzzDecodeCBOR(f *testing.F) {
	ops := cborOperations()
	seeds, err := cborSeeds()
	if err != nil || len(seeds) < 20 {
		f.Fatalf("reading the suite's CBOR bodies from protocol_gen_test.go: %d, %v", len(seeds), err)
	}
	for i := range ops {
		for _, s := range seeds {
			f.Add(uint8(i), s)
		}
	}
	other := slices.MaxFunc(seeds, func(a, b string) int { return len(a) - len(b) })
	f.Fuzz(func(t *testing.T, i uint8, body string) {
		op := ops[int(i)%len(ops)]
		first, err := decodeCBOR(op, body)
		again, errAgain := decodeCBOR(op, body)
		if (err == nil) != (errAgain == nil) {
			t.Fatalf("%s: %q failed once (%v) and not the next time (%v)", op, body, err, errAgain)
		}
		if err != nil {
			return
		}
		was := describe.Value(first)
		if now := describe.Value(again); now != was {
			t.Fatalf("%s: %q decoded to two values:\n%s\n%s", op, body, was, now)
		}
		for _, op2 := range ops {
			decodeCBOR(op2, other)
		}
		if now := describe.Value(first); now != was {
			t.Fatalf("%s: what %q decoded to changed when another body was read:\n%s\n%s", op, body, was, now)
		}
	})
}

// cborOperations returns the names of the client's operations, in order.
func cborOperations() []string {
	var ops []string
	client := reflect.TypeFor[*rpcv2protocol.Client]()
	for m := range client.Methods() {
		if m.Type.NumIn() == 4 && m.Type.NumOut() == 2 { // receiver, ctx, input, options
			ops = append(ops, m.Name)
		}
	}
	return ops
}

// cborSeeds returns every CBOR body in the suite's cases: the string
// literals of protocol_gen_test.go that begin as a CBOR map does.
var cborSeeds = sync.OnceValues(func() ([]string, error) {
	file, err := parser.ParseFile(token.NewFileSet(), "protocol_gen_test.go", nil, 0)
	if err != nil {
		return nil, err
	}
	var seeds []string
	ast.Inspect(file, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if s, err := strconv.Unquote(lit.Value); err == nil && len(s) > 0 && s[0] >= 0xa0 && s[0] <= 0xbf && !slices.Contains(seeds, s) {
				seeds = append(seeds, s)
			}
		}
		return true
	})
	return seeds, nil
})

// decodeCBOR calls the operation op of a client that receives body as the
// response, and returns its output.
func decodeCBOR(op, body string) (any, error) {
	client := rpcv2protocol.New(rpcv2protocol.Options{
		BaseEndpoint:     "https://example.com",
		HTTPClient:       cborBody(body),
		RetryMaxAttempts: 1,
		Validation:       rpcv2protocol.ValidateNone,
	})
	m := reflect.ValueOf(client).MethodByName(op)
	out := m.Call([]reflect.Value{reflect.ValueOf(context.Background()), reflect.New(m.Type().In(1).Elem())})
	if err, _ := out[1].Interface().(error); err != nil {
		return nil, err
	}
	return out[0].Interface(), nil
}

// cborBody answers every request with a 200 response whose body it is.
type cborBody string

func (b cborBody) Do(r *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode:    200,
		Header:        http.Header{"Content-Type": {"application/cbor"}, "Smithy-Protocol": {"rpc-v2-cbor"}},
		Body:          io.NopCloser(strings.NewReader(string(b))),
		ContentLength: int64(len(b)),
		Request:       r,
	}, nil
}
