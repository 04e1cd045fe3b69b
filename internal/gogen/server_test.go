package gogen

import (
	"slices"
	"strings"
	"testing"

	"github.com/smithygo/smithygo/internal/shapes"
)

func TestExpandMalformed(t *testing.T) {
	var tc malformedTest
	tc.ID = "Case"
	tc.Request.URI = "/x/$value:L"
	tc.Request.Body = `{"v": $value:S, "n": $values:L}`
	tc.Request.Headers = map[string]string{"X-V": "$value:L"}
	tc.Request.QueryParams = []string{"q=$value:L"}
	tc.Response.Headers = map[string]string{"x-amzn-errortype": "SerializationException"}
	tc.Response.Body = &struct {
		MediaType string `json:"mediaType"`
		Assertion struct {
			Contents     string `json:"contents"`
			MessageRegex string `json:"messageRegex"`
		} `json:"assertion"`
	}{}
	tc.Response.Body.Assertion.MessageRegex = `^[a-m]+$$ for $value:L`
	tc.TestParameters = map[string][]string{"value": {`a"b`, "1"}, "values": {"[1]", "[2]"}}
	cases, err := expandMalformed(tc)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 2 {
		t.Fatalf("%d cases, want 2", len(cases))
	}
	c := cases[0]
	if c.Request.URI != `/x/a"b` || c.Request.Body != `{"v": "a\"b", "n": [1]}` || c.Request.Headers["X-V"] != `a"b` ||
		!slices.Equal(c.Request.QueryParams, []string{`q=a"b`}) || c.Response.Body.Assertion.MessageRegex != `^[a-m]+$ for a"b` {
		t.Errorf("case 0 = %+v (body %q)", c.Request, c.Request.Body)
	}
	if cases[1].Request.Body != `{"v": "1", "n": [2]}` {
		t.Errorf("case 1 body = %q", cases[1].Request.Body)
	}
	// The original is not changed.
	if tc.Request.Headers["X-V"] != "$value:L" || tc.Response.Body.Assertion.MessageRegex != `^[a-m]+$$ for $value:L` {
		t.Error("expanding changed the case it expanded")
	}
	// A case without parameters still unescapes "$$".
	tc.TestParameters = nil
	if cases, _ := expandMalformed(tc); len(cases) != 1 || cases[0].Response.Body.Assertion.MessageRegex != `^[a-m]+$ for $value:L` {
		t.Errorf("without parameters: %+v", cases)
	}
	tc.TestParameters = map[string][]string{"a": {"1"}, "b": {"1", "2"}}
	if _, err := expandMalformed(tc); err == nil {
		t.Error("parameters of different lengths are accepted")
	}
}

// TestServerDecodesStrictly: the server's request decoders refuse what a
// server must (null in a dense list or map, a union that is not one known
// member, a date-time with an offset, in the body and in bindings), while
// the client's decoders of the same shapes stay lenient.
func TestServerDecodesStrictly(t *testing.T) {
	m, err := shapes.Load(shapes.Source{Name: "m.json", Data: []byte(`{"smithy": "2.0", "shapes": {
		"example.s#Svc": {"type": "service", "version": "1", "traits": {"aws.protocols#restJson1": {}},
			"operations": [{"target": "example.s#Echo"}]},
		"example.s#Echo": {"type": "operation", "input": {"target": "example.s#EchoIO"}, "output": {"target": "example.s#EchoIO"},
			"traits": {"smithy.api#http": {"method": "POST", "uri": "/echo"}}},
		"example.s#EchoIO": {"type": "structure", "members": {
			"list": {"target": "example.s#Dense"},
			"tags": {"target": "example.s#Tags"},
			"u": {"target": "example.s#U"},
			"at": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#timestampFormat": "date-time"}},
			"q": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#httpHeader": "X-Q", "smithy.api#timestampFormat": "date-time"}}
		}},
		"example.s#Dense": {"type": "list", "member": {"target": "smithy.api#String"}},
		"example.s#Tags": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#String"}},
		"example.s#U": {"type": "union", "members": {"a": {"target": "smithy.api#String"}, "b": {"target": "smithy.api#Integer"}}}
	}}`)})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := m.Service("")
	if err != nil {
		t.Fatal(err)
	}
	files, err := Generate(svc, Config{ImportPath: "example.com/s", Server: true})
	if err != nil {
		t.Fatal(err)
	}
	var client, server strings.Builder
	for name, src := range files {
		switch {
		case strings.HasPrefix(name, "internal/"):
		case strings.HasPrefix(name, serverDir+"/"):
			server.Write(src)
		default:
			client.Write(src)
		}
	}
	strict := []string{
		`d.RefuseNull("Dense")`, `d.RefuseNull("Tags")`,
		`d.RefuseUnion("U", "second member", key)`, `d.RefuseUnion("U", "unknown member", key)`, `d.RefuseUnion("U", "no member set", nil)`,
		`d.DateTimeUTC()`, `.ParseDateTimeUTC(`,
	}
	for _, want := range strict {
		if !strings.Contains(server.String(), want) {
			t.Errorf("the server package does not call %s", want)
		}
		if name, _, _ := strings.Cut(want, "("); strings.Contains(client.String(), name) {
			t.Errorf("the client package calls %s, which a client must not", name)
		}
	}
	if !strings.Contains(client.String(), "d.DateTime()") || !strings.Contains(client.String(), "UnknownUnionMember") {
		t.Error("the client package lost its lenient date-time read or its unknown union member")
	}
}
