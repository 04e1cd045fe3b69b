package protocoltest_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
	"time"

	"github.com/smithygo/smithygo/internal/protocoltest/jsonprotocol"
	jsonprotocolserver "github.com/smithygo/smithygo/internal/protocoltest/jsonprotocol/server"
	jsonprotocoltypes "github.com/smithygo/smithygo/internal/protocoltest/jsonprotocol/types"
	"github.com/smithygo/smithygo/internal/protocoltest/jsonrpc10"
	jsonrpc10server "github.com/smithygo/smithygo/internal/protocoltest/jsonrpc10/server"
	jsonrpc10types "github.com/smithygo/smithygo/internal/protocoltest/jsonrpc10/types"
	rpcv2cbor "github.com/smithygo/smithygo/internal/protocoltest/rpcv2cbor"
	rpcv2cborserver "github.com/smithygo/smithygo/internal/protocoltest/rpcv2cbor/server"
	rpcv2cbortypes "github.com/smithygo/smithygo/internal/protocoltest/rpcv2cbor/types"
	rpcv2json "github.com/smithygo/smithygo/internal/protocoltest/rpcv2json"
	rpcv2jsonserver "github.com/smithygo/smithygo/internal/protocoltest/rpcv2json/server"
	rpcv2jsontypes "github.com/smithygo/smithygo/internal/protocoltest/rpcv2json/types"
	"github.com/smithygo/smithygo/runtime/serve"
)

// The round trips: each RPC protocol's generated client calls its generated
// server over HTTP, with requests signed by SigV4 and checked by the
// handler where the model has SigV4 auth (the awsJson1_x suites'), and gets
// back what the service returned: an echoed output, the
// model's error, and an InternalFailure for an error the model does not
// list.

// Access key and secret of the round trips' requests.
const (
	roundTripKey    = "AKIDROUNDTRIP"
	roundTripSecret = "round-trip-secret"
)

// errSecret is an error the model does not list: the client sees an
// InternalFailure, without its text.
var errSecret = errors.New("secret detail")

// startServer serves the handler newHandler makes, which with sigv4
// checks SigV4 signatures by roundTripKey, over HTTP until the test ends,
// and returns its URL.
func startServer(t *testing.T, sigv4 bool, newHandler func(serve.HandlerOptions) http.Handler) string {
	t.Helper()
	var opts serve.HandlerOptions
	if sigv4 {
		opts.SigV4 = &serve.SigV4{Lookup: func(_ context.Context, id string) (string, string, error) {
			if id != roundTripKey {
				return "", "", serve.ErrUnknownKey
			}
			return roundTripSecret, "", nil
		}}
	}
	srv := httptest.NewServer(newHandler(opts))
	t.Cleanup(srv.Close)
	return srv.URL
}

// checkFailures checks the errors of a call that returned the model's
// InvalidGreeting (greeting), and of one the service failed (failure).
func checkFailures[E error](t *testing.T, greeting, failure error) {
	t.Helper()
	if e, ok := errors.AsType[E](greeting); !ok {
		t.Errorf("the model's error: %T %v", greeting, greeting)
	} else if got := reflect.ValueOf(e).Elem().FieldByName("Message").Elem().String(); got != "hi" {
		t.Errorf("the model's error's message = %q", got)
	}
	var coded interface{ ErrorCode() string }
	if !errors.As(failure, &coded) || coded.ErrorCode() != "InternalFailure" || errors.Is(failure, errSecret) {
		t.Errorf("an unlisted error: %T %v", failure, failure)
	}
}

type jsonRPC10Service struct{ jsonrpc10server.Unimplemented }

func (jsonRPC10Service) JsonUnions(_ context.Context, in *jsonrpc10.JsonUnionsInput) (*jsonrpc10.JsonUnionsOutput, error) {
	return &jsonrpc10.JsonUnionsOutput{Contents: in.Contents}, nil
}

func (jsonRPC10Service) GreetingWithErrors(_ context.Context, in *jsonrpc10.GreetingWithErrorsInput) (*jsonrpc10.GreetingWithErrorsOutput, error) {
	if *in.Greeting == "fail" {
		return nil, errSecret
	}
	return nil, &jsonrpc10types.InvalidGreeting{Message: new("hi")}
}

func TestRoundTripAwsJSON10(t *testing.T) {
	url := startServer(t, true, func(o serve.HandlerOptions) http.Handler { return jsonrpc10server.NewHandler(jsonRPC10Service{}, o) })
	c := jsonrpc10.New(jsonrpc10.Options{Region: "us-east-1", BaseEndpoint: url, RetryMaxAttempts: 1,
		Credentials: jsonrpc10.StaticCredentials(roundTripKey, roundTripSecret, "")})
	ctx := context.Background()
	for _, u := range []jsonrpc10types.MyUnion{
		&jsonrpc10types.MyUnionMemberStringValue{Value: "s"},
		&jsonrpc10types.MyUnionMemberBlobValue{Value: []byte{0, 1, 2}},
		&jsonrpc10types.MyUnionMemberTimestampValue{Value: time.Unix(1700000000, 0).UTC()},
		&jsonrpc10types.MyUnionMemberNumberValue{Value: -7},
	} {
		out, err := c.JsonUnions(ctx, &jsonrpc10.JsonUnionsInput{Contents: u})
		if err != nil || !reflect.DeepEqual(out.Contents, u) {
			t.Errorf("JsonUnions(%#v) = %#v, %v", u, out, err)
		}
	}
	if _, err := c.NoInputAndNoOutput(ctx, &jsonrpc10.NoInputAndNoOutputInput{}); err == nil {
		t.Error("an unimplemented operation succeeded")
	}
	_, greeting := c.GreetingWithErrors(ctx, &jsonrpc10.GreetingWithErrorsInput{Greeting: new("hello")})
	_, failure := c.GreetingWithErrors(ctx, &jsonrpc10.GreetingWithErrorsInput{Greeting: new("fail")})
	checkFailures[*jsonrpc10types.InvalidGreeting](t, greeting, failure)
	bad := jsonrpc10.New(jsonrpc10.Options{Region: "us-east-1", BaseEndpoint: url, RetryMaxAttempts: 1,
		Credentials: jsonrpc10.StaticCredentials(roundTripKey, "wrong", "")})
	if _, err := bad.JsonUnions(ctx, &jsonrpc10.JsonUnionsInput{}); err == nil {
		t.Error("a request signed with the wrong secret was served")
	}
}

type jsonProtocolService struct {
	jsonprotocolserver.Unimplemented
}

func (jsonProtocolService) SimpleScalarProperties(_ context.Context, in *jsonprotocol.SimpleScalarPropertiesInput) (*jsonprotocol.SimpleScalarPropertiesOutput, error) {
	return &jsonprotocol.SimpleScalarPropertiesOutput{FloatValue: in.FloatValue, DoubleValue: in.DoubleValue}, nil
}

func (jsonProtocolService) GreetingWithErrors(context.Context, *jsonprotocol.GreetingWithErrorsInput) (*jsonprotocol.GreetingWithErrorsOutput, error) {
	return nil, &jsonprotocoltypes.InvalidGreeting{Message: new("hi")}
}

func (jsonProtocolService) EmptyOperation(context.Context, *jsonprotocol.EmptyOperationInput) (*jsonprotocol.EmptyOperationOutput, error) {
	return nil, errSecret
}

func TestRoundTripAwsJSON11(t *testing.T) {
	url := startServer(t, true, func(o serve.HandlerOptions) http.Handler {
		return jsonprotocolserver.NewHandler(jsonProtocolService{}, o)
	})
	c := jsonprotocol.New(jsonprotocol.Options{Region: "us-east-1", BaseEndpoint: url, RetryMaxAttempts: 1,
		Credentials: jsonprotocol.StaticCredentials(roundTripKey, roundTripSecret, "")})
	ctx := context.Background()
	in := &jsonprotocol.SimpleScalarPropertiesInput{FloatValue: new(float32(1.5)), DoubleValue: new(-2.25)}
	out, err := c.SimpleScalarProperties(ctx, in)
	if err != nil || *out.FloatValue != 1.5 || *out.DoubleValue != -2.25 {
		t.Errorf("SimpleScalarProperties = %+v, %v", out, err)
	}
	_, greeting := c.GreetingWithErrors(ctx, &jsonprotocol.GreetingWithErrorsInput{})
	_, failure := c.EmptyOperation(ctx, &jsonprotocol.EmptyOperationInput{})
	checkFailures[*jsonprotocoltypes.InvalidGreeting](t, greeting, failure)
}

type rpcv2JSONService struct{ rpcv2jsonserver.Unimplemented }

func (rpcv2JSONService) RecursiveShapes(_ context.Context, in *rpcv2json.RecursiveShapesInput) (*rpcv2json.RecursiveShapesOutput, error) {
	return &rpcv2json.RecursiveShapesOutput{Nested: in.Nested}, nil
}

func (rpcv2JSONService) GreetingWithErrors(context.Context, *rpcv2json.GreetingWithErrorsInput) (*rpcv2json.GreetingWithErrorsOutput, error) {
	return nil, &rpcv2jsontypes.InvalidGreeting{Message: new("hi")}
}

func (rpcv2JSONService) NoInputOutput(context.Context, *rpcv2json.NoInputOutputInput) (*rpcv2json.NoInputOutputOutput, error) {
	return nil, errSecret
}

func TestRoundTripRPCv2JSON(t *testing.T) {
	url := startServer(t, false, func(o serve.HandlerOptions) http.Handler { return rpcv2jsonserver.NewHandler(rpcv2JSONService{}, o) })
	c := rpcv2json.New(rpcv2json.Options{BaseEndpoint: url, RetryMaxAttempts: 1})
	ctx := context.Background()
	nested := &rpcv2jsontypes.RecursiveShapesInputOutputNested1{Foo: new("a"), Nested: &rpcv2jsontypes.RecursiveShapesInputOutputNested2{
		Bar: new("b"), RecursiveMember: &rpcv2jsontypes.RecursiveShapesInputOutputNested1{Foo: new("c")}}}
	out, err := c.RecursiveShapes(ctx, &rpcv2json.RecursiveShapesInput{Nested: nested})
	if err != nil || !reflect.DeepEqual(out.Nested, nested) {
		t.Errorf("RecursiveShapes = %+v, %v", out, err)
	}
	_, greeting := c.GreetingWithErrors(ctx, &rpcv2json.GreetingWithErrorsInput{})
	_, failure := c.NoInputOutput(ctx, &rpcv2json.NoInputOutputInput{})
	checkFailures[*rpcv2jsontypes.InvalidGreeting](t, greeting, failure)
}

type rpcv2CBORService struct{ rpcv2cborserver.Unimplemented }

func (rpcv2CBORService) SimpleScalarProperties(_ context.Context, in *rpcv2cbor.SimpleScalarPropertiesInput) (*rpcv2cbor.SimpleScalarPropertiesOutput, error) {
	return &rpcv2cbor.SimpleScalarPropertiesOutput{TrueBooleanValue: in.TrueBooleanValue, FalseBooleanValue: in.FalseBooleanValue,
		ByteValue: in.ByteValue, DoubleValue: in.DoubleValue, FloatValue: in.FloatValue, IntegerValue: in.IntegerValue,
		LongValue: in.LongValue, ShortValue: in.ShortValue, StringValue: in.StringValue, BlobValue: in.BlobValue}, nil
}

func (rpcv2CBORService) GreetingWithErrors(context.Context, *rpcv2cbor.GreetingWithErrorsInput) (*rpcv2cbor.GreetingWithErrorsOutput, error) {
	return nil, &rpcv2cbortypes.InvalidGreeting{Message: new("hi")}
}

func (rpcv2CBORService) NoInputOutput(context.Context, *rpcv2cbor.NoInputOutputInput) (*rpcv2cbor.NoInputOutputOutput, error) {
	return nil, errSecret
}

func TestRoundTripRPCv2CBOR(t *testing.T) {
	url := startServer(t, false, func(o serve.HandlerOptions) http.Handler { return rpcv2cborserver.NewHandler(rpcv2CBORService{}, o) })
	c := rpcv2cbor.New(rpcv2cbor.Options{BaseEndpoint: url, RetryMaxAttempts: 1})
	ctx := context.Background()
	in := &rpcv2cbor.SimpleScalarPropertiesInput{TrueBooleanValue: new(true), FalseBooleanValue: new(false),
		ByteValue: new(int8(-1)), DoubleValue: new(1e300), FloatValue: new(float32(0.5)), IntegerValue: new(int32(-70000)),
		LongValue: new(int64(1) << 40), ShortValue: new(int16(300)), StringValue: new("x y"), BlobValue: []byte{0, 255}}
	out, err := c.SimpleScalarProperties(ctx, in)
	if err != nil || !reflect.DeepEqual(*out, rpcv2cbor.SimpleScalarPropertiesOutput{TrueBooleanValue: in.TrueBooleanValue,
		FalseBooleanValue: in.FalseBooleanValue, ByteValue: in.ByteValue, DoubleValue: in.DoubleValue, FloatValue: in.FloatValue,
		IntegerValue: in.IntegerValue, LongValue: in.LongValue, ShortValue: in.ShortValue, StringValue: in.StringValue, BlobValue: in.BlobValue}) {
		t.Errorf("SimpleScalarProperties = %+v, %v", out, err)
	}
	_, greeting := c.GreetingWithErrors(ctx, &rpcv2cbor.GreetingWithErrorsInput{})
	_, failure := c.NoInputOutput(ctx, &rpcv2cbor.NoInputOutputInput{})
	checkFailures[*rpcv2cbortypes.InvalidGreeting](t, greeting, failure)
}
