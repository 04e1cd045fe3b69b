// Package bench compares the generated Outposts client (generated/outposts)
// with aws-sdk-go-v2's service/outposts, and the DynamoDB and SQS clients
// generated into internal/ with service/dynamodb and service/sqs, on the same
// fixtures, and measures the generator. It is its own module so that the main
// module never depends on aws-sdk-go-v2; see README.md.
package bench

import (
	"cmp"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// Identifiers shared by the fixtures. They satisfy the model's patterns.
const (
	OutpostID      = "op-0abcdef1234567890"
	CapacityTaskID = "cap-0123456789abcdef0"
	OrderID        = "oo-0123456789abcdef0"
	AssetID        = "0123456789"
	AccessKeyID    = "AKIDEXAMPLE"
	SecretKey      = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	Region         = "us-west-2"
	RequestID      = "2f0e9b0c-6c3a-4d5e-9e1b-1b2c3d4e5f60"
)

// GetCapacityTaskJSON is the response body of GetCapacityTask. Every member
// is one that both clients have.
const GetCapacityTaskJSON = `{"CapacityTaskId":"cap-0123456789abcdef0","OutpostId":"op-0abcdef1234567890","OrderId":"oo-0123456789abcdef0","AssetId":"0123456789",` +
	`"RequestedInstancePools":[{"InstanceType":"c5.large","Count":4},{"InstanceType":"m5.xlarge","Count":2}],` +
	`"InstancesToExclude":{"Instances":["i-0123456789abcdef0"],"AccountIds":["111122223333"],"Services":["EC2","RDS"]},` +
	`"DryRun":true,"CapacityTaskStatus":"WAITING_FOR_EVACUATION","Failed":{"Reason":"not enough capacity","Type":"UNEXPECTED_ASSET_STATE"},` +
	`"CreationDate":1700000000,"CompletionDate":1700003600.5,"LastModifiedDate":1.700007200123E9,"TaskActionOnBlockingInstances":"FAIL_TASK"}`

// GetCapacityTaskPath is the request path of GetCapacityTask for the fixture IDs.
const GetCapacityTaskPath = "/outposts/" + OutpostID + "/capacity/" + CapacityTaskID

// CatalogItemsJSON returns a ListCatalogItems response body with n items.
func CatalogItemsJSON(n int) string {
	var sb strings.Builder
	sb.WriteString(`{"CatalogItems":[`)
	for i := range n {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(`{"CatalogItemId":"OR-` + strconv.Itoa(100000+i) + `","ItemStatus":"AVAILABLE",` +
			`"EC2Capacities":[{"Family":"m5","MaxSize":"24xlarge","Quantity":"1"},{"Family":"c5","MaxSize":"24xlarge","Quantity":"2"}],` +
			`"PowerKva":15.5,"WeightLbs":2000,"SupportedUplinkGbps":[1,10,40,100],"SupportedStorage":["EBS","S3"]}`)
	}
	sb.WriteString(`],"NextToken":"token-2"}`)
	return sb.String()
}

// Pool is one instance pool of a StartCapacityTask fixture.
type Pool struct {
	InstanceType string
	Count        int32
}

// Pools returns n valid instance pools.
func Pools(n int) []Pool {
	families := []string{"m5", "c5", "r5", "m6i", "c6g"}
	sizes := []string{"large", "xlarge", "2xlarge", "4xlarge", "12xlarge"}
	p := make([]Pool, n)
	for i := range p {
		p[i] = Pool{InstanceType: families[i%len(families)] + "." + sizes[(i/len(families))%len(sizes)], Count: int32(1 + i*7%100)}
	}
	return p
}

// StartCapacityTaskJSON returns the StartCapacityTask response body that echoes
// a request with the given pools.
func StartCapacityTaskJSON(pools []Pool) string {
	var sb strings.Builder
	sb.WriteString(`{"CapacityTaskId":"cap-0123456789abcdef0","OutpostId":"op-0abcdef1234567890","OrderId":"oo-0123456789abcdef0","AssetId":"0123456789","RequestedInstancePools":[`)
	for i, p := range pools {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(`{"InstanceType":"` + p.InstanceType + `","Count":` + strconv.Itoa(int(p.Count)) + `}`)
	}
	sb.WriteString(`],"InstancesToExclude":{"Instances":["i-0123456789abcdef0"],"AccountIds":["111122223333"],"Services":["RDS"]},` +
		`"DryRun":false,"CapacityTaskStatus":"REQUESTED","CreationDate":1700000000,"LastModifiedDate":1700000000,"TaskActionOnBlockingInstances":"WAIT_FOR_EVACUATION"}`)
	return sb.String()
}

// MemoryTransport answers every request with the same JSON body without a
// network, so that a benchmark measures the client alone. Both clients take it
// as their HTTPClient (an interface with Do). It reads and closes the request
// body, as a real transport does.
type MemoryTransport struct {
	Body string
	// ContentType is the response's Content-Type; "" is application/json.
	ContentType string
}

// Do implements the HTTPClient interfaces of both clients.
func (m MemoryTransport) Do(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	return &http.Response{
		Status:        "200 OK",
		StatusCode:    200,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {cmp.Or(m.ContentType, "application/json")}, "X-Amzn-Requestid": {RequestID}},
		Body:          io.NopCloser(strings.NewReader(m.Body)),
		ContentLength: int64(len(m.Body)),
		Request:       r,
	}, nil
}

// Handler answers every request on a loopback server with body, after
// reading the request body, with the headers that both clients expect.
func Handler(body string) http.Handler {
	length := strconv.Itoa(len(body))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		h := w.Header()
		h["Content-Type"] = []string{"application/json"}
		h["X-Amzn-Requestid"] = []string{RequestID}
		h["Content-Length"] = []string{length}
		w.WriteHeader(200)
		io.WriteString(w, body)
	})
}
