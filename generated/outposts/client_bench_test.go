package outposts_test

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/types"
)

// memoryTransport answers every request with the same JSON body, without a
// network, so that a benchmark measures the client alone.
type memoryTransport struct{ body string }

func (m memoryTransport) Do(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	return &http.Response{
		StatusCode:    200,
		Header:        http.Header{"Content-Type": {"application/json"}, "X-Amzn-Requestid": {"req-1"}},
		Body:          io.NopCloser(strings.NewReader(m.body)),
		ContentLength: int64(len(m.body)),
		Request:       r,
	}, nil
}

func BenchmarkGetCapacityTaskInMemory(b *testing.B) {
	c := outposts.New(outposts.Options{
		Region:      "us-west-2",
		Credentials: outposts.StaticCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""),
		HTTPClient:  memoryTransport{body: capacityTaskJSON},
	})
	in := &outposts.GetCapacityTaskInput{OutpostIdentifier: ptr("op-0abcdef1234567890"), CapacityTaskId: ptr("cap-0123456789abcdef0")}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.GetCapacityTask(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkListCatalogItemsDecode1000(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"CatalogItems":[`)
	for i := range 1000 {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(`{"CatalogItemId":"OR-` + strconv.Itoa(100000+i) + `","ItemStatus":"AVAILABLE","EC2Capacities":[{"Family":"m5","MaxSize":"24xlarge","Quantity":"1"},{"Family":"c5","MaxSize":"24xlarge","Quantity":"2"}],"PowerKva":15.5,"WeightLbs":2000,"SupportedUplinkGbps":[1,10,40,100],"SupportedStorage":["EBS","S3"]}`)
	}
	sb.WriteString(`]}`)
	c := outposts.New(outposts.Options{
		Region:      "us-west-2",
		Credentials: outposts.StaticCredentials("AKIDEXAMPLE", "secret", ""),
		HTTPClient:  memoryTransport{body: sb.String()},
	})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		out, err := c.ListCatalogItems(ctx, nil)
		if err != nil || len(out.CatalogItems) != 1000 {
			b.Fatal(err)
		}
	}
}

func BenchmarkStartCapacityTask50InMemory(b *testing.B) {
	c := outposts.New(outposts.Options{
		Region:      "us-west-2",
		Credentials: outposts.StaticCredentials("AKIDEXAMPLE", "secret", ""),
		HTTPClient:  memoryTransport{body: `{"CapacityTaskId":"cap-0123456789abcdef0","CapacityTaskStatus":"REQUESTED"}`},
	})
	in := &outposts.StartCapacityTaskInput{OutpostIdentifier: ptr("op-0abcdef1234567890"), OrderId: ptr("oo-0123456789abcdef")}
	for i := range 50 {
		in.InstancePools = append(in.InstancePools, types.InstanceTypeCapacity{InstanceType: ptr("c5." + strconv.Itoa(i) + "xlarge"), Count: int32(i + 1)})
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.StartCapacityTask(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}
