package rpcv2json

import (
	"net/http"
	"testing"

	"github.com/smithygo/smithygo/runtime/call"
)

// The type comes from "__type" only, as the protocol asks: not from
// X-Amzn-Errortype, nor from a member called "code".
func TestErrorTypeAndMessage(t *testing.T) {
	resp := &call.Response{
		Response: &http.Response{Header: http.Header{"X-Amzn-Errortype": {"FromHeader"}}},
		Data:     []byte(`{"code":"FromCode","__type":"smithy.example#NoSuchThing:http://internal","Message":"gone"}`),
	}
	if code, msg := ErrorTypeAndMessage(resp); code != "NoSuchThing" || msg != "gone" {
		t.Errorf("got %q, %q; want NoSuchThing, gone", code, msg)
	}
	resp.Data = []byte(`{"code":"FromCode"}`)
	if code, _ := ErrorTypeAndMessage(resp); code != "" {
		t.Errorf("without __type the type is %q, want empty", code)
	}
}
