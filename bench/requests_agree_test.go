package bench

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"math/big"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awscognitoidentityproviderdocument "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/document"
	awsdynamodb "github.com/aws/aws-sdk-go-v2/service/dynamodb"
	awsdynamodbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	awsneptunegraphdocument "github.com/aws/aws-sdk-go-v2/service/neptunegraph/document"
	awsoutposts "github.com/aws/aws-sdk-go-v2/service/outposts"
	awssqs "github.com/aws/aws-sdk-go-v2/service/sqs"

	awsappconfigtypes "github.com/aws/aws-sdk-go-v2/service/appconfig/types"
	awscloudwatchlogstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	awsemrserverlesstypes "github.com/aws/aws-sdk-go-v2/service/emrserverless/types"
	awsneptunegraphtypes "github.com/aws/aws-sdk-go-v2/service/neptunegraph/types"
	awspipestypes "github.com/aws/aws-sdk-go-v2/service/pipes/types"
	awstransfertypes "github.com/aws/aws-sdk-go-v2/service/transfer/types"
	awsxraytypes "github.com/aws/aws-sdk-go-v2/service/xray/types"

	appconfigtypes "github.com/smithygo/smithygo/bench/internal/crossmodel/appconfig/types"
	cloudwatchlogstypes "github.com/smithygo/smithygo/bench/internal/crossmodel/cloudwatchlogs/types"
	emrserverlesstypes "github.com/smithygo/smithygo/bench/internal/crossmodel/emrserverless/types"
	neptunegraphtypes "github.com/smithygo/smithygo/bench/internal/crossmodel/neptunegraph/types"
	pipestypes "github.com/smithygo/smithygo/bench/internal/crossmodel/pipes/types"
	transfertypes "github.com/smithygo/smithygo/bench/internal/crossmodel/transfer/types"
	xraytypes "github.com/smithygo/smithygo/bench/internal/crossmodel/xray/types"
	"github.com/smithygo/smithygo/bench/internal/dynamodb"
	dynamodbtypes "github.com/smithygo/smithygo/bench/internal/dynamodb/types"
	"github.com/smithygo/smithygo/bench/internal/sqs"
	"github.com/smithygo/smithygo/generated/outposts"
)

// TestRequestsAgree is the request side of TestDecodeModelsAgree: for every
// operation that both clients have of the cross-model services, DynamoDB,
// SQS and Outposts, it builds requestsVariants inputs, each from a seed of
// its own: every member set (nested structures, lists, maps, unions,
// documents, enums, timestamps, blobs, numbers at their edges, empty
// strings, lists and maps, strings with characters that need escaping),
// about half of them unset, or only the labels. It sets the same values on
// the generated client's input and on aws-sdk-go-v2's and sends both through
// a transport that keeps the requests: to a fixed endpoint, one with a path,
// or the endpoint that each client's rules give for a place (requestsPlaces).
// It compares what each sent: method, host, escaped path, query (decoded, as
// a multiset), the headers that carry data, ContentLength and the body (JSON
// by value); checks our signature with aws-sdk-go-v2's signer; and checks
// that the retry after a 503 is each client's first request again.
// Validation is off on both sides, so values need not satisfy the model's
// constraints. Where the clients differ and neither is wrong, compareRequests
// and jsonDiff say why they let it be.
//
// REQDUMP=service.Operation (kinesis.PutRecords) logs both requests of
// that operation.
//
// It is not parallel (t.Setenv); its services' subtests are.
func TestRequestsAgree(t *testing.T) {
	// As in a Lambda function: both clients of SQS send the invocation's
	// trace ID as X-Amzn-Trace-Id, by which Lambda stops a function that
	// invokes itself in a loop (compareRequests lets the other services
	// be, which aws-sdk-go-v2 sends it to as well).
	t.Setenv(lambdaFunctionEnv, "requests-agree")
	t.Setenv(lambdaTraceEnv, lambdaTraceID)
	ran := 0
	for _, svc := range requestServices() {
		model, err := svc.model()
		if err != nil {
			t.Log("left out:", err)
			continue
		}
		service := svc.ns[strings.LastIndex(svc.ns, ".")+1:]
		var ops []string
		for _, id := range serviceOperations(model, modelService{ns: svc.ns}, func(map[string]modelShape, modelShape) bool { return true }) {
			name := id[strings.IndexByte(id, '#')+1:]
			if !ourMethod(svc.our(nil, ""), name).IsValid() || !reflect.ValueOf(svc.aws(nil, "")).MethodByName(name).IsValid() {
				t.Logf("left out %s.%s: a client has no such method", service, name)
				continue
			}
			ops = append(ops, id)
		}
		ran += len(ops)
		t.Run(service, func(t *testing.T) {
			t.Parallel()
			unmatched := map[string]bool{}
			for _, id := range ops {
				name := id[strings.IndexByte(id, '#')+1:]
				t.Run(name, func(t *testing.T) {
					for variant := range requestsVariants {
						var ours, theirs capture
						endpoint := requestsEndpoint
						if variant%4 == 1 {
							endpoint += requestsBasePath
						}
						if variant%4 >= 2 {
							endpoint = "" // from the region, by each client's endpoint rules
						}
						our := ourMethod(svc.our(&ours, endpoint), name)
						aws := reflect.ValueOf(svc.aws(&theirs, endpoint)).MethodByName(name)
						h := fnv.New64a()
						fmt.Fprintf(h, "%s.%s/%d", service, name, variant)
						g := &inputGen{r: rand.New(rand.NewPCG(requestsSeed, h.Sum64())), unmatched: unmatched, hostLabels: hostLabels(model, model[id]), sparse: variant%2 == 1, bare: variant == requestsVariants-1}
						place := requestsPlaces[0]
						if endpoint == "" {
							// A place of the operation's own (its seed),
							// so that the operations cover every place.
							place = requestsPlaces[int(h.Sum64()%uint64(len(requestsPlaces)))]
						}
						g.place = place
						a, b := reflect.New(our.Type().In(1).Elem()), reflect.New(aws.Type().In(1).Elem())
						g.fill(a.Elem(), b.Elem(), 0, name)
						for _, e := range g.errs {
							t.Errorf("input %d: %s", variant, e)
						}
						ctx := context.Background()
						_, errOurs := callWith(ctx, our, a, place.option(our, false))
						_, errAWS := callWith(ctx, aws, b, place.option(aws, true))
						switch {
						case ours.req == nil && theirs.req == nil:
							// Both refuse the input alike where the endpoint
							// rules reject the place (FIPS where an
							// operation has none, an ARN of another
							// partition): the same rule's message.
							const prefix = "resolving the endpoint: "
							if msg, ok := strings.CutPrefix(errorAfter(errOurs, prefix), prefix); !ok || !strings.Contains(fmt.Sprint(errAWS), msg) {
								t.Fatalf("input %d: neither client sent a request: smithygo %v; awssdk %v", variant, errOurs, errAWS)
							}
							continue
						case ours.req == nil || theirs.req == nil:
							t.Fatalf("input %d: one client sent no request: smithygo %v; awssdk %v", variant, errOurs, errAWS)
						}
						if os.Getenv("REQDUMP") == service+"."+name {
							t.Logf("input %d:\nsmithygo %+v\nawssdk   %+v", variant, *ours.req, *theirs.req)
						}
						for _, d := range compareRequests(service, name, ours.req, theirs.req) {
							t.Errorf("input %d: %s", variant, d)
						}
						if x, y := ours.req.header.Get("Authorization") != "", theirs.req.header.Get("Authorization") != ""; x != y {
							t.Errorf("input %d: signed: smithygo %v, awssdk %v", variant, x, y)
						} else if x {
							if d := checkSignature(ours.req); d != "" {
								t.Errorf("input %d: %s", variant, d)
							}
						}
						// The retry after the 503: one each, the request
						// sent again as it was (the same idempotency
						// token), and signed again.
						if len(ours.retry) != 1 || len(theirs.retry) != 1 {
							t.Errorf("input %d: retries: smithygo %d, awssdk %d; want 1 each (errors: smithygo %v; awssdk %v)", variant, len(ours.retry), len(theirs.retry), errOurs, errAWS)
							continue
						}
						if d := compareRetry(ours.req, ours.retry[0]); d != "" {
							t.Errorf("input %d: smithygo's retry differs from its first request: %s", variant, d)
						}
						if d := compareRetry(theirs.req, theirs.retry[0]); d != "" {
							t.Errorf("input %d: awssdk's retry differs from its first request: %s", variant, d)
						}
						if ours.retry[0].header.Get("Authorization") != "" {
							if d := checkSignature(ours.retry[0]); d != "" {
								t.Errorf("input %d: retry: %s", variant, d)
							}
						}
					}
				})
			}
			for _, f := range slices.Sorted(mapKeys(unmatched)) {
				t.Logf("set on neither input (one client's type lacks it): %s", f)
			}
		})
	}
	if ran == 0 {
		t.Skip("no cross-model operations (the models are read from ../shared)")
	}
}

// requestService is a service of TestRequestsAgree.
type requestService struct {
	ns       string // the namespace of its operations
	model    func() (map[string]modelShape, error)
	our, aws func(hc httpDoer, endpoint string) any
}

// requestServices are the services of TestRequestsAgree: the cross-model
// run's and Glacier (agreeServices), and DynamoDB, SQS and Outposts, whose
// clients bench compares with aws-sdk-go-v2's elsewhere.
func requestServices() []requestService {
	var svcs []requestService
	for _, svc := range agreeServices {
		svcs = append(svcs, requestService{svc.ns, func() (map[string]modelShape, error) { return serviceModel(svc) }, svc.our, svc.aws})
	}
	shared := func(dir string) func() (map[string]modelShape, error) {
		return func() (map[string]modelShape, error) {
			path := filepath.Join("..", "..", "shared", "models", dir)
			if _, err := os.Stat(path); err != nil {
				return nil, fmt.Errorf("%s: no model (%v)", dir, err)
			}
			return LoadModelDir(path)
		}
	}
	return append(svcs,
		requestService{"com.amazonaws.dynamodb", shared("aws-awsjson/dynamodb"),
			func(hc httpDoer, endpoint string) any {
				return dynamodb.New(dynamodb.Options{Region: Region, Credentials: dynamodb.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc, BaseEndpoint: endpoint, Validation: dynamodb.ValidateNone})
			},
			func(hc httpDoer, endpoint string) any {
				return awsdynamodb.New(awsdynamodb.Options{Region: Region, Credentials: awsCredentials, HTTPClient: hc, BaseEndpoint: awsEndpoint(endpoint), APIOptions: awsNoValidation})
			}},
		requestService{"com.amazonaws.sqs", shared("aws-awsjson/sqs"),
			func(hc httpDoer, endpoint string) any {
				return sqs.New(sqs.Options{Region: Region, Credentials: sqs.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc, BaseEndpoint: endpoint, Validation: sqs.ValidateNone})
			},
			func(hc httpDoer, endpoint string) any {
				return awssqs.New(awssqs.Options{Region: Region, Credentials: awsCredentials, HTTPClient: hc, BaseEndpoint: awsEndpoint(endpoint), APIOptions: awsNoValidation,
					// It checks the MD5 digests of messages in the output,
					// which the canned answer does not have.
					DisableMessageChecksumValidation: true})
			}},
		requestService{"com.amazonaws.outposts", LoadModel,
			func(hc httpDoer, endpoint string) any {
				return outposts.New(outposts.Options{Region: Region, Credentials: outposts.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc, BaseEndpoint: endpoint, Validation: outposts.ValidateNone})
			},
			func(hc httpDoer, endpoint string) any {
				return awsoutposts.New(awsoutposts.Options{Region: Region, Credentials: awsCredentials, HTTPClient: hc, BaseEndpoint: awsEndpoint(endpoint), APIOptions: awsNoValidation})
			}},
	)
}

// requestsSeed is the seed of every input of TestRequestsAgree, with the
// operation's name and the input's number.
const requestsSeed = 20261207

// requestsVariants is how many inputs TestRequestsAgree sends of each
// operation: every other one sparse (inputGen.sparse), the last one bare.
const requestsVariants = 5

// requestsEndpoint is both clients' endpoint for the inputs that do not go
// to a place's: a fixed host, so that the host compared is the endpoint with
// any @endpoint host prefix.
const requestsEndpoint = "https://svc.example.com"

// requestsBasePath is the path of the endpoint of every fourth input.
const requestsBasePath = "/base"

// ourMethod returns the method of smithygo's client for the operation
// name: name, or name_ where the client has a method of that name of its
// own (DynamoDB's Scan, Scan_).
func ourMethod(client any, name string) reflect.Value {
	v := reflect.ValueOf(client)
	if m := v.MethodByName(name + "_"); m.IsValid() {
		return m
	}
	return v.MethodByName(name)
}

// awsRetryNow is aws-sdk-go-v2's standard retryer without a delay between
// attempts or a quota of retries.
var awsRetryNow aws.Retryer = retry.NewStandard(func(o *retry.StandardOptions) {
	o.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 0, nil })
	o.RateLimiter = ratelimit.None
})

// errorAfter returns the text of err from the first prefix on, or "".
func errorAfter(err error, prefix string) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	if i := strings.Index(msg, prefix); i >= 0 {
		return msg[i:]
	}
	return ""
}

// requestPlace is where a client is: its region, and whether it asks for
// FIPS and dual-stack endpoints.
type requestPlace struct {
	region          string
	fips, dualStack bool
}

// requestsPlaces are the places of the inputs sent to the endpoints that
// each client's rules give (every other pair of inputs), each input at one
// chosen by its seed: partitions other than aws's, and FIPS and dual-stack
// endpoints.
var requestsPlaces = []requestPlace{
	{Region, false, false},
	{"cn-north-1", false, false},
	{"us-gov-west-1", true, false},
	{"eu-central-1", false, true},
	{"us-east-1", true, true},
	{"us-iso-east-1", false, false},
	{"us-isob-east-1", true, false},
	{"ap-southeast-7", false, false},
	{"eusc-de-east-1", false, false},
	{"us-isof-south-1", false, false},
	{"eu-isoe-west-1", false, false},
	{"cn-northwest-1", false, true},
}

// partition returns the name of the partition of p's region.
func (p requestPlace) partition() string {
	for _, x := range []struct{ prefix, name string }{
		{"cn-", "aws-cn"}, {"us-gov-", "aws-us-gov"}, {"us-isob-", "aws-iso-b"}, {"us-isof-", "aws-iso-f"},
		{"us-iso-", "aws-iso"}, {"eu-isoe-", "aws-iso-e"}, {"eusc-", "aws-eusc"},
	} {
		if strings.HasPrefix(p.region, x.prefix) {
			return x.name
		}
	}
	return "aws"
}

// option returns the option function of the client method m that puts
// the client at p: smithygo's Options has Region, UseFIPS and UseDualStack,
// aws-sdk-go-v2's Region and EndpointOptions. It also has each retry at
// once (a backoff of at most a nanosecond for smithygo, awsRetryNow for
// aws-sdk-go-v2), so that the test does not wait.
func (p requestPlace) option(m reflect.Value, awssdk bool) reflect.Value {
	fn := m.Type().In(m.Type().NumIn() - 1).Elem()
	return reflect.MakeFunc(fn, func(args []reflect.Value) []reflect.Value {
		o := args[0].Elem()
		o.FieldByName("Region").SetString(p.region)
		if awssdk {
			o.FieldByName("Retryer").Set(reflect.ValueOf(awsRetryNow))
			// aws.FIPSEndpointStateEnabled and
			// aws.DualStackEndpointStateEnabled.
			e := o.FieldByName("EndpointOptions")
			if p.fips {
				e.FieldByName("UseFIPSEndpoint").Set(reflect.ValueOf(aws.FIPSEndpointStateEnabled))
			}
			if p.dualStack {
				e.FieldByName("UseDualStackEndpoint").Set(reflect.ValueOf(aws.DualStackEndpointStateEnabled))
			}
		} else {
			o.FieldByName("RetryMaxBackoff").Set(reflect.ValueOf(time.Nanosecond))
			o.FieldByName("UseFIPS").SetBool(p.fips)
			o.FieldByName("UseDualStack").SetBool(p.dualStack)
		}
		return nil
	})
}

// callWith calls the client method m with the input in and the option
// function opt.
func callWith(ctx context.Context, m, in, opt reflect.Value) (any, error) {
	out := m.Call([]reflect.Value{reflect.ValueOf(ctx), in, opt})
	err, _ := out[1].Interface().(error)
	return out[0].Interface(), err
}

// capture is a client's HTTPClient that keeps the requests it is given. It
// answers the first with 503 and a ServiceUnavailableException, which both
// clients retry, and every other with 200 and an empty JSON object, which
// each operation's output decodes from (all its members absent).
type capture struct {
	req   *sentRequest   // the first request
	retry []*sentRequest // the others
}

// sentRequest is a request as capture kept it.
type sentRequest struct {
	method, host, path string
	rawQuery           string
	query              url.Values
	header             http.Header
	body               []byte
	// length is the request's ContentLength, which net/http sends as
	// Content-Length (where it is not the body's length, net/http sends
	// the body chunked, or fails).
	length int64
}

func (c *capture) Do(r *http.Request) (*http.Response, error) {
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(r.Body)
		r.Body.Close()
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		q = url.Values{"!unparsable": {r.URL.RawQuery}}
	}
	sent := &sentRequest{r.Method, r.URL.Host, r.URL.EscapedPath(), r.URL.RawQuery, q, r.Header.Clone(), body, r.ContentLength}
	if r.Host != "" && r.Host != r.URL.Host {
		sent.host += " (Host " + r.Host + ")"
	}
	resp := &http.Response{
		Status:        "200 OK",
		StatusCode:    200,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"application/json"}, "X-Amzn-Requestid": {RequestID}},
		Body:          io.NopCloser(strings.NewReader("{}")),
		ContentLength: 2,
		Request:       r,
	}
	if c.req != nil {
		c.retry = append(c.retry, sent)
		return resp, nil
	}
	c.req = sent
	const unavailable = `{"__type":"ServiceUnavailableException","message":"try again"}`
	resp.Status, resp.StatusCode = "503 Service Unavailable", 503
	resp.Header.Set("X-Amzn-Errortype", "ServiceUnavailableException")
	resp.Body, resp.ContentLength = io.NopCloser(strings.NewReader(unavailable)), int64(len(unavailable))
	return resp, nil
}

// compareRetry returns how the retry b differs from the first request a
// of the same client, or "": in nothing but the headers of the attempt (its
// number, its time and its signature); the body byte for byte, so the same
// idempotency token, and the same invocation ID.
func compareRetry(a, b *sentRequest) string {
	x := fmt.Sprint(a.method, a.host, a.path, a.rawQuery, a.length)
	y := fmt.Sprint(b.method, b.host, b.path, b.rawQuery, b.length)
	if x != y {
		return fmt.Sprintf("%s, then %s", x, y)
	}
	if !bytes.Equal(a.body, b.body) {
		return fmt.Sprintf("body %q, then %q", a.body, b.body)
	}
	for _, h := range []http.Header{a.header, b.header} {
		for k := range h {
			switch k {
			case "Amz-Sdk-Request", "X-Amz-Date", "Authorization":
				continue
			}
			if !slices.Equal(a.header[k], b.header[k]) {
				return fmt.Sprintf("header %s %q, then %q", k, a.header[k], b.header[k])
			}
		}
	}
	return ""
}

// ignoredHeaders are the headers that carry no member of the input: each
// client's own name and version, the signature and what it signs, and the
// invocation ID and attempt counter (compareRetry checks those within a
// client).
// The environment of a Lambda function that TestRequestsAgree runs in, and
// the trace ID of its invocation, as Lambda writes one.
const (
	lambdaFunctionEnv = "AWS_LAMBDA_FUNCTION_NAME"
	lambdaTraceEnv    = "_X_AMZN_TRACE_ID"
	lambdaTraceID     = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1"
)

// lambdaTraced are the services whose clients smithygo has send the trace
// ID (internal/gogen/customize.go: those Lambda's loop detection covers).
var lambdaTraced = map[string]bool{"sqs": true, "lambda": true}

var ignoredHeaders = map[string]bool{
	"User-Agent":            true,
	"X-Amz-User-Agent":      true,
	"Authorization":         true,
	"X-Amz-Date":            true,
	"X-Amz-Content-Sha256":  true,
	"Amz-Sdk-Invocation-Id": true,
	"Amz-Sdk-Request":       true,
	"Content-Length":        true, // the request's ContentLength must be its body's length
}

// compareRequests returns how a (smithygo's) and b (aws-sdk-go-v2's)
// requests for the operation op of service differ.
func compareRequests(service, op string, a, b *sentRequest) []string {
	var diffs []string
	differ := func(what string, x, y any) {
		diffs = append(diffs, fmt.Sprintf("%s:\nsmithygo %v\nawssdk   %v", what, x, y))
	}
	if a.method != b.method {
		differ("method", a.method, b.method)
	}
	switch {
	case a.host == b.host:
	case strings.HasPrefix(a.host, "streaming-") && "stream-"+a.host[len("streaming-"):] == b.host:
		// CloudWatch Logs' StartLiveTail: its @endpoint hostPrefix is
		// "streaming-" in the model of ../shared that smithygo's client is
		// generated from and "stream-" in aws-sdk-go-v2's newer model; each
		// client sends what its model says.
	case service == "ecr" && (a.host == "api."+b.host || "api."+a.host == b.host):
		// ECR's FIPS and dual-stack endpoints: the endpoint rules of the
		// model of ../shared give ecr-fips.us-gov-west-1.amazonaws.com
		// and api.ecr.eu-central-1.api.aws (its endpoint tests say so),
		// those of aws-sdk-go-v2's newer model
		// api.ecr-fips.us-gov-west-1.amazonaws.com and
		// ecr.eu-central-1.api.aws.
	default:
		differ("host", a.host, b.host)
	}
	if a.path != b.path && !(a.path == requestsBasePath+"/" && b.path == requestsBasePath) {
		// An awsJson operation at an endpoint with a path: its path, /,
		// goes after the endpoint's, and smithygo sends /base/, as the
		// protocol tests ask (AwsJson10HostWithPath and
		// AwsJson11HostWithPath: example.com/custom, uri /custom/);
		// aws-sdk-go-v2 sends /base.
		differ("path", a.path, b.path)
	}
	if x, y := queryPairs(a.query), queryPairs(b.query); !slices.Equal(x, y) {
		differ("query", x, y)
	}
	names := map[string]bool{}
	for _, h := range []http.Header{a.header, b.header} {
		for k := range h {
			if k = http.CanonicalHeaderKey(k); !ignoredHeaders[k] && !strings.HasPrefix(k, "Amz-Sdk-") {
				names[k] = true
			}
		}
	}
	for _, k := range slices.Sorted(mapKeys(names)) {
		x, y := sentHeaderValue(a.header, k), sentHeaderValue(b.header, k)
		if k == "Accept-Encoding" && x == "identity" && y == "<absent>" {
			// Not a member: smithygo asks for the body as the service
			// encodes it, so that net/http's transport does not ask for
			// gzip and unzip it out of sight of a member bound to
			// Content-Encoding (runtime/call); aws-sdk-go-v2 leaves the
			// header to its transport.
			continue
		}
		if k == "X-Amzn-Trace-Id" && x == "<absent>" && y == lambdaTraceID && !lambdaTraced[service] {
			// aws-sdk-go-v2 sends a Lambda invocation's trace ID to every
			// service; smithygo to those whose loops Lambda detects
			// (lambdaTraced), since no other reads it.
			continue
		}
		if k == "Content-Type" && x == "<absent>" && len(a.body) == 0 && len(b.body) == 0 {
			// A string or blob payload left unset: both send no body;
			// aws-sdk-go-v2 still labels it with the payload's media type
			// (text/plain), smithygo sends no Content-Type with no body,
			// as the protocol tests ask of inputs without a body
			// (RestJsonHttpPostWithNoModeledBody); the payload test
			// (RestJsonHttpPayloadTraitsWithNoBlobBody) asks neither.
			// Data Exchange's SendApiAsset without Body.
			continue
		}
		if service == "glacier" && k == "X-Amz-Sha256-Tree-Hash" && x == "<absent>" && op != "UploadArchive" && op != "UploadMultipartPart" {
			// aws-sdk-go-v2 sends the tree hash of every Glacier
			// request's body, a JSON body too; Glacier asks for it of
			// uploads alone (UploadArchive, UploadMultipartPart, whose
			// members document the header, and the protocol tests'
			// GlacierChecksums and GlacierMultipartChecksums), where both
			// send it.
			continue
		}
		if service == "glacier" && k == "X-Amz-Sha256-Tree-Hash" && (y == "<absent>" || y == "") && len(a.body) == 0 && len(b.body) == 0 &&
			x == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
			// An upload without a body: smithygo sends the tree hash of
			// no bytes (their SHA-256), aws-sdk-go-v2 none, or the
			// checksum member's "" as it is. Glacier refuses an empty
			// archive or part either way.
			continue
		}
		if x != y {
			differ("header "+k, fmt.Sprintf("%q", x), fmt.Sprintf("%q", y))
		}
	}
	if a.length != int64(len(a.body)) || b.length != int64(len(b.body)) {
		differ("ContentLength (of a body of)", fmt.Sprintf("%d (%d)", a.length, len(a.body)), fmt.Sprintf("%d (%d)", b.length, len(b.body)))
	}
	if d := compareBodies(a.body, b.body, a.header.Get("Content-Type")); d != "" {
		diffs = append(diffs, d)
	}
	return diffs
}

func mapKeys(m map[string]bool) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// sentHeaderValue is the value of the header k in h, its fields joined with
// ", " (RFC 9110 section 5.3: a recipient may combine fields of one name
// so, and the value means the same): a client may send a list member
// (none of these models binds one to a header) as one field per item or as
// one field.
func sentHeaderValue(h http.Header, k string) string {
	var vs []string
	for name, v := range h {
		if http.CanonicalHeaderKey(name) == k {
			vs = append(vs, v...)
		}
	}
	if vs == nil {
		return "<absent>"
	}
	return strings.Join(vs, ", ")
}

// queryPairs returns q as sorted key=value pairs: a multiset of its
// parameters.
func queryPairs(q url.Values) []string {
	var pairs []string
	for k, vs := range q {
		for _, v := range vs {
			pairs = append(pairs, k+"="+v)
		}
	}
	slices.Sort(pairs)
	return pairs
}

// compareBodies compares two bodies: JSON by value (numbers too), anything
// else byte for byte.
func compareBodies(a, b []byte, contentType string) string {
	if bytes.Equal(a, b) {
		return ""
	}
	if strings.Contains(contentType, "json") && len(a) > 0 && len(b) > 0 {
		x, errA := decodeJSONNumbers(a)
		y, errB := decodeJSONNumbers(b)
		if errA == nil && errB == nil {
			if p := jsonDiff(x, y, "$"); p != "" {
				return fmt.Sprintf("body differs at %s:\nsmithygo %.3000s\nawssdk   %.3000s", p, a, b)
			}
			return ""
		}
	}
	return fmt.Sprintf("body:\nsmithygo %.3000q\nawssdk   %.3000q", a, b)
}

func decodeJSONNumbers(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	if d.More() {
		return nil, fmt.Errorf("more than one JSON value")
	}
	return v, nil
}

// jsonDiff returns the path of the first place where x and y differ, or ""
// where they are the same value: objects whatever their members' order,
// numbers by value (1e3 and 1000 are one number).
func jsonDiff(x, y any, path string) string {
	switch x := x.(type) {
	case map[string]any:
		y, ok := y.(map[string]any)
		if !ok {
			return path
		}
		keys := map[string]bool{}
		for k := range x {
			keys[k] = true
		}
		for k := range y {
			keys[k] = true
		}
		for _, k := range slices.Sorted(mapKeys(keys)) {
			xv, okx := x[k]
			yv, oky := y[k]
			if okx && !oky && zeroValue(xv) {
				// A member whose default is false or 0, which smithygo
				// sends and aws-sdk-go-v2 leaves out: its Go type for
				// such a member is a bool or a number, not a pointer, so
				// it cannot tell the default from a value not set, and it
				// sends the member only when it is not the zero value.
				// Smithy's default trait says default values SHOULD be
				// serialized (a message then does not change meaning if
				// the default changes), as smithygo does.
				continue
			}
			if !okx && oky && path == "$" && zeroValue(yv) {
				// A member of the input itself whose default is false or
				// 0, set to it: smithygo's Go type for it is a bool or a
				// number, which cannot tell it from a member not set, and
				// it leaves a top-level member at its default out, as the
				// protocol tests ask (ClientSkipsTopLevelDefaultValuesInInput;
				// ClientUsesExplicitlyProvidedValuesInTopLevel is skipped
				// for this reason, internal/gogen ProtocolTestSkips);
				// aws-sdk-go-v2's type is a pointer, and it sends the
				// value. The service reads either as the same default.
				continue
			}
			if !okx || !oky {
				return path + "." + k + " (present on one side only)"
			}
			if p := jsonDiff(xv, yv, path+"."+k); p != "" {
				return p
			}
		}
		return ""
	case []any:
		y, ok := y.([]any)
		if !ok || len(x) != len(y) {
			return path
		}
		for i := range x {
			if p := jsonDiff(x[i], y[i], fmt.Sprintf("%s[%d]", path, i)); p != "" {
				return p
			}
		}
		return ""
	case json.Number:
		y, ok := y.(json.Number)
		if !ok {
			return path
		}
		fx, _, errX := big.ParseFloat(string(x), 10, 256, big.ToNearestEven)
		fy, _, errY := big.ParseFloat(string(y), 10, 256, big.ToNearestEven)
		if errX != nil || errY != nil || fx.Cmp(fy) != 0 {
			return path + fmt.Sprintf(" (%s and %s)", x, y)
		}
		return ""
	case string:
		if x == "" && y == nil {
			// An empty blob as a union's member (DynamoDB's
			// AttributeValue B): smithygo sends "", its base64; the
			// schema-based serializer of aws-sdk-go-v2's DynamoDB sends
			// null, which a union member may not be, for an empty slice.
			return ""
		}
		if y, ok := y.(string); ok && uuidPattern.MatchString(x) && uuidPattern.MatchString(y) {
			// An idempotency token that the input left unset, which
			// each client fills with a random UUID of its own (the
			// generator's strings never look like one).
			return ""
		}
		if x != y {
			return path
		}
		return ""
	default:
		if x != y {
			return path
		}
		return ""
	}
}

// zeroValue reports whether the JSON value v is false or a number equal to
// 0 (-0 too).
func zeroValue(v any) bool {
	switch v := v.(type) {
	case bool:
		return !v
	case json.Number:
		f, _, err := big.ParseFloat(string(v), 10, 64, big.ToNearestEven)
		return err == nil && f.Sign() == 0
	}
	return false
}

// uuidPattern matches a UUID as both clients write idempotency tokens.
var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// sigv4Authorization parses the Authorization header of a SigV4 request.
var sigv4Authorization = regexp.MustCompile(`^AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/([^/]+)/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$`)

// checkSignature signs again, with aws-sdk-go-v2's SigV4 signer, what
// smithygo's request r says it signed (its method, host, escaped path,
// query, body and the headers its SignedHeaders lists, at its X-Amz-Date,
// for its credential scope) and returns how the two Authorization headers
// differ, or "". It checks smithygo's canonical request (the path escaped
// twice, the query sorted and escaped, header values trimmed) on the
// escapes and spaces of the random inputs, which the service would
// otherwise be the first to reject.
func checkSignature(r *sentRequest) string {
	auth := r.header.Get("Authorization")
	m := sigv4Authorization.FindStringSubmatch(auth)
	if m == nil {
		return fmt.Sprintf("Authorization %q is not SigV4's", auth)
	}
	when, err := time.Parse("20060102T150405Z", r.header.Get("X-Amz-Date"))
	if err != nil {
		return fmt.Sprintf("X-Amz-Date: %v", err)
	}
	u := "https://" + r.host + r.path
	if r.rawQuery != "" {
		u += "?" + r.rawQuery
	}
	req, err := http.NewRequest(r.method, u, bytes.NewReader(r.body))
	if err != nil {
		return fmt.Sprintf("the request's URL: %v", err)
	}
	req.ContentLength = int64(len(r.body))
	for _, name := range strings.Split(m[5], ";") {
		if name == "host" || name == "content-length" {
			continue // from the URL and the body
		}
		for k, v := range r.header {
			if !strings.EqualFold(k, name) {
				continue
			}
			for _, v := range v {
				if strings.ContainsFunc(v, func(c rune) bool { return c != ' ' && (unicode.IsSpace(c) || unicode.IsControl(c)) }) {
					// Whitespace other than spaces, which the signers
					// trim and collapse differently, where SigV4's
					// description speaks of spaces alone: smithygo takes
					// tab, CR and LF for spaces (tab is HTTP's optional
					// whitespace, and net/http sends CR and LF as spaces);
					// aws-sdk-go-v2 collapses runs of spaces alone and
					// trims any Unicode space from the ends (a no-break
					// space too, which HTTP keeps). Other control
					// characters net/http refuses to send.
					return ""
				}
			}
			req.Header[k] = v
		}
	}
	sum := sha256.Sum256(r.body)
	err = v4.NewSigner().SignHTTP(context.Background(), aws.Credentials{AccessKeyID: AccessKeyID, SecretAccessKey: SecretKey}, req, hex.EncodeToString(sum[:]), m[4], m[3], when)
	if err != nil {
		return fmt.Sprintf("aws-sdk-go-v2's signer: %v", err)
	}
	if theirs := req.Header.Get("Authorization"); theirs != auth {
		return fmt.Sprintf("signature:\nsmithygo %s\nawssdk   %s", auth, theirs)
	}
	return ""
}

// inputGen fills an input of each client with the same random values.
type inputGen struct {
	r *rand.Rand
	// unmatched collects the fields that one client's type has and the
	// other's lacks (models of different dates), which are left unset.
	unmatched map[string]bool
	// hostLabels are the input's labels, lower-cased: true for a member
	// bound to the host (@hostLabel), whose value must be a host label for
	// either client to send the request, false for one bound to the path
	// (@httpLabel), which must not be empty.
	hostLabels map[string]bool
	// sparse leaves each member that both clients' types can leave unset
	// (a pointer, list, map or union) unset half the time, but labels:
	// members absent, nested defaults and idempotency tokens filled in.
	sparse bool
	// bare leaves every member of the input but its labels unset.
	bare bool
	// place is where the client is, whose partition and region ARNs name.
	place requestPlace
	// errs are the values fill could not make (a union missing from
	// unionMemberTypes), which fail the test.
	errs []string
}

// structure reports whether v is a pointer to a structure other than a
// time.
func structure(v reflect.Value) bool {
	t := v.Type()
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() == reflect.Struct && t != timeType
}

// nests reports whether a value of type t holds values of a shape that
// may hold it again: a structure, union, map or list of such.
func nests(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer:
		return nests(t.Elem())
	case reflect.Struct:
		return t != timeType
	case reflect.Interface, reflect.Map:
		return true
	case reflect.Slice:
		return nests(t.Elem())
	}
	return false
}

// nillable reports whether v's type has a value for "not set".
func nillable(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return true
	}
	return false
}

// maxInputDepth is how deep fill goes into nested values: below it,
// structures are empty or absent, lists and maps empty, and unions take a
// member that nests no further, so that recursive shapes end.
const maxInputDepth = 8

var (
	timeType   = reflect.TypeFor[time.Time]()
	readerType = reflect.TypeFor[io.Reader]()
)

// fill sets a (smithygo's) and b (aws-sdk-go-v2's), values of the same
// shape, to the same random value. name is the member's name, which picks
// values for members that endpoint rules read (ARNs).
func (g *inputGen) fill(a, b reflect.Value, depth int, name string) {
	deep := depth > maxInputDepth
	if a.Kind() == reflect.Pointer || b.Kind() == reflect.Pointer {
		if deep && structure(a) {
			return
		}
		if a.Kind() == reflect.Pointer {
			a.Set(reflect.New(a.Type().Elem()))
			a = a.Elem()
		}
		if b.Kind() == reflect.Pointer {
			b.Set(reflect.New(b.Type().Elem()))
			b = b.Elem()
		}
		g.fill(a, b, depth, name)
		return
	}
	switch {
	case a.Type() == timeType && b.Type() == timeType:
		t := g.time()
		a.Set(reflect.ValueOf(t))
		b.Set(reflect.ValueOf(t))
	case a.Type().Name() == "Document" && b.Kind() == reflect.Interface:
		g.document(a, b)
	case a.Type() == readerType && b.Type() == readerType:
		p := g.blob()
		a.Set(reflect.ValueOf(io.Reader(bytes.NewReader(p))))
		b.Set(reflect.ValueOf(io.Reader(bytes.NewReader(p))))
	case a.Kind() == reflect.Interface && b.Kind() == reflect.Interface:
		g.union(a, b, depth, name)
	case a.Kind() != b.Kind():
		g.errs = append(g.errs, fmt.Sprintf("%s: no value for both %s and %s", name, a.Type(), b.Type()))
	case a.Kind() == reflect.Struct:
		if deep {
			return
		}
		for i := range a.NumField() {
			f := a.Type().Field(i)
			if !f.IsExported() || f.Anonymous {
				continue
			}
			bf, ok := b.Type().FieldByName(f.Name)
			if !ok {
				g.unmatch(a.Type().String() + "." + f.Name)
				continue
			}
			fb := b.FieldByIndex(bf.Index)
			if _, label := g.hostLabels[strings.ToLower(f.Name)]; g.bare && depth == 0 && !label {
				continue
			}
			if g.sparse && g.r.IntN(2) == 0 && nillable(a.Field(i)) && nillable(fb) {
				if _, label := g.hostLabels[strings.ToLower(f.Name)]; !label || depth > 0 {
					continue
				}
			}
			g.fill(a.Field(i), fb, depth+1, f.Name)
		}
		for i := range b.NumField() {
			if f := b.Type().Field(i); f.IsExported() && !f.Anonymous && f.Name != "noSmithyDocumentSerde" {
				if _, ok := a.Type().FieldByName(f.Name); !ok {
					g.unmatch(b.Type().String() + "." + f.Name)
				}
			}
		}
	case a.Kind() == reflect.Slice && a.Type().Elem().Kind() == reflect.Uint8:
		p := g.blob()
		a.SetBytes(bytes.Clone(p))
		b.SetBytes(bytes.Clone(p))
	case a.Kind() == reflect.Slice:
		n := g.length()
		if deep {
			n = 0
		}
		a.Set(reflect.MakeSlice(a.Type(), n, n))
		b.Set(reflect.MakeSlice(b.Type(), n, n))
		for i := range n {
			g.fill(a.Index(i), b.Index(i), depth+1, name)
		}
	case a.Kind() == reflect.Map:
		n := g.length()
		if deep {
			n = 0
		}
		a.Set(reflect.MakeMapWithSize(a.Type(), n))
		b.Set(reflect.MakeMapWithSize(b.Type(), n))
		for range n {
			k := g.key()
			if _, header := g.hostLabels[strings.ToLower(name)+"*"]; !header || depth != 1 {
				// Any text but for a map of headers (@httpPrefixHeaders),
				// whose keys end header names.
				k = g.string("")
				if g.r.IntN(8) == 0 {
					k = "" // a key is any string
				}
			}
			ka, kb := reflect.New(a.Type().Key()).Elem(), reflect.New(b.Type().Key()).Elem()
			ka.SetString(k)
			kb.SetString(k)
			va, vb := reflect.New(a.Type().Elem()).Elem(), reflect.New(b.Type().Elem()).Elem()
			g.fill(va, vb, depth+1, name)
			a.SetMapIndex(ka, va)
			b.SetMapIndex(kb, vb)
		}
	case a.Kind() == reflect.String:
		host, label := g.hostLabels[strings.ToLower(name)]
		label = label && depth == 1
		var s string
		switch {
		case label && host:
			s = g.key()
		case !label && a.Type().Name() == "string" && !strings.HasSuffix(strings.ToUpper(name), "ARN") && g.r.IntN(10) == 0:
			// An empty string is a value, which a client sends. Not
			// for an enum (a named type), where "" is how both clients'
			// types say the member is not set; and a nested member not
			// set whose model has a default is sent with it by smithygo,
			// as the protocol tests ask
			// (RestJsonClientPopulatesDefaultValuesInInput), and left out
			// by aws-sdk-go-v2 (Neptune Analytics' StartExportTask,
			// multiValueHandling, default PICK_FIRST).
		default:
			s = g.string(name)
		}
		a.SetString(s)
		b.SetString(s)
	case a.Kind() == reflect.Bool:
		v := g.r.IntN(2) == 0
		a.SetBool(v)
		b.SetBool(v)
	case a.CanInt():
		v := g.integer(a.Type().Bits())
		a.SetInt(v)
		b.SetInt(v)
	case a.CanFloat():
		v := g.float(a.Type().Bits())
		a.SetFloat(v)
		b.SetFloat(v)
	default:
		g.errs = append(g.errs, fmt.Sprintf("%s: no value for %s", name, a.Type()))
	}
}

func (g *inputGen) unmatch(what string) {
	g.unmatched[what] = true
}

// hostLabels returns the members of op's input that are labels, by name
// lower-cased: true for @hostLabel, false for @httpLabel; and those bound
// to @httpPrefixHeaders, by name lower-cased followed by "*".
func hostLabels(model map[string]modelShape, op modelShape) map[string]bool {
	labels := map[string]bool{}
	if op.Input == nil {
		return labels
	}
	for name, m := range model[op.Input.Target].Members {
		if _, ok := m.Traits["smithy.api#hostLabel"]; ok {
			labels[strings.ToLower(name)] = true
		} else if _, ok := m.Traits["smithy.api#httpLabel"]; ok {
			labels[strings.ToLower(name)] = false
		} else if _, ok := m.Traits["smithy.api#httpPrefixHeaders"]; ok {
			labels[strings.ToLower(name)+"*"] = false
		}
	}
	return labels
}

// length is the length of a list or map: mostly one to three, sometimes
// empty (an empty list is a value, which a client sends).
func (g *inputGen) length() int {
	if g.r.IntN(8) == 0 {
		return 0
	}
	return 1 + g.r.IntN(3)
}

// stringPieces are what strings are made of: words, and characters that a
// path, a query or JSON must escape or may leave alone.
var stringPieces = []string{"a", "Bc", "d9", "x-y", "z_z", "~", "\t", "\x01", "\u2028", "\x7f", "\u00a0", ".", " ", "/", "%", "+", "&", "=", "?", "#", ":", "@", "!", "$", "'", "(", "*", ",", ";", "\"", "\\", "é", "日本", "😀", "<", ">", "{", "}", "^", "|", "`", "[", "]"}

// string returns a non-empty string; an ARN of the place's partition and
// region where name says the member is one, since endpoint rules may parse
// it (Kinesis's StreamARN).
func (g *inputGen) string(name string) string {
	if strings.HasSuffix(strings.ToUpper(name), "ARN") {
		return fmt.Sprintf("arn:%s:kinesis:%s:123456789012:stream/s%d", g.place.partition(), g.place.region, g.r.IntN(1000))
	}
	var sb strings.Builder
	sb.WriteString(stringPieces[g.r.IntN(5)])
	for range g.r.IntN(6) {
		sb.WriteString(stringPieces[g.r.IntN(len(stringPieces))])
	}
	return sb.String()
}

// key returns a map key: letters, digits and '-', which a key must be in
// @httpPrefixHeaders (a header's name).
func (g *inputGen) key() string {
	const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"
	b := []byte{chars[g.r.IntN(52)]}
	for range g.r.IntN(8) {
		b = append(b, chars[g.r.IntN(len(chars))])
	}
	return string(b)
}

func (g *inputGen) blob() []byte {
	p := make([]byte, g.r.IntN(12)) // empty too: a value, which a client sends
	for i := range p {
		p[i] = byte(g.r.IntN(256))
	}
	return p
}

// integer returns an integer of the given size, often at an edge.
func (g *inputGen) integer(bits int) int64 {
	lo, hi := int64(math.MinInt64)>>(64-bits), int64(math.MaxInt64)>>(64-bits)
	switch g.r.IntN(6) {
	case 0:
		return 0
	case 1:
		return lo
	case 2:
		return hi
	case 3:
		return -1
	}
	return g.r.Int64N(hi) - hi/2
}

// float returns a float of the given size: integral, fractional, tiny,
// huge, negative zero, NaN and the infinities (which JSON writes as text).
func (g *inputGen) float(bits int) float64 {
	vs := []float64{0, 1, -2.5, 0.1, 1e-7, 123456.789, 1e21, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1)}
	if bits == 32 {
		vs = append(vs, math.MaxFloat32, math.SmallestNonzeroFloat32, float64(float32(0.1)))
	} else {
		vs = append(vs, math.MaxFloat64, 5e-324, 1.7976931348623157e308/3)
	}
	v := vs[g.r.IntN(len(vs))]
	if bits == 32 {
		v = float64(float32(v))
	}
	return v
}

// time returns a time: whole seconds, milliseconds, before 1970, and
// finer than a millisecond.
func (g *inputGen) time() time.Time {
	ts := []time.Time{
		time.Unix(0, 0),
		time.Date(2024, 2, 29, 23, 59, 59, 0, time.UTC),
		time.Date(2001, 9, 9, 1, 46, 40, 123_000_000, time.UTC),
		time.Date(1969, 12, 31, 23, 59, 58, 500_000_000, time.UTC),
		time.Date(2030, 1, 2, 3, 4, 5, 678_900_000, time.UTC),
		time.Date(2015, 6, 7, 8, 9, 10, 123_456_789, time.UTC),
		time.Date(1969, 12, 31, 23, 59, 59, 999_000_000, time.UTC),
		// Not before 1678 or after 2262: aws-sdk-go-v2 writes an
		// epoch-seconds timestamp from its UnixNano, which overflows
		// there (0001-01-01T00:00:00.001Z goes out as -6795364578.87,
		// where smithygo writes -62135596799.999).
		time.Date(1700, 3, 4, 5, 6, 7, 8_000_000, time.UTC),
		time.Date(2250, 12, 31, 23, 59, 59, 999_999_999, time.UTC),
		time.Date(2024, 5, 6, 7, 8, 9, 0, time.FixedZone("", -7*3600)),
	}
	return ts[g.r.IntN(len(ts))]
}

// awsDocuments make aws-sdk-go-v2's document of a Go value, by the
// package of its document.Interface.
var awsDocuments = map[string]func(any) reflect.Value{
	reflect.TypeFor[awsneptunegraphdocument.Interface]().PkgPath(): func(v any) reflect.Value {
		return reflect.ValueOf(awsneptunegraphdocument.NewLazyDocument(v))
	},
	reflect.TypeFor[awscognitoidentityproviderdocument.Interface]().PkgPath(): func(v any) reflect.Value {
		return reflect.ValueOf(awscognitoidentityproviderdocument.NewLazyDocument(v))
	},
}

// document sets a (smithygo's Document, JSON text) and b (aws-sdk-go-v2's
// document.Interface) to one random document.
func (g *inputGen) document(a, b reflect.Value) {
	v := map[string]any{
		g.key(): g.string(""),
		g.key(): []any{float64(g.r.IntN(100)), true, nil, 2.5},
		g.key(): map[string]any{g.key(): false},
	}
	text, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	doc, ok := awsDocuments[b.Type().PkgPath()]
	if !ok {
		g.errs = append(g.errs, "no aws-sdk-go-v2 document for "+b.Type().String()+" in awsDocuments")
		return
	}
	a.SetBytes(text)
	b.Set(doc(v))
}

// union sets a and b to the same member of their union, one that both
// clients' types have, chosen at random.
func (g *inputGen) union(a, b reflect.Value, depth int, name string) {
	var pairs [][2]reflect.Type
	for _, p := range unionMemberTypes {
		if reflect.PointerTo(p[0]).Implements(a.Type()) && reflect.PointerTo(p[1]).Implements(b.Type()) {
			pairs = append(pairs, p)
		}
	}
	if len(pairs) == 0 {
		g.errs = append(g.errs, fmt.Sprintf("%s: no member of the unions %s and %s in unionMemberTypes", name, a.Type(), b.Type()))
		return
	}
	if depth >= maxInputDepth {
		// A member that ends the nesting (DynamoDB's S rather than L or
		// M), where there is one: a union in a list or map must have one.
		var leaves [][2]reflect.Type
		for _, p := range pairs {
			if f, ok := p[0].FieldByName("Value"); !ok || !nests(f.Type) {
				leaves = append(leaves, p)
			}
		}
		if len(leaves) > 0 {
			pairs = leaves
		}
	}
	p := pairs[g.r.IntN(len(pairs))]
	ma, mb := reflect.New(p[0]), reflect.New(p[1])
	g.fill(ma.Elem(), mb.Elem(), depth+1, name)
	a.Set(ma)
	b.Set(mb)
}

// unionMemberTypes pairs the member types of the unions of the cross-model
// services (smithygo's, aws-sdk-go-v2's), which reflection cannot list: the
// types named UnionMemberName in both clients' types packages (those that
// only one client has are left out). A union that reaches fill without a
// member here fails the test.
var unionMemberTypes = [][2]reflect.Type{
	{reflect.TypeFor[dynamodbtypes.AttributeValueMemberB](), reflect.TypeFor[awsdynamodbtypes.AttributeValueMemberB]()},
	{reflect.TypeFor[dynamodbtypes.AttributeValueMemberBOOL](), reflect.TypeFor[awsdynamodbtypes.AttributeValueMemberBOOL]()},
	{reflect.TypeFor[dynamodbtypes.AttributeValueMemberBS](), reflect.TypeFor[awsdynamodbtypes.AttributeValueMemberBS]()},
	{reflect.TypeFor[dynamodbtypes.AttributeValueMemberL](), reflect.TypeFor[awsdynamodbtypes.AttributeValueMemberL]()},
	{reflect.TypeFor[dynamodbtypes.AttributeValueMemberM](), reflect.TypeFor[awsdynamodbtypes.AttributeValueMemberM]()},
	{reflect.TypeFor[dynamodbtypes.AttributeValueMemberN](), reflect.TypeFor[awsdynamodbtypes.AttributeValueMemberN]()},
	{reflect.TypeFor[dynamodbtypes.AttributeValueMemberNS](), reflect.TypeFor[awsdynamodbtypes.AttributeValueMemberNS]()},
	{reflect.TypeFor[dynamodbtypes.AttributeValueMemberNULL](), reflect.TypeFor[awsdynamodbtypes.AttributeValueMemberNULL]()},
	{reflect.TypeFor[dynamodbtypes.AttributeValueMemberS](), reflect.TypeFor[awsdynamodbtypes.AttributeValueMemberS]()},
	{reflect.TypeFor[dynamodbtypes.AttributeValueMemberSS](), reflect.TypeFor[awsdynamodbtypes.AttributeValueMemberSS]()},
	{reflect.TypeFor[emrserverlesstypes.JobDriverMemberHive](), reflect.TypeFor[awsemrserverlesstypes.JobDriverMemberHive]()},
	{reflect.TypeFor[emrserverlesstypes.JobDriverMemberSparkSubmit](), reflect.TypeFor[awsemrserverlesstypes.JobDriverMemberSparkSubmit]()},
	{reflect.TypeFor[neptunegraphtypes.ImportOptionsMemberNeptune](), reflect.TypeFor[awsneptunegraphtypes.ImportOptionsMemberNeptune]()},
	{reflect.TypeFor[pipestypes.MQBrokerAccessCredentialsMemberBasicAuth](), reflect.TypeFor[awspipestypes.MQBrokerAccessCredentialsMemberBasicAuth]()},
	{reflect.TypeFor[pipestypes.MSKAccessCredentialsMemberClientCertificateTlsAuth](), reflect.TypeFor[awspipestypes.MSKAccessCredentialsMemberClientCertificateTlsAuth]()},
	{reflect.TypeFor[pipestypes.MSKAccessCredentialsMemberSaslScram512Auth](), reflect.TypeFor[awspipestypes.MSKAccessCredentialsMemberSaslScram512Auth]()},
	{reflect.TypeFor[pipestypes.SelfManagedKafkaAccessConfigurationCredentialsMemberBasicAuth](), reflect.TypeFor[awspipestypes.SelfManagedKafkaAccessConfigurationCredentialsMemberBasicAuth]()},
	{reflect.TypeFor[pipestypes.SelfManagedKafkaAccessConfigurationCredentialsMemberClientCertificateTlsAuth](), reflect.TypeFor[awspipestypes.SelfManagedKafkaAccessConfigurationCredentialsMemberClientCertificateTlsAuth]()},
	{reflect.TypeFor[pipestypes.SelfManagedKafkaAccessConfigurationCredentialsMemberSaslScram256Auth](), reflect.TypeFor[awspipestypes.SelfManagedKafkaAccessConfigurationCredentialsMemberSaslScram256Auth]()},
	{reflect.TypeFor[pipestypes.SelfManagedKafkaAccessConfigurationCredentialsMemberSaslScram512Auth](), reflect.TypeFor[awspipestypes.SelfManagedKafkaAccessConfigurationCredentialsMemberSaslScram512Auth]()},
	{reflect.TypeFor[appconfigtypes.BadRequestDetailsMemberInvalidConfiguration](), reflect.TypeFor[awsappconfigtypes.BadRequestDetailsMemberInvalidConfiguration]()},
	{reflect.TypeFor[xraytypes.AnnotationValueMemberBooleanValue](), reflect.TypeFor[awsxraytypes.AnnotationValueMemberBooleanValue]()},
	{reflect.TypeFor[xraytypes.AnnotationValueMemberNumberValue](), reflect.TypeFor[awsxraytypes.AnnotationValueMemberNumberValue]()},
	{reflect.TypeFor[xraytypes.AnnotationValueMemberStringValue](), reflect.TypeFor[awsxraytypes.AnnotationValueMemberStringValue]()},
	{reflect.TypeFor[xraytypes.IndexingRuleValueMemberProbabilistic](), reflect.TypeFor[awsxraytypes.IndexingRuleValueMemberProbabilistic]()},
	{reflect.TypeFor[xraytypes.IndexingRuleValueUpdateMemberProbabilistic](), reflect.TypeFor[awsxraytypes.IndexingRuleValueUpdateMemberProbabilistic]()},
	{reflect.TypeFor[cloudwatchlogstypes.IntegrationDetailsMemberOpenSearchIntegrationDetails](), reflect.TypeFor[awscloudwatchlogstypes.IntegrationDetailsMemberOpenSearchIntegrationDetails]()},
	{reflect.TypeFor[cloudwatchlogstypes.ResourceConfigMemberOpenSearchResourceConfig](), reflect.TypeFor[awscloudwatchlogstypes.ResourceConfigMemberOpenSearchResourceConfig]()},
	{reflect.TypeFor[cloudwatchlogstypes.StartLiveTailResponseStreamMemberSessionStart](), reflect.TypeFor[awscloudwatchlogstypes.StartLiveTailResponseStreamMemberSessionStart]()},
	{reflect.TypeFor[cloudwatchlogstypes.StartLiveTailResponseStreamMemberSessionUpdate](), reflect.TypeFor[awscloudwatchlogstypes.StartLiveTailResponseStreamMemberSessionUpdate]()},
	{reflect.TypeFor[transfertypes.DescribedWebAppIdentityProviderDetailsMemberIdentityCenterConfig](), reflect.TypeFor[awstransfertypes.DescribedWebAppIdentityProviderDetailsMemberIdentityCenterConfig]()},
	{reflect.TypeFor[transfertypes.UpdateWebAppIdentityProviderDetailsMemberIdentityCenterConfig](), reflect.TypeFor[awstransfertypes.UpdateWebAppIdentityProviderDetailsMemberIdentityCenterConfig]()},
	{reflect.TypeFor[transfertypes.WebAppIdentityProviderDetailsMemberIdentityCenterConfig](), reflect.TypeFor[awstransfertypes.WebAppIdentityProviderDetailsMemberIdentityCenterConfig]()},
	{reflect.TypeFor[transfertypes.WebAppUnitsMemberProvisioned](), reflect.TypeFor[awstransfertypes.WebAppUnitsMemberProvisioned]()},
}

// TestCompareRequests checks what compareRequests lets be and what it
// reports, on requests written by hand.
func TestCompareRequests(t *testing.T) {
	base := func() *sentRequest {
		r := &sentRequest{
			method: "POST", host: "svc.example.com", path: "/a/b%2Fc",
			query:  url.Values{"k": {"1", "2"}, "j": {"x"}},
			header: http.Header{"Content-Type": {"application/json"}, "X-Amz-Target": {"S.Op"}, "User-Agent": {"ours"}},
			body:   []byte(`{"a":1000,"b":{"c":[true,"x"]},"t":"9f1c2d3e-0a1b-4c5d-8e9f-001122334455"}`),
		}
		r.length = int64(len(r.body))
		return r
	}
	same := []func(r *sentRequest){
		func(r *sentRequest) { r.query = url.Values{"j": {"x"}, "k": {"2", "1"}} },
		func(r *sentRequest) { r.header["User-Agent"] = []string{"theirs"} },
		func(r *sentRequest) {
			r.body = []byte(`{"b":{"c":[true,"x"]},"a":1e3,"t":"00000000-1111-4222-8333-444444444444"}`)
		},
	}
	for i, change := range same {
		b := base()
		change(b)
		b.length = int64(len(b.body))
		if d := compareRequests("s", "Op", base(), b); d != nil {
			t.Errorf("change %d: reported %q", i, d)
		}
	}
	// A member at its default, 0 or false, that only smithygo sends.
	a, b := base(), base()
	a.body = []byte(`{"a":1000,"b":{"c":[true,"x"],"d":0},"z":false}`)
	b.body = []byte(`{"a":1000,"b":{"c":[true,"x"]}}`)
	a.length, b.length = int64(len(a.body)), int64(len(b.body))
	if d := compareRequests("s", "Op", a, b); d != nil {
		t.Errorf("a default only smithygo sends: reported %q", d)
	}
	differ := []func(r *sentRequest){
		func(r *sentRequest) { r.method = "PUT" },
		func(r *sentRequest) { r.path = "/a/b/c" },
		func(r *sentRequest) { r.query = url.Values{"k": {"1"}, "j": {"x"}} },
		func(r *sentRequest) { r.header["X-Amz-Target"] = []string{"S.Other"} },
		func(r *sentRequest) { r.header["X-Data"] = []string{"v"} },
		func(r *sentRequest) { r.body = []byte(`{"a":1000.5,"b":{"c":[true,"x"]}}`) },
		func(r *sentRequest) { r.body = []byte(`{"a":1000,"b":{"c":["x",true]}}`) },
		func(r *sentRequest) { r.body = []byte(`{"a":1000,"b":{"c":[true,"x"],"d":1}}`) },
		func(r *sentRequest) { r.body = []byte(`{"a":1000,"b":{"c":[true,"x"]}, "t":"y"}`) },
	}
	// A retry: its attempt's headers change, nothing else may.
	r := base()
	r.header = r.header.Clone()
	r.header["Amz-Sdk-Request"] = []string{"attempt=2; max=3"}
	r.header["Authorization"] = []string{"other"}
	if d := compareRetry(base(), r); d != "" {
		t.Errorf("a retry: reported %q", d)
	}
	r.header["Amz-Sdk-Invocation-Id"] = []string{"other"}
	if d := compareRetry(base(), r); d == "" {
		t.Error("a retry with another invocation ID: not reported")
	}
	r = base()
	r.body = []byte(`{"a":1000,"b":{"c":[true,"x"]},"t":"00000000-1111-4222-8333-444444444444"}`)
	if d := compareRetry(base(), r); d == "" {
		t.Error("a retry with another idempotency token: not reported")
	}
	// A ContentLength that is not the body's.
	b = base()
	b.length = -1
	if d := compareRequests("s", "Op", base(), b); len(d) != 1 {
		t.Errorf("a ContentLength of -1: reported %q, want one difference", d)
	}
	for i, change := range differ {
		b := base()
		change(b)
		b.length = int64(len(b.body))
		if d := compareRequests("s", "Op", base(), b); len(d) != 1 {
			t.Errorf("change %d: reported %q, want one difference", i, d)
		}
	}
}
