package serve

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestRoute(t *testing.T) {
	ops := []string{"GetThing", "PutThing"}
	name := func(i int) string { return ops[i] }
	awsJSON := &Protocol{Service: "Things", Target: true}
	rpcv2 := &Protocol{Service: "Things", SmithyProtocol: "rpc-v2-cbor"}
	for _, c := range []struct {
		name    string
		p       *Protocol
		method  string
		path    string
		header  map[string]string
		id      int
		status  int
		errCode string
	}{
		{"target", awsJSON, "POST", "/", map[string]string{"X-Amz-Target": "Things.PutThing"}, 1, 0, ""},
		{"target on another path", awsJSON, "POST", "/prefix/", map[string]string{"X-Amz-Target": "Things.GetThing"}, 0, 0, ""},
		{"no target", awsJSON, "POST", "/", nil, 0, 404, "UnknownOperationException"},
		{"another service's target", awsJSON, "POST", "/", map[string]string{"X-Amz-Target": "Other.GetThing"}, 0, 404, "UnknownOperationException"},
		{"an unknown operation", awsJSON, "POST", "/", map[string]string{"X-Amz-Target": "Things.Delete"}, 0, 404, "UnknownOperationException"},
		{"GET", awsJSON, "GET", "/", map[string]string{"X-Amz-Target": "Things.GetThing"}, 0, 405, "MethodNotAllowedException"},
		{"path", rpcv2, "POST", "/service/Things/operation/PutThing", map[string]string{"Smithy-Protocol": "rpc-v2-cbor"}, 1, 0, ""},
		{"path with a prefix", rpcv2, "POST", "/a/service/b/service/Things/operation/GetThing", map[string]string{"Smithy-Protocol": "rpc-v2-cbor"}, 0, 0, ""},
		{"another service's path", rpcv2, "POST", "/service/Other/operation/GetThing", map[string]string{"Smithy-Protocol": "rpc-v2-cbor"}, 0, 404, "UnknownOperationException"},
		{"an operation's prefix", rpcv2, "POST", "/service/Things/operation/Get", map[string]string{"Smithy-Protocol": "rpc-v2-cbor"}, 0, 404, "UnknownOperationException"},
		{"no Smithy-Protocol", rpcv2, "POST", "/service/Things/operation/GetThing", nil, 0, 400, "BadRequestException"},
		{"another Smithy-Protocol", rpcv2, "POST", "/service/Things/operation/GetThing", map[string]string{"Smithy-Protocol": "rpc-v2-json"}, 0, 400, "BadRequestException"},
		{"PUT", rpcv2, "PUT", "/service/Things/operation/GetThing", map[string]string{"Smithy-Protocol": "rpc-v2-cbor"}, 0, 405, "MethodNotAllowedException"},
	} {
		r := httptest.NewRequest(c.method, c.path, nil)
		for k, v := range c.header {
			r.Header.Set(k, v)
		}
		id, m := c.p.Route(r, len(ops), name)
		switch {
		case c.status == 0 && (m != nil || id != c.id):
			t.Errorf("%s: %d %+v, want operation %d", c.name, id, m, c.id)
		case c.status != 0 && (m == nil || m.Status != c.status || m.Fault.Code != c.errCode):
			t.Errorf("%s: %d %+v, want %d %s", c.name, id, m, c.status, c.errCode)
		case c.status == 405 && m.Header.Get("Allow") != "POST":
			t.Errorf("%s: Allow %q", c.name, m.Header.Get("Allow"))
		}
	}
}

func TestFrame(t *testing.T) {
	for _, c := range []struct {
		name            string
		p               *Protocol
		body, errorType string
	}{
		{"restJson1", &Protocol{MediaType: "application/json", TypeHeader: true}, `{"message":"no"}`, "Nope"},
		{"awsJson1_0", &Protocol{MediaType: "application/x-amz-json-1.0", TypeHeader: true, TypeInBody: true}, `{"__type":"Nope","message":"no"}`, "Nope"},
		{"rpcv2Json", &Protocol{MediaType: "application/json", SmithyProtocol: "rpc-v2-json", TypeInBody: true}, `{"__type":"Nope","message":"no"}`, ""},
		{"binary", &Protocol{MediaType: "application/cbor", SmithyProtocol: "rpc-v2-cbor", TypeInBody: true,
			EncodeFault: func(code, message string) []byte { return []byte(code + "|" + message) }}, "Nope|no", ""},
	} {
		m := c.p.Frame(ErrorMessage(http.StatusTeapot, "Nope", "no"))
		if m.Status != http.StatusTeapot || string(m.Body) != c.body || m.Header.Get("Content-Type") != c.p.MediaType ||
			m.Header.Get("X-Amzn-Errortype") != c.errorType || m.Header.Get("Smithy-Protocol") != c.p.SmithyProtocol {
			t.Errorf("%s: %d %v %s", c.name, m.Status, m.Header, m.Body)
		}
		// A response with a body of its own (the model's output or error)
		// keeps it, and gets only the Smithy-Protocol header.
		own := &ResponseMessage{Header: http.Header{}, Status: 200, Body: []byte("{}")}
		if m := c.p.Frame(own); string(m.Body) != "{}" || m.Header.Get("Content-Type") != "" || m.Header.Get("Smithy-Protocol") != c.p.SmithyProtocol {
			t.Errorf("%s: an output: %v %s", c.name, m.Header, m.Body)
		}
	}
}
