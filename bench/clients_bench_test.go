package bench

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsoutposts "github.com/aws/aws-sdk-go-v2/service/outposts"
	awstypes "github.com/aws/aws-sdk-go-v2/service/outposts/types"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/types"
)

// Benchmark names carry /impl=awssdk, /impl=smithygo and /impl=floor so that
// "benchstat -col /impl" puts the implementations side by side. aws-sdk-go-v2
// always runs first in each benchmark, so it is benchstat's base column.

func ptr[T any](v T) *T { return &v }

// Client construction, shared by all benchmarks: static credentials, region
// us-west-2, and either an in-memory HTTPClient or a loopback BaseEndpoint.
// Everything else is left at each client's defaults (retries included).

func ourClient(hc outposts.HTTPClient, baseEndpoint string) *outposts.Client {
	return outposts.New(outposts.Options{
		Region:       Region,
		Credentials:  outposts.StaticCredentials(AccessKeyID, SecretKey, ""),
		HTTPClient:   hc,
		BaseEndpoint: baseEndpoint,
	})
}

func awsClient(hc awsoutposts.HTTPClient, baseEndpoint string) *awsoutposts.Client {
	return awsoutposts.New(awsoutposts.Options{
		Region: Region,
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: AccessKeyID, SecretAccessKey: SecretKey, Source: "bench"}, nil
		}),
		HTTPClient: hc,
		BaseEndpoint: func() *string {
			if baseEndpoint == "" {
				return nil
			}
			return &baseEndpoint
		}(),
	})
}

// ---- GetCapacityTask -------------------------------------------------------

func ourGetCapacityTaskInput() *outposts.GetCapacityTaskInput {
	return &outposts.GetCapacityTaskInput{OutpostIdentifier: ptr(OutpostID), CapacityTaskId: ptr(CapacityTaskID)}
}

func awsGetCapacityTaskInput() *awsoutposts.GetCapacityTaskInput {
	return &awsoutposts.GetCapacityTaskInput{OutpostIdentifier: ptr(OutpostID), CapacityTaskId: ptr(CapacityTaskID)}
}

func checkOurTask(b *testing.B, out *outposts.GetCapacityTaskOutput, err error) {
	if err != nil {
		b.Fatal(err)
	}
	if out.CapacityTaskStatus != types.CapacityTaskStatusWaitingForEvacuation || len(out.RequestedInstancePools) != 2 || out.LastModifiedDate == nil {
		b.Fatalf("unexpected output %+v", out)
	}
}

func checkAWSTask(b *testing.B, out *awsoutposts.GetCapacityTaskOutput, err error) {
	if err != nil {
		b.Fatal(err)
	}
	if out.CapacityTaskStatus != awstypes.CapacityTaskStatusWaitingForEvacuation || len(out.RequestedInstancePools) != 2 || out.LastModifiedDate == nil {
		b.Fatalf("unexpected output %+v", out)
	}
}

// floorTask is what the floor decodes the GetCapacityTask body into with
// encoding/json: the same members, timestamps as numbers.
type floorTask struct {
	CapacityTaskID         string `json:"CapacityTaskId"`
	OutpostID              string `json:"OutpostId"`
	OrderID                string `json:"OrderId"`
	AssetID                string `json:"AssetId"`
	RequestedInstancePools []struct {
		InstanceType string
		Count        int32
	}
	InstancesToExclude *struct {
		Instances  []string
		AccountIds []string
		Services   []string
	}
	DryRun             bool
	CapacityTaskStatus string
	Failed             *struct {
		Reason string
		Type   string
	}
	CreationDate                  float64
	CompletionDate                float64
	LastModifiedDate              float64
	TaskActionOnBlockingInstances string
}

// floorGet is the floor: a plain, unsigned net/http GET of the same path and
// an encoding/json decode of the body.
func floorGet(ctx context.Context, hc *http.Client, url string) (*floorTask, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return nil, errors.New(resp.Status)
	}
	var out floorTask
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, err
	}
	io.Copy(io.Discard, resp.Body)
	return &out, nil
}

func BenchmarkGetCapacityTask(b *testing.B) {
	ctx := context.Background()
	b.Run("transport=memory", func(b *testing.B) {
		mem := MemoryTransport{Body: GetCapacityTaskJSON}
		b.Run("impl=awssdk", func(b *testing.B) {
			c, in := awsClient(mem, ""), awsGetCapacityTaskInput()
			b.ReportAllocs()
			for b.Loop() {
				out, err := c.GetCapacityTask(ctx, in)
				checkAWSTask(b, out, err)
			}
		})
		b.Run("impl=smithygo", func(b *testing.B) {
			c, in := ourClient(mem, ""), ourGetCapacityTaskInput()
			b.ReportAllocs()
			for b.Loop() {
				out, err := c.GetCapacityTask(ctx, in)
				checkOurTask(b, out, err)
			}
		})
	})
	b.Run("transport=loopback", func(b *testing.B) {
		srv := httptest.NewServer(Handler(GetCapacityTaskJSON))
		defer srv.Close()
		b.Run("impl=awssdk", func(b *testing.B) {
			c, in := awsClient(nil, srv.URL), awsGetCapacityTaskInput()
			b.ReportAllocs()
			for b.Loop() {
				out, err := c.GetCapacityTask(ctx, in)
				checkAWSTask(b, out, err)
			}
		})
		b.Run("impl=smithygo", func(b *testing.B) {
			c, in := ourClient(nil, srv.URL), ourGetCapacityTaskInput()
			b.ReportAllocs()
			for b.Loop() {
				out, err := c.GetCapacityTask(ctx, in)
				checkOurTask(b, out, err)
			}
		})
		b.Run("impl=floor", func(b *testing.B) {
			hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
			url := srv.URL + GetCapacityTaskPath
			b.ReportAllocs()
			for b.Loop() {
				out, err := floorGet(ctx, hc, url)
				if err != nil {
					b.Fatal(err)
				}
				if out.CapacityTaskStatus != "WAITING_FOR_EVACUATION" || len(out.RequestedInstancePools) != 2 {
					b.Fatalf("unexpected output %+v", out)
				}
			}
		})
	})
}

// ---- ListCatalogItems, 1,000 items ----------------------------------------

func checkOurCatalog(b *testing.B, out *outposts.ListCatalogItemsOutput, err error) {
	if err != nil {
		b.Fatal(err)
	}
	if len(out.CatalogItems) != 1000 || *out.CatalogItems[999].PowerKva != 15.5 || len(out.CatalogItems[999].SupportedUplinkGbps) != 4 {
		b.Fatal("unexpected output")
	}
}

func checkAWSCatalog(b *testing.B, out *awsoutposts.ListCatalogItemsOutput, err error) {
	if err != nil {
		b.Fatal(err)
	}
	if len(out.CatalogItems) != 1000 || *out.CatalogItems[999].PowerKva != 15.5 || len(out.CatalogItems[999].SupportedUplinkGbps) != 4 {
		b.Fatal("unexpected output")
	}
}

// BenchmarkListCatalogItems decodes a 1,000-item page (269 KB). items=1000
// goes through the in-memory transport: the decoder alone, on a body that is
// already in memory. items=1000/transport=loopback gets the same body from a
// loopback httptest server (with Content-Length) through each client's
// default HTTP client: reading a large body off a connection, which is where
// a client's body buffering shows (ours reads it with jsonwire.ReadBody,
// sized from Content-Length and pooled). Server time is in both.
func BenchmarkListCatalogItems(b *testing.B) {
	ctx := context.Background()
	body := CatalogItemsJSON(1000)
	mem := MemoryTransport{Body: body}
	b.Run("items=1000/impl=awssdk", func(b *testing.B) {
		c := awsClient(mem, "")
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			out, err := c.ListCatalogItems(ctx, &awsoutposts.ListCatalogItemsInput{})
			checkAWSCatalog(b, out, err)
		}
	})
	b.Run("items=1000/impl=smithygo", func(b *testing.B) {
		c := ourClient(mem, "")
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			out, err := c.ListCatalogItems(ctx, &outposts.ListCatalogItemsInput{})
			checkOurCatalog(b, out, err)
		}
	})
	b.Run("items=1000/transport=loopback", func(b *testing.B) {
		srv := httptest.NewServer(Handler(body))
		defer srv.Close()
		b.Run("impl=awssdk", func(b *testing.B) {
			c := awsClient(nil, srv.URL)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				out, err := c.ListCatalogItems(ctx, &awsoutposts.ListCatalogItemsInput{})
				checkAWSCatalog(b, out, err)
			}
		})
		b.Run("impl=smithygo", func(b *testing.B) {
			c := ourClient(nil, srv.URL)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				out, err := c.ListCatalogItems(ctx, &outposts.ListCatalogItemsInput{})
				checkOurCatalog(b, out, err)
			}
		})
	})
}

// ---- StartCapacityTask, 50 pools -------------------------------------------

func ourStartCapacityTaskInput(pools []Pool) *outposts.StartCapacityTaskInput {
	in := &outposts.StartCapacityTaskInput{
		OutpostIdentifier: ptr(OutpostID),
		OrderId:           ptr(OrderID),
		AssetId:           ptr(AssetID),
		InstancesToExclude: &types.InstancesToExclude{
			Instances:  []string{"i-0123456789abcdef0"},
			AccountIds: []string{"111122223333"},
			Services:   []types.AWSServiceName{types.AWSServiceNameRds},
		},
		TaskActionOnBlockingInstances: types.TaskActionOnBlockingInstancesWaitForEvacuation,
	}
	for _, p := range pools {
		in.InstancePools = append(in.InstancePools, types.InstanceTypeCapacity{InstanceType: ptr(p.InstanceType), Count: p.Count})
	}
	return in
}

func awsStartCapacityTaskInput(pools []Pool) *awsoutposts.StartCapacityTaskInput {
	in := &awsoutposts.StartCapacityTaskInput{
		OutpostIdentifier: ptr(OutpostID),
		OrderId:           ptr(OrderID),
		AssetId:           ptr(AssetID),
		InstancesToExclude: &awstypes.InstancesToExclude{
			Instances:  []string{"i-0123456789abcdef0"},
			AccountIds: []string{"111122223333"},
			Services:   []awstypes.AWSServiceName{awstypes.AWSServiceNameRds},
		},
		TaskActionOnBlockingInstances: awstypes.TaskActionOnBlockingInstancesWaitForEvacuation,
	}
	for _, p := range pools {
		in.InstancePools = append(in.InstancePools, awstypes.InstanceTypeCapacity{InstanceType: ptr(p.InstanceType), Count: p.Count})
	}
	return in
}

// BenchmarkStartCapacityTask sends a request with 50 instance pools.
// step=serialize answers with an empty JSON object, so the time is the
// request side: validation, JSON encoding, endpoint, signing (neither client
// exports its serializer, so this is as close as an outside caller gets).
// step=call answers with the full task echoing the 50 pools.
func BenchmarkStartCapacityTask(b *testing.B) {
	ctx := context.Background()
	pools := Pools(50)
	for _, step := range []struct{ name, body string }{
		{"serialize", `{}`},
		{"call", StartCapacityTaskJSON(pools)},
	} {
		mem := MemoryTransport{Body: step.body}
		full := step.name == "call"
		b.Run("pools=50/step="+step.name+"/impl=awssdk", func(b *testing.B) {
			c, in := awsClient(mem, ""), awsStartCapacityTaskInput(pools)
			b.ReportAllocs()
			for b.Loop() {
				out, err := c.StartCapacityTask(ctx, in)
				if err != nil {
					b.Fatal(err)
				}
				if full && len(out.RequestedInstancePools) != 50 {
					b.Fatal("unexpected output")
				}
			}
		})
		b.Run("pools=50/step="+step.name+"/impl=smithygo", func(b *testing.B) {
			c, in := ourClient(mem, ""), ourStartCapacityTaskInput(pools)
			b.ReportAllocs()
			for b.Loop() {
				out, err := c.StartCapacityTask(ctx, in)
				if err != nil {
					b.Fatal(err)
				}
				if full && len(out.RequestedInstancePools) != 50 {
					b.Fatal("unexpected output")
				}
			}
		})
	}
}

// ---- Validate ---------------------------------------------------------------

// invalidStartCapacityTaskInput breaks several constraints at once: a pattern,
// a length, a range, a required member in a list element and an enum value.
func invalidStartCapacityTaskInput() *outposts.StartCapacityTaskInput {
	in := ourStartCapacityTaskInput(Pools(50))
	in.OutpostIdentifier = ptr("not an outpost")
	in.OrderId = ptr("oo-0123456789abcdef0123")
	in.InstancePools[3].Count = 10000
	in.InstancePools[7].InstanceType = nil
	in.InstancesToExclude.AccountIds = append(in.InstancesToExclude.AccountIds, "1234")
	in.TaskActionOnBlockingInstances = "SOMETIMES"
	return in
}

// BenchmarkValidate runs StartCapacityTaskInput.Validate (the whole model's
// constraints) on a valid and an invalid input with 50 pools. aws-sdk-go-v2
// has no exported equivalent (its validators check required members only,
// inside the middleware stack), so there is no awssdk column.
func BenchmarkValidate(b *testing.B) {
	for _, c := range []struct {
		name  string
		in    *outposts.StartCapacityTaskInput
		valid bool
	}{
		{"valid", ourStartCapacityTaskInput(Pools(50)), true},
		{"invalid", invalidStartCapacityTaskInput(), false},
	} {
		b.Run("input="+c.name+"/impl=smithygo", func(b *testing.B) {
			c.in.Validate() // compile the patterns once
			b.ReportAllocs()
			for b.Loop() {
				err := c.in.Validate()
				if (err == nil) != c.valid {
					b.Fatalf("Validate() = %v", err)
				}
			}
		})
	}
}
