package bench

import (
	"context"
	"flag"
	"fmt"
	"sync"
	"testing"

	awsoutposts "github.com/aws/aws-sdk-go-v2/service/outposts"

	"github.com/smithygo/smithygo/generated/outposts"
)

// The sweep: BenchmarkDecode's five shapes are five fixtures, and a ratio
// met on them may not be met on a payload of another make. The sweep
// decodes every Outposts operation whose output holds a list or a map,
// each in every profile of SweepProfiles (short or rich strings, small or
// wide numbers, short or long lists, members left out at random or never
// set, text in other scripts, compact, indented or spaced as Python
// writes, members added since the model was taken, members in an order of
// their own, null values), so that what is measured is not only what the
// shapes were chosen to show. Its fixtures are generated from the model
// with fixed seeds, as the shapes' are.
//
// TestDecodeSweepAgrees checks on each that the generated client and
// aws-sdk-go-v2 decode the same values; BenchmarkDecodeSweep, which runs
// only with -sweep (it is 220 benchmarks), times both, and reports with
// ours heldB/op, the memory the decoded value holds: where that is more
// than a quarter of aws-sdk-go-v2's B/op, no decoder into these Go types
// can allocate a quarter of it (a map[string]string of up to eight
// entries is 336 bytes whatever it holds, and maps are the types' own):
//
//	go test -run '^$' -bench DecodeSweep -sweep -count 6 | tee sweep.txt
//	go tool benchstat -col /impl sweep.txt

var sweep = flag.Bool("sweep", false, "run BenchmarkDecodeSweep")

// SweepProfiles are the sweep's payload profiles (Operation is set per
// operation; each page is 256 KB).
var SweepProfiles = []Profile{
	{Seed: 11, ListLen: [2]int{1, 4}, MapLen: [2]int{1, 4}},
	{Seed: 12, ListLen: [2]int{4, 16}, MapLen: [2]int{1, 8}, WideNumbers: true},
	{Seed: 13, ListLen: [2]int{1, 4}, MapLen: [2]int{2, 8}, RichStrings: true},
	{Seed: 14, ListLen: [2]int{0, 2}, MapLen: [2]int{0, 2}, RichStrings: true, WideNumbers: true},
	{Seed: 15, ListLen: [2]int{1, 6}, MapLen: [2]int{1, 6}, WideNumbers: true, Omit: 0.3},
	{Seed: 16, ListLen: [2]int{1, 4}, MapLen: [2]int{1, 4}, RichStrings: true, Text: foreignText},
	{Seed: 17, ListLen: [2]int{1, 4}, MapLen: [2]int{1, 4}, Indent: true},
	{Seed: 18, ListLen: [2]int{1, 6}, MapLen: [2]int{1, 6}, Spaced: true},
	{Seed: 19, ListLen: [2]int{1, 4}, MapLen: [2]int{1, 4}, Unmodeled: 0.25},
	{Seed: 20, ListLen: [2]int{1, 4}, MapLen: [2]int{1, 4}, Shuffled: true},
	{Seed: 21, ListLen: [2]int{1, 4}, MapLen: [2]int{1, 4}, Nulls: 0.3},
	{Seed: 22, ListLen: [2]int{1, 6}, MapLen: [2]int{1, 6}, WideNumbers: true, Absent: 0.3},
	{Seed: 23, ListLen: [2]int{1, 6}, MapLen: [2]int{1, 3}, Absent: 0.75},
}

// sweepOp calls one operation with each client and returns the part of
// its output the payload fills (its list or map).
type sweepOp struct {
	name string
	our  func(context.Context, *outposts.Client) (any, error)
	aws  func(context.Context, *awsoutposts.Client) (any, error)
}

// sweepARN is the resource ListTagsForResource is asked about.
var sweepARN = "arn:aws:outposts:us-west-2:123456789012:outpost/" + OutpostID

var sweepOps = []sweepOp{
	{"ListAssets",
		func(ctx context.Context, c *outposts.Client) (any, error) {
			out, err := c.ListAssets(ctx, &outposts.ListAssetsInput{OutpostIdentifier: ptr(OutpostID)})
			return outField(out, err, func() any { return out.Assets })
		},
		func(ctx context.Context, c *awsoutposts.Client) (any, error) {
			out, err := c.ListAssets(ctx, &awsoutposts.ListAssetsInput{OutpostIdentifier: ptr(OutpostID)})
			return outField(out, err, func() any { return out.Assets })
		}},
	{"ListCapacityTasks",
		func(ctx context.Context, c *outposts.Client) (any, error) {
			out, err := c.ListCapacityTasks(ctx, &outposts.ListCapacityTasksInput{})
			return outField(out, err, func() any { return out.CapacityTasks })
		},
		func(ctx context.Context, c *awsoutposts.Client) (any, error) {
			out, err := c.ListCapacityTasks(ctx, &awsoutposts.ListCapacityTasksInput{})
			return outField(out, err, func() any { return out.CapacityTasks })
		}},
	{"ListSites",
		func(ctx context.Context, c *outposts.Client) (any, error) {
			out, err := c.ListSites(ctx, &outposts.ListSitesInput{})
			return outField(out, err, func() any { return out.Sites })
		},
		func(ctx context.Context, c *awsoutposts.Client) (any, error) {
			out, err := c.ListSites(ctx, &awsoutposts.ListSitesInput{})
			return outField(out, err, func() any { return out.Sites })
		}},
	{"GetOrder",
		func(ctx context.Context, c *outposts.Client) (any, error) {
			out, err := c.GetOrder(ctx, &outposts.GetOrderInput{OrderId: ptr(OrderID)})
			return outField(out, err, func() any { return out.Order })
		},
		func(ctx context.Context, c *awsoutposts.Client) (any, error) {
			out, err := c.GetOrder(ctx, &awsoutposts.GetOrderInput{OrderId: ptr(OrderID)})
			return outField(out, err, func() any { return out.Order })
		}},
	{"ListOutposts",
		func(ctx context.Context, c *outposts.Client) (any, error) {
			out, err := c.ListOutposts(ctx, &outposts.ListOutpostsInput{})
			return outField(out, err, func() any { return out.Outposts })
		},
		func(ctx context.Context, c *awsoutposts.Client) (any, error) {
			out, err := c.ListOutposts(ctx, &awsoutposts.ListOutpostsInput{})
			return outField(out, err, func() any { return out.Outposts })
		}},
	{"ListCatalogItems",
		func(ctx context.Context, c *outposts.Client) (any, error) {
			out, err := c.ListCatalogItems(ctx, &outposts.ListCatalogItemsInput{})
			return outField(out, err, func() any { return out.CatalogItems })
		},
		func(ctx context.Context, c *awsoutposts.Client) (any, error) {
			out, err := c.ListCatalogItems(ctx, &awsoutposts.ListCatalogItemsInput{})
			return outField(out, err, func() any { return out.CatalogItems })
		}},
	{"ListOrders",
		func(ctx context.Context, c *outposts.Client) (any, error) {
			out, err := c.ListOrders(ctx, &outposts.ListOrdersInput{})
			return outField(out, err, func() any { return out.Orders })
		},
		func(ctx context.Context, c *awsoutposts.Client) (any, error) {
			out, err := c.ListOrders(ctx, &awsoutposts.ListOrdersInput{})
			return outField(out, err, func() any { return out.Orders })
		}},
	{"ListAssetInstances",
		func(ctx context.Context, c *outposts.Client) (any, error) {
			out, err := c.ListAssetInstances(ctx, &outposts.ListAssetInstancesInput{OutpostIdentifier: ptr(OutpostID)})
			return outField(out, err, func() any { return out.AssetInstances })
		},
		func(ctx context.Context, c *awsoutposts.Client) (any, error) {
			out, err := c.ListAssetInstances(ctx, &awsoutposts.ListAssetInstancesInput{OutpostIdentifier: ptr(OutpostID)})
			return outField(out, err, func() any { return out.AssetInstances })
		}},
	{"GetOutpostInstanceTypes",
		func(ctx context.Context, c *outposts.Client) (any, error) {
			out, err := c.GetOutpostInstanceTypes(ctx, &outposts.GetOutpostInstanceTypesInput{OutpostId: ptr(OutpostID)})
			return outField(out, err, func() any { return out.InstanceTypes })
		},
		func(ctx context.Context, c *awsoutposts.Client) (any, error) {
			out, err := c.GetOutpostInstanceTypes(ctx, &awsoutposts.GetOutpostInstanceTypesInput{OutpostId: ptr(OutpostID)})
			return outField(out, err, func() any { return out.InstanceTypes })
		}},
	{"ListTagsForResource",
		func(ctx context.Context, c *outposts.Client) (any, error) {
			out, err := c.ListTagsForResource(ctx, &outposts.ListTagsForResourceInput{ResourceArn: &sweepARN})
			return outField(out, err, func() any { return out.Tags })
		},
		func(ctx context.Context, c *awsoutposts.Client) (any, error) {
			out, err := c.ListTagsForResource(ctx, &awsoutposts.ListTagsForResourceInput{ResourceArn: &sweepARN})
			return outField(out, err, func() any { return out.Tags })
		}},
}

// outField returns field() unless the call failed.
func outField[T any](out *T, err error, field func() any) (any, error) {
	if err != nil || out == nil {
		return nil, err
	}
	return field(), nil
}

// sweepFixture is one payload of the sweep.
type sweepFixture struct {
	name string // op=…/profile=p…
	op   sweepOp
	body string
}

// sweepFixtures generates the sweep's payloads once. ListTagsForResource's
// output is one map: its payload is a map of 2,000 tags in place of a page.
var sweepFixtures = sync.OnceValues(func() ([]sweepFixture, error) {
	model, err := LoadModel()
	if err != nil {
		return nil, err
	}
	var fs []sweepFixture
	for _, op := range sweepOps {
		for i, p := range SweepProfiles {
			p.Operation, p.Size = op.name, 256<<10
			if op.name == "ListTagsForResource" {
				p.Size, p.MapLen = 0, [2]int{2000, 2000}
			}
			body, err := Payload(model, p)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", op.name, err)
			}
			fs = append(fs, sweepFixture{fmt.Sprintf("op=%s/profile=p%d", op.name, i), op, body})
		}
	}
	return fs, nil
})

// TestDecodeSweepAgrees checks that the generated client and aws-sdk-go-v2
// read every sweep payload alike: both outputs written by encoding/json,
// without empty members, are the same text.
func TestDecodeSweepAgrees(t *testing.T) {
	fs, err := sweepFixtures()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, f := range fs {
		t.Run(f.name, func(t *testing.T) {
			mem := MemoryTransport{Body: f.body}
			ours, err1 := f.op.our(ctx, ourClient(mem, ""))
			theirs, err2 := f.op.aws(ctx, awsClient(mem, ""))
			if err1 != nil || err2 != nil {
				t.Fatalf("errors: smithygo %v, awssdk %v", err1, err2)
			}
			a, b := canonical(t, ours), canonical(t, theirs)
			if len(a) < 1000 {
				t.Fatalf("the output is only %d bytes of JSON: %s", len(a), a)
			}
			if string(a) != string(b) {
				i := 0
				for i < min(len(a), len(b)) && a[i] == b[i] {
					i++
				}
				t.Fatalf("smithygo and awssdk differ at byte %d:\n%s\n%s", i, snippet(a, i), snippet(b, i))
			}
		})
	}
}

func BenchmarkDecodeSweep(b *testing.B) {
	if !*sweep {
		b.Skip("the sweep runs with -sweep")
	}
	fs, err := sweepFixtures()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, f := range fs {
		mem := MemoryTransport{Body: f.body}
		b.Run(f.name+"/impl=awssdk", func(b *testing.B) {
			c := awsClient(mem, "")
			b.SetBytes(int64(len(f.body)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := f.op.aws(ctx, c); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(f.name+"/impl=smithygo", func(b *testing.B) {
			c := ourClient(mem, "")
			out, err := f.op.our(ctx, c)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(f.body)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := f.op.our(ctx, c); err != nil {
					b.Fatal(err)
				}
			}
			// heldB/op: the memory the decoded value itself holds, the
			// least any decoder into these types allocates (see heldBytes).
			// Reported after the loop, which clears metrics when it starts.
			b.ReportMetric(float64(heldBytes(out)), "heldB/op")
		})
	}
}
