package bench

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	awsglacier "github.com/aws/aws-sdk-go-v2/service/glacier"

	"github.com/smithygo/smithygo/bench/internal/crossmodel/glacier"
)

// agreeServices are modelServices and the services that only the
// agreement tests (TestErrorsAgree, TestBoundOutputsAgree) use: Glacier,
// whose outputs are mostly headers, a status code and payloads.
var agreeServices = append(slices.Clip(modelServices),
	modelService{"aws/glacier", "com.amazonaws.glacier", true, "",
		func(hc httpDoer, endpoint string) any {
			return glacier.New(glacier.Options{Region: Region, Credentials: glacier.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc, BaseEndpoint: endpoint, Validation: glacier.ValidateNone})
		},
		func(hc httpDoer, endpoint string) any {
			return awsglacier.New(awsglacier.Options{Region: Region, Credentials: awsCredentials, HTTPClient: hc, BaseEndpoint: awsEndpoint(endpoint), APIOptions: awsNoValidation})
		}},
)

// TestBoundOutputsAgree checks that the generated restJson1 clients and
// aws-sdk-go-v2's decode outputs with members bound to the HTTP response
// alike: those TestDecodeModelsAgree leaves out, with @httpHeader,
// @httpPrefixHeaders, @httpResponseCode or @httpPayload members. Each
// operation's response is written with every member set to a random value
// (fixed seed; headers as restJson1 writes them: HTTP dates, lists joined
// by ", " with quoted items, @mediaType strings in base64, though the
// bound headers of these models are only strings, some with commas and
// quotes, and integers), in eight draws, and the outputs must be the same
// member by member.
func TestBoundOutputsAgree(t *testing.T) {
	ctx := context.Background()
	n := 0
	for _, svc := range agreeServices {
		if !svc.restJSON {
			continue
		}
		model, err := serviceModel(svc)
		if err != nil {
			t.Log("left out:", err)
			continue
		}
		service := svc.ns[strings.LastIndex(svc.ns, ".")+1:]
		our, aws := svc.our(MemoryTransport{}, ""), svc.aws(MemoryTransport{}, "")
		for _, id := range serviceOperations(model, svc, func(model map[string]modelShape, op modelShape) bool {
			return op.Output != nil && !bodyOutput(model, op)
		}) {
			op := id[strings.IndexByte(id, '#')+1:]
			if !reflect.ValueOf(our).MethodByName(op).IsValid() || !reflect.ValueOf(aws).MethodByName(op).IsValid() {
				t.Logf("left out: %s.%s: a client has no such method", service, op)
				continue
			}
			r := rand.New(rand.NewPCG(51, uint64(n)))
			for draw := range 8 {
				resp, skip := boundResponse(model, svc, model[id].Output.Target, r, draw)
				if skip != "" {
					t.Logf("left out: %s.%s: %s", service, op, skip)
					break
				}
				n++
				name := fmt.Sprintf("%s.%s/%d", service, op, draw)
				outOurs, err1 := callResponding(ctx, our, op, resp)
				outAWS, err2 := callResponding(ctx, aws, op, resp)
				if err1 != nil || err2 != nil {
					t.Errorf("%s: errors: smithygo %v, awssdk %v\n  response: %d %v %.300q", name, err1, err2, resp.status, resp.header, resp.body)
					continue
				}
				a, b := outputFields(outOurs), outputFields(outAWS)
				for _, f := range slices.Sorted(maps.Keys(a)) {
					x, y := a[f], b[f]
					if _, ok := b[f]; !ok {
						t.Errorf("%s: field %s, which awssdk's output does not have", name, f)
						continue
					}
					if !reflect.DeepEqual(x, y) {
						t.Errorf("%s: field %s: smithygo %v, awssdk %v\n  response: %d %v %.300q", name, f, x, y, resp.status, resp.header, resp.body)
					}
				}
			}
		}
	}
	if n == 0 {
		t.Skip("no bound outputs (the models are read from ../shared)")
	}
	t.Logf("%d responses", n)
}

// outputFields returns the exported fields of an output by name, as
// jsonValue writes them, with a stream read to its end (as base64 text);
// without aws-sdk-go-v2's ResultMetadata, which ours has no field for.
func outputFields(out any) map[string]any {
	v := reflect.ValueOf(out).Elem()
	m := map[string]any{}
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if !f.IsExported() || f.Name == "ResultMetadata" {
			continue
		}
		if r, ok := v.Field(i).Interface().(io.Reader); ok && r != nil {
			data, err := io.ReadAll(r)
			if c, ok := r.(io.Closer); ok {
				c.Close()
			}
			if err != nil {
				m[f.Name] = "read error: " + err.Error()
			} else {
				m[f.Name] = base64.StdEncoding.EncodeToString(data)
			}
			continue
		}
		m[f.Name] = jsonValue(v.Field(i))
	}
	return m
}

// The draws of TestBoundOutputsAgree that write the bound members
// differently: header members present with empty values and an empty
// payload; header members and the payload left out.
const (
	emptyDraw  = 3
	absentDraw = 4
)

// boundResponse writes a response of output structure id with every member
// set, bound ones where their traits say; draw varies the values' style. It
// says why it cannot (skip) for members it does not write.
func boundResponse(model map[string]modelShape, svc modelService, id string, r *rand.Rand, draw int) (resp cannedResponse, skip string) {
	s := model[id]
	g := &payloadGen{model: model, r: r, p: Profile{ListLen: [2]int{1, 3}, MapLen: [2]int{1, 3}, JSONName: true, RichStrings: draw%2 == 1, MaxString: 60}}
	h := http.Header{}
	status := 200
	var payload []byte
	payloadSet, contentType := false, ""
	g.b = append(g.b, '{')
	for _, name := range members(s) {
		m := s.Members[name]
		target, ok := model[m.Target]
		if !ok {
			target = modelShape{Type: preludeType(m.Target)}
		}
		switch {
		case m.Traits["smithy.api#httpHeader"] != nil && draw == absentDraw:
		case m.Traits["smithy.api#httpHeader"] != nil:
			hn := m.Traits["smithy.api#httpHeader"].(string)
			v := boundHeaderValue(g, m, target, draw)
			if draw == emptyDraw && (target.Type == "string" || target.Type == "list") {
				v = "" // present, but empty
			}
			if strings.EqualFold(hn, "Content-Type") {
				contentType = v
			}
			h.Set(hn, v)
		case m.Traits["smithy.api#httpPrefixHeaders"] != nil:
			prefix := m.Traits["smithy.api#httpPrefixHeaders"].(string)
			for i := range 1 + r.IntN(3) {
				h.Set(prefix+"X-Meta-"+strconv.Itoa(i)+g.word("smithy.api#String")[:3], g.word("smithy.api#String"))
			}
		case m.Traits["smithy.api#httpResponseCode"] != nil:
			status = []int{200, 201, 202, 203, 206}[r.IntN(5)]
		case m.Traits["smithy.api#httpPayload"] != nil && (draw == emptyDraw || draw == absentDraw):
			// No payload: an empty body.
			payloadSet = true
		case m.Traits["smithy.api#httpPayload"] != nil:
			payloadSet = true
			switch target.Type {
			case "blob":
				payload = make([]byte, r.IntN(200))
				for i := range payload {
					payload[i] = byte(r.Uint32())
				}
			case "string":
				payload = []byte(strings.Repeat(g.word("smithy.api#String")+" ", 1+r.IntN(4)))
			case "structure":
				sub := &payloadGen{model: model, r: r, p: g.p}
				sub.value(m, 1)
				if sub.err != nil {
					return resp, sub.err.Error()
				}
				payload = sub.b
				if contentType == "" {
					contentType = "application/json"
				}
			default:
				return resp, fmt.Sprintf("a %s payload", target.Type)
			}
		default:
			if len(g.b) > 1 {
				g.b = append(g.b, ',')
			}
			g.b = strconv.AppendQuote(g.b, g.wireName(name, m))
			g.b = append(g.b, ':')
			g.value(m, 1)
		}
	}
	g.b = append(g.b, '}')
	if g.err != nil {
		return resp, g.err.Error()
	}
	body := string(g.b)
	if payloadSet {
		body = string(payload)
	} else if contentType == "" {
		contentType = "application/json"
	}
	if contentType != "" && h.Get("Content-Type") == "" {
		h.Set("Content-Type", contentType)
	}
	return cannedResponse{status, h, body}, ""
}

// boundHeaderValue returns a random value for header-bound member m of type
// target, as restJson1 writes it.
func boundHeaderValue(g *payloadGen, m modelMember, target modelShape, draw int) string {
	if _, ok := target.Traits["smithy.api#mediaType"]; ok && target.Type == "string" {
		// A @mediaType string is base64 in a header.
		return base64.StdEncoding.EncodeToString([]byte(`{"k":"` + g.word("smithy.api#String") + `"}`))
	}
	switch target.Type {
	case "string":
		if vals := enumTraitValues(target); vals != nil {
			return vals[g.r.IntN(len(vals))]
		}
		w := g.word(m.Target)
		if draw%3 == 2 {
			// A string header is taken whole, commas and quotes too.
			w = `a, "b" ` + w
		}
		return w
	case "list":
		n := 1 + g.r.IntN(3)
		items := make([]string, n)
		for i := range items {
			item := g.word(target.Member.Target)
			if draw%3 == 2 && i == 0 {
				item = `x, "y"`
			}
			if strings.ContainsAny(item, `,"`) {
				item = strconv.Quote(item)
			}
			items[i] = item
		}
		return strings.Join(items, ", ")
	case "timestamp":
		t := time.Unix(1_580_000_000+g.r.Int64N(200_000_000), 0).UTC()
		format, _ := m.Traits["smithy.api#timestampFormat"].(string)
		if format == "" {
			format, _ = target.Traits["smithy.api#timestampFormat"].(string)
		}
		switch format {
		case "date-time":
			return t.Format(time.RFC3339)
		case "epoch-seconds":
			return strconv.FormatInt(t.Unix(), 10)
		}
		return t.Format(http.TimeFormat)
	}
	return headerValue(g, m)
}
