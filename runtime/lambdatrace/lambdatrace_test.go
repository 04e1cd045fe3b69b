package lambdatrace

import (
	"net/http"
	"testing"
)

func TestSetLambdaTraceHeader(t *testing.T) {
	const id = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1"
	for _, c := range []struct {
		name         string
		function, tr string
		have         []string // the request's own header, or nil
		want         []string // the header after, or nil for none
	}{
		{"in Lambda", "fn", id, nil, []string{id}},
		{"outside Lambda", "", id, nil, nil},
		{"no trace ID", "fn", "", nil, nil},
		{"the request's own kept", "fn", id, []string{"mine"}, []string{"mine"}},
		{"an empty own header kept", "fn", id, []string{""}, []string{""}},
		{"control characters and non-ASCII escaped", "fn", "Root=1\n2\x7f é %", nil, []string{"Root=1%0A2%7F %C3%A9 %"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(lambdaFunctionNameEnv, c.function)
			t.Setenv(lambdaTraceIDEnv, c.tr)
			h := http.Header{}
			if c.have != nil {
				h[lambdaTraceHeader] = c.have
			}
			SetLambdaTraceHeader(h)
			got, ok := h[lambdaTraceHeader]
			if c.want == nil {
				if ok {
					t.Fatalf("header %q set, want none", got)
				}
				return
			}
			if len(got) != 1 || got[0] != c.want[0] {
				t.Fatalf("header %q, want %q", got, c.want)
			}
		})
	}
}

func TestEscapedTraceIDIsAValidHeaderValue(t *testing.T) {
	// Every byte: what comes out must be sendable, and what needs no
	// escaping must come out as it went in.
	for c := 0; c < 256; c++ {
		in := "a" + string([]byte{byte(c)})
		out := escapeTraceID(in)
		for i := 0; i < len(out); i++ {
			if out[i] < 0x20 || out[i] >= 0x7f {
				t.Fatalf("byte %#x: %q holds %#x", c, out, out[i])
			}
		}
		if c >= 0x20 && c < 0x7f && out != in {
			t.Errorf("byte %#x: %q became %q", c, in, out)
		}
	}
}
