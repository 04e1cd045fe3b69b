package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestErrorsAgree checks that the generated clients of the cross-model run
// (internal/crossmodel, and Glacier's) and aws-sdk-go-v2's clients of the
// same services decode error responses alike. For every operation of each
// service, and every error shape the operation can return (its own and the
// service's), it writes the error as a service does, in the forms its
// protocol allows (the type in the X-Amzn-Errortype header, bare, with a
// ":http://..." suffix or a namespace, also with an empty body; or in the
// body's "__type" (bare, with the namespace, with a foreign namespace and
// the suffix), "code" or "Code"), with the message spelled "message",
// "Message" or "errorMessage", members bound to headers in headers (in
// restJson1; awsJson ignores the binding), the @httpError status, and the
// error's other members filled with random values (fixed seed). Each
// operation also gets one response, in turn, that names an error the model
// does not have, or none, or whose body is not JSON. Both clients get each
// response, and what they return must agree: the modelled error type (by
// name) or an unmodelled one, the code, the message, the fault and every
// member of the error, by field name.
//
// The forms are taken in turn, one per (operation, error), so that each
// error meets every form across the operations without the run growing
// with their product; the first operation of each error takes them all.
func TestErrorsAgree(t *testing.T) {
	cases, skipped := errorCases()
	if len(cases) == 0 {
		t.Skipf("no error cases (the models are read from ../shared): %v", skipped)
	}
	for _, s := range skipped {
		t.Log("left out:", s)
	}
	ctx := context.Background()
	var mu sync.Mutex
	tolerances := map[string]int{}
	tolerated := func(why string) {
		mu.Lock()
		tolerances[why]++
		mu.Unlock()
	}
	byService := map[string][]errorCase{}
	var services []string
	for _, c := range cases {
		if _, ok := byService[c.service]; !ok {
			services = append(services, c.service)
		}
		byService[c.service] = append(byService[c.service], c)
	}
	for _, service := range services {
		t.Run(service, func(t *testing.T) {
			t.Parallel()
			for _, c := range byService[service] {
				ours := errorOf(callResponding(ctx, c.our, c.op, c.resp))
				theirs := errorOf(callResponding(ctx, c.aws, c.op, c.resp))
				if diff := ours.differs(theirs, c, tolerated); diff != "" {
					t.Errorf("%s: %s\n  response: %d %v %.300s\n  smithygo: %s\n  awssdk:   %s", c.name, diff, c.resp.status, c.resp.header, c.resp.body, ours, theirs)
				}
			}
		})
	}
	t.Cleanup(func() { t.Logf("%d error responses; differences tolerated: %v", len(cases), tolerances) })
}

// errorCase is one error response, for one operation of one service.
type errorCase struct {
	service, name string
	op            string // the clients' method
	our, aws      any
	resp          cannedResponse
	shape         string // the error shape's name; "" for an error the model does not have
	// variant says how the response was written (errorVariants), for the
	// differences the test tolerates.
	variant errorVariant
	message string // the message spelling: "message", "Message" or "errorMessage"
}

// cannedResponse is what respondingTransport answers with.
type cannedResponse struct {
	status int
	header http.Header
	body   string
}

// respondingTransport answers every request with its response; both
// clients take it as their HTTPClient.
type respondingTransport struct{ resp cannedResponse }

func (rt *respondingTransport) Do(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	h := rt.resp.header.Clone()
	if h == nil {
		h = http.Header{}
	}
	h.Set("X-Amzn-Requestid", RequestID)
	return &http.Response{
		Status:        strconv.Itoa(rt.resp.status) + " " + http.StatusText(rt.resp.status),
		StatusCode:    rt.resp.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          io.NopCloser(strings.NewReader(rt.resp.body)),
		ContentLength: int64(len(rt.resp.body)),
		Request:       r,
	}, nil
}

// callResponding calls op of client (built with modelServices' constructors)
// as call does, with per-call options that make resp the answer and turn
// retries off (RetryMaxAttempts 1): an error response of 5xx or a
// throttling error would otherwise be sent again, with back-off.
func callResponding(ctx context.Context, client any, op string, resp cannedResponse) (any, error) {
	m := reflect.ValueOf(client).MethodByName(op)
	in := reflect.New(m.Type().In(1).Elem())
	fillStrings(in.Elem())
	optFn := m.Type().In(2).Elem() // func(*Options)
	fn := reflect.MakeFunc(optFn, func(args []reflect.Value) []reflect.Value {
		o := args[0].Elem()
		o.FieldByName("HTTPClient").Set(reflect.ValueOf(&respondingTransport{resp}))
		o.FieldByName("RetryMaxAttempts").SetInt(1)
		return nil
	})
	out := m.Call([]reflect.Value{reflect.ValueOf(ctx), in, fn})
	if err, _ := out[1].Interface().(error); err != nil {
		return nil, err
	}
	return out[0].Interface(), nil
}

// errorView is what a client returned for an error response, in terms
// that both clients' errors have.
type errorView struct {
	kind    string // the error type's name; GenericAPIError for an unmodelled one; "" when not an API error
	code    string
	message string
	fault   string
	fields  map[string]any // a modelled error's fields, by name, as jsonValue writes them
	err     string         // the whole error, for messages
}

func (v errorView) String() string {
	return fmt.Sprintf("%s code=%q message=%q fault=%s fields=%v (%s)", cmpOr(v.kind, "<not an API error>"), v.code, v.message, v.fault, v.fields, v.err)
}

func cmpOr(s, or string) string {
	if s == "" {
		return or
	}
	return s
}

// apiError is what both clients' error types, modelled and not, have
// (ErrorFault too, of a type of its own in aws-sdk-go-v2).
type apiError interface {
	error
	ErrorCode() string
	ErrorMessage() string
}

// errorOf describes the error of a call, found with errors.As as a caller
// finds it.
func errorOf(_ any, err error) errorView {
	if err == nil {
		return errorView{err: "<no error>"}
	}
	v := errorView{err: err.Error()}
	var api apiError
	if !errors.As(err, &api) {
		return v
	}
	v.code, v.message = api.ErrorCode(), api.ErrorMessage()
	rv := reflect.ValueOf(api)
	if m := rv.MethodByName("ErrorFault"); m.IsValid() {
		v.fault = fmt.Sprint(m.Call(nil)[0].Interface())
	}
	if rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	v.kind = rv.Type().Name()
	if v.kind == "GenericAPIError" {
		return v
	}
	v.fields = map[string]any{}
	for i := range rv.NumField() {
		if f := rv.Type().Field(i); f.IsExported() {
			v.fields[f.Name] = jsonValue(rv.Field(i))
		}
	}
	return v
}

// differs says how ours (smithygo's) and theirs (aws-sdk-go-v2's) differ
// for case c, or "" if they agree or differ only where the test tolerates
// it (each tolerance says why, and tolerated names it).
func (ours errorView) differs(theirs errorView, c errorCase, tolerated func(string)) string {
	if ours.kind != theirs.kind {
		if c.shape == "" && ours.kind == "GenericAPIError" && theirs.kind == "" && strings.Contains(theirs.err, "failed to decode response body") {
			// A body that is not JSON (a proxy's HTML page): aws-sdk-go-v2
			// fails to decode it and returns a deserialization error;
			// smithygo returns the status as an unmodelled API error that
			// describes the body. Neither is a modelled error.
			tolerated("a body that is not JSON")
			return ""
		}
		return fmt.Sprintf("type %q, awssdk %q", ours.kind, theirs.kind)
	}
	if want := c.shape; want != "" && ours.kind != want {
		return fmt.Sprintf("both return %q, the response was a %q", ours.kind, want)
	}
	if ours.code != theirs.code {
		if c.shape == "" && ours.code == "" && theirs.code == "UnknownError" {
			// A response without an error type: aws-sdk-go-v2 says
			// "UnknownError", smithygo leaves the code empty (its
			// GenericAPIError.Error then names the status).
			tolerated("no code: UnknownError")
		} else {
			return fmt.Sprintf("code %q, awssdk %q", ours.code, theirs.code)
		}
	}
	if ours.message != theirs.message {
		switch {
		case c.message == "errorMessage" && theirs.message == "" && c.shape != "":
			// aws-sdk-go-v2 reads a modelled error's message only from
			// the member's own name (message, Message); smithygo also
			// from "errorMessage", the spelling some services use, as
			// its unmodelled errors do.
			tolerated("errorMessage of a modelled error")
		case c.message == "errorMessage" && theirs.message == "UnknownError" && c.shape == "":
			// aws-sdk-go-v2's unmodelled errors do not read
			// "errorMessage" and say "UnknownError" when they find no
			// message; smithygo reads it.
			tolerated("errorMessage of an unmodelled error")
		case theirs.message == "UnknownError" && ours.message == "" && c.shape == "":
			// No message in the response: aws-sdk-go-v2 says
			// "UnknownError", smithygo leaves it empty.
			tolerated("no message: UnknownError")
		default:
			return fmt.Sprintf("message %q, awssdk %q", ours.message, theirs.message)
		}
	}
	if ours.kind != "GenericAPIError" && ours.fault != theirs.fault {
		return fmt.Sprintf("fault %q, awssdk %q", ours.fault, theirs.fault)
	}
	for name, x := range ours.fields {
		y, ok := theirs.fields[name]
		if !ok {
			return fmt.Sprintf("field %s, which awssdk's type does not have", name)
		}
		if name == "Message" && c.message == "errorMessage" && y == nil {
			continue // as for ErrorMessage above
		}
		if !reflect.DeepEqual(x, y) {
			return fmt.Sprintf("field %s: %v, awssdk %v", name, x, y)
		}
	}
	return ""
}

// errorVariant is one way of writing an error response's type.
type errorVariant int

const (
	typeHeader         errorVariant = iota // X-Amzn-Errortype: Name
	typeHeaderQualifed                     // X-Amzn-Errortype: Name:http://internal.amazon.com/...
	typeBodyQualified                      // "__type": "ns#Name"
	typeBodyBare                           // "__type": "Name"
	typeBodyCode                           // "code": "Name"
	typeBodyURI                            // "__type": "aws.foo#Name:http://internal.amazon.com/..."
	typeHeaderNS                           // X-Amzn-Errortype: aws.foo#Name
	typeBodyCodeUpper                      // "Code": "Name"
	typeHeaderNoBody                       // X-Amzn-Errortype: Name, and an empty body (a HEAD's error)
	numErrorVariants
)

var errorVariantNames = []string{"header", "header-uri", "type-ns", "type", "code", "type-ns-uri", "header-ns", "Code", "header-nobody"}

var messageSpellings = []string{"message", "Message", "errorMessage"}

// errorCases builds the run's responses.
func errorCases() (cases []errorCase, skipped []string) {
	for _, svc := range agreeServices {
		model, err := serviceModel(svc)
		if err != nil {
			skipped = append(skipped, err.Error())
			continue
		}
		service := svc.ns[strings.LastIndex(svc.ns, ".")+1:]
		our, aws := svc.our(MemoryTransport{}, ""), svc.aws(MemoryTransport{}, "")
		var serviceErrors []modelMember
		for id, s := range model {
			if s.Type == "service" && strings.HasPrefix(id, svc.ns+"#") {
				serviceErrors = s.Errors
			}
		}
		r := rand.New(rand.NewPCG(41, uint64(len(cases))))
		seen := map[string]int{} // by error shape: how many operations wrote it
		for _, id := range serviceOperations(model, svc, func(map[string]modelShape, modelShape) bool { return true }) {
			op := id[strings.IndexByte(id, '#')+1:]
			if !reflect.ValueOf(our).MethodByName(op).IsValid() || !reflect.ValueOf(aws).MethodByName(op).IsValid() {
				skipped = append(skipped, fmt.Sprintf("%s.%s: a client has no such method", service, op))
				continue
			}
			errs := slices.Concat(model[id].Errors, serviceErrors)
			for _, e := range errs {
				variants := []errorVariant{errorVariant(seen[e.Target] % int(numErrorVariants))}
				if seen[e.Target] == 0 {
					variants = variants[:0]
					for v := range numErrorVariants {
						variants = append(variants, v)
					}
				}
				for _, v := range variants {
					spelling := messageSpellings[(seen[e.Target]+int(v))%len(messageSpellings)]
					resp := errorResponse(model, svc, e.Target, v, spelling, r)
					name := e.Target[strings.IndexByte(e.Target, '#')+1:]
					cases = append(cases, errorCase{
						service: service, op: op, our: our, aws: aws, resp: resp, shape: name, variant: v, message: spelling,
						name: fmt.Sprintf("%s.%s/%s/%s/%s", service, op, name, errorVariantNames[v], spelling),
					})
				}
				seen[e.Target]++
			}
			cases = append(cases, unknownErrorCases(svc, service, op, our, aws, len(cases))...)
		}
	}
	return cases, skipped
}

// unknownErrorCases are responses that name no error of the model, or
// none at all: each operation gets one, in turn (k).
func unknownErrorCases(svc modelService, service, op string, our, aws any, k int) []errorCase {
	ct := cmpOr(svc.contentType, "application/json")
	json := http.Header{"Content-Type": {ct}}
	all := []struct {
		name     string
		resp     cannedResponse
		spelling string
	}{
		{"unknown-header", cannedResponse{400, http.Header{"Content-Type": {ct}, "X-Amzn-Errortype": {"UnmodeledQuotaException:http://internal.amazon.com/coral/com.amazon.coral.service/"}}, `{"message":"over the quota"}`}, "message"},
		{"unknown-type", cannedResponse{400, json, `{"__type":"com.amazonaws.unknown#UnmodeledQuotaException","Message":"over the quota"}`}, "Message"},
		{"unknown-code", cannedResponse{409, json, `{"code":"UnmodeledConflict","message":"in use"}`}, "message"},
		{"unknown-errorMessage", cannedResponse{400, json, `{"__type":"UnmodeledQuotaException","errorMessage":"over the quota"}`}, "errorMessage"},
		{"no-type", cannedResponse{400, json, `{"message":"something went wrong"}`}, "message"},
		{"empty-object", cannedResponse{500, json, `{}`}, ""},
		{"empty-body", cannedResponse{503, http.Header{}, ``}, ""},
		{"html", cannedResponse{502, http.Header{"Content-Type": {"text/html"}}, "<html><body><h1>502 Bad Gateway</h1></body></html>\n"}, ""},
		{"text", cannedResponse{403, http.Header{"Content-Type": {"text/plain"}}, "Forbidden"}, ""},
	}
	u := all[k%len(all)]
	return []errorCase{{service: service, op: op, our: our, aws: aws, resp: u.resp, message: u.spelling, name: fmt.Sprintf("%s.%s/%s", service, op, u.name)}}
}

// errorResponse writes error shape id as svc's protocol does, its type in
// the form variant says and its message member under spelling.
func errorResponse(model map[string]modelShape, svc modelService, id string, variant errorVariant, spelling string, r *rand.Rand) cannedResponse {
	s := model[id]
	name := id[strings.IndexByte(id, '#')+1:]
	status := 400
	if fault, _ := s.Traits["smithy.api#error"].(string); fault == "server" {
		status = 500
	}
	if code, ok := s.Traits["smithy.api#httpError"].(float64); ok {
		status = int(code)
	}
	h := http.Header{"Content-Type": {cmpOr(svc.contentType, "application/json")}}
	g := &payloadGen{model: model, r: r, p: Profile{ListLen: [2]int{1, 3}, MapLen: [2]int{1, 3}, JSONName: svc.restJSON, RichStrings: r.IntN(2) == 0, MaxString: 40}}
	g.b = append(g.b, '{')
	field := func(k string) {
		if len(g.b) > 1 {
			g.b = append(g.b, ',')
		}
		g.b = strconv.AppendQuote(g.b, k)
		g.b = append(g.b, ':')
	}
	const uri = ":http://internal.amazon.com/coral/com.amazon.coral.service/"
	switch variant {
	case typeHeader:
		h.Set("X-Amzn-Errortype", name)
	case typeHeaderQualifed:
		h.Set("X-Amzn-Errortype", name+uri)
	case typeBodyQualified:
		field("__type")
		g.b = strconv.AppendQuote(g.b, id)
	case typeBodyBare:
		field("__type")
		g.b = strconv.AppendQuote(g.b, name)
	case typeBodyCode:
		if _, ok := s.Members["code"]; !ok {
			field("code")
			g.b = strconv.AppendQuote(g.b, name)
		}
	case typeBodyURI:
		field("__type")
		g.b = strconv.AppendQuote(g.b, "aws.foo#"+name+uri)
	case typeHeaderNS:
		h.Set("X-Amzn-Errortype", "aws.foo#"+name)
	case typeBodyCodeUpper:
		field("Code")
		g.b = strconv.AppendQuote(g.b, name)
	case typeHeaderNoBody:
		h.Set("X-Amzn-Errortype", name)
		return cannedResponse{status, h, ""}
	}
	hasMessage := false
	for _, m := range members(s) {
		mm := s.Members[m]
		if hn, ok := mm.Traits["smithy.api#httpHeader"].(string); ok && svc.restJSON {
			h.Set(hn, headerValue(g, mm))
			continue
		}
		wire := g.wireName(m, mm)
		if strings.EqualFold(m, "message") {
			wire, hasMessage = spelling, true
		}
		field(wire)
		if m == "code" {
			// Glacier's errors have a code member: the service sets it to
			// the error's name, and clients take the type from it.
			g.b = strconv.AppendQuote(g.b, name)
			continue
		}
		g.value(mm, 1)
	}
	if !hasMessage {
		// An error without a message member (Transfer's
		// ThrottlingException): services send one all the same.
		field(spelling)
		g.str("smithy.api#String", modelShape{})
	}
	g.b = append(g.b, '}')
	if g.err != nil {
		panic(g.err)
	}
	return cannedResponse{status, h, string(g.b)}
}

// headerValue returns a random value of member m as an HTTP header holds
// it (restJson1's rules: timestamps as HTTP dates, lists joined by ", ").
func headerValue(g *payloadGen, m modelMember) string {
	s, ok := g.model[m.Target]
	if !ok {
		s = modelShape{Type: preludeType(m.Target)}
	}
	switch s.Type {
	case "integer", "long", "short", "byte":
		lo, hi := rangeOf(s, 0, 3600)
		return strconv.Itoa(int(lo) + g.r.IntN(int(hi-lo)+1))
	case "boolean":
		return strconv.FormatBool(g.r.IntN(2) == 0)
	case "float", "double":
		return strconv.FormatFloat(float64(g.r.IntN(100000))/100, 'g', -1, 64)
	case "timestamp":
		return time.Unix(1_580_000_000+g.r.Int64N(200_000_000), 0).UTC().Format(http.TimeFormat)
	case "enum":
		vals := enumValues(s)
		return vals[g.r.IntN(len(vals))]
	}
	return g.word(m.Target)
}
