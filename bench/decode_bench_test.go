package bench

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"sync"
	"testing"

	awsoutposts "github.com/aws/aws-sdk-go-v2/service/outposts"

	"github.com/smithygo/smithygo/generated/outposts"
)

// BenchmarkDecode decodes each payload shape of Shapes (generated from the
// model, see payloads.go) three ways: a call of the generated client and of
// aws-sdk-go-v2 through the in-memory transport (each client's real
// deserialization path, as in BenchmarkListCatalogItems), and, as impl=floor,
// encoding/json decoding the same body from a reader into structs with the
// same members (timestamps as numbers, optional members as pointers).

// Structs for encoding/json, member for member the output shapes.
type (
	floorAssets struct {
		Assets []struct {
			AssetId, RackId   *string
			AssetType         string
			ComputeAttributes *struct {
				HostId                 *string
				State                  string
				InstanceFamilies       []string
				InstanceTypeCapacities []struct {
					InstanceType *string
					Count        int32
				}
				MaxVcpus *int32
			}
			AssetLocation *struct{ RackElevation *float32 }
		}
		NextToken *string
	}
	floorCapacityTasks struct {
		CapacityTasks []struct {
			CapacityTaskId, OutpostId, OrderId             *string
			CapacityTaskStatus                             string
			CreationDate, CompletionDate, LastModifiedDate *float64
		}
		NextToken *string
	}
	floorSites struct {
		Sites []struct {
			SiteId, AccountId, Name, Description                                             *string
			Tags                                                                             map[string]string
			SiteArn, Notes                                                                   *string
			OperatingAddressCountryCode, OperatingAddressStateOrRegion, OperatingAddressCity *string
			RackPhysicalProperties                                                           *struct {
				PowerDrawKva, PowerPhase, PowerConnector, PowerFeedDrop, UplinkGbps, UplinkCount,
				FiberOpticCableType, OpticalStandard, MaximumSupportedWeightLbs string
			}
		}
		NextToken *string
	}
	floorOrder struct {
		Order *struct {
			OutpostId, OrderId *string
			Status             string
			LineItems          []struct {
				CatalogItemId, LineItemId *string
				Quantity                  *int32
				Status                    string
				ShipmentInformation       *struct {
					ShipmentTrackingNumber *string
					ShipmentCarrier        string
				}
				AssetInformationList []struct {
					AssetId        *string
					MacAddressList []string
				}
				PreviousLineItemId, PreviousOrderId *string
			}
			PaymentOption                           string
			OrderSubmissionDate, OrderFulfilledDate *float64
			PaymentTerm, OrderType                  string
		}
	}
	floorOutposts struct {
		Outposts []struct {
			OutpostId, OwnerId, OutpostArn, SiteId, Name, Description *string
			LifeCycleStatus, AvailabilityZone, AvailabilityZoneId     *string
			Tags                                                      map[string]string
			SiteArn                                                   *string
			SupportedHardwareType                                     string
		}
		NextToken *string
	}
)

// shapeCase is one payload shape: its body and, for each implementation, a
// call that decodes it and returns the page as a value encoding/json can
// write (for the agreement test) and its length (checked on every iteration).
type shapeCase struct {
	name string
	body string
	our  func(context.Context, *outposts.Client) (any, int, error)
	aws  func(context.Context, *awsoutposts.Client) (any, int, error)
	std  func(*strings.Reader) (any, int, error)
}

func floorDecode[T any](page func(*T) (any, int)) func(*strings.Reader) (any, int, error) {
	return func(r *strings.Reader) (any, int, error) {
		var v T
		if err := json.NewDecoder(r).Decode(&v); err != nil {
			return nil, 0, err
		}
		p, n := page(&v)
		return p, n, nil
	}
}

// shapeSeed, when set, is added to each shape's seed: the shapes' payloads
// are then others of the same make, which the committed figures were not
// measured on, so that a ratio that holds only for the fixed seeds shows:
//
//	go test -run '^$' -bench 'Decode$' -shapeseed 1000 -count 6 | tee other.txt
var shapeSeed = flag.Uint64("shapeseed", 0, "add this to each of BenchmarkDecode's shape seeds (0: the committed fixtures)")

var shapeCases = sync.OnceValues(func() ([]shapeCase, error) {
	model, err := LoadModel()
	if err != nil {
		return nil, err
	}
	bodies := make([]string, len(Shapes))
	for i, p := range Shapes {
		p.Seed += *shapeSeed
		if bodies[i], err = Payload(model, p); err != nil {
			return nil, err
		}
	}
	return []shapeCase{{
		name: ShapeNames[0], body: bodies[0],
		our: func(ctx context.Context, c *outposts.Client) (any, int, error) {
			out, err := c.ListAssets(ctx, &outposts.ListAssetsInput{OutpostIdentifier: ptr(OutpostID)})
			if err != nil {
				return nil, 0, err
			}
			return out.Assets, len(out.Assets), nil
		},
		aws: func(ctx context.Context, c *awsoutposts.Client) (any, int, error) {
			out, err := c.ListAssets(ctx, &awsoutposts.ListAssetsInput{OutpostIdentifier: ptr(OutpostID)})
			if err != nil {
				return nil, 0, err
			}
			return out.Assets, len(out.Assets), nil
		},
		std: floorDecode(func(v *floorAssets) (any, int) { return v.Assets, len(v.Assets) }),
	}, {
		name: ShapeNames[1], body: bodies[1],
		our: func(ctx context.Context, c *outposts.Client) (any, int, error) {
			out, err := c.ListCapacityTasks(ctx, &outposts.ListCapacityTasksInput{})
			if err != nil {
				return nil, 0, err
			}
			return out.CapacityTasks, len(out.CapacityTasks), nil
		},
		aws: func(ctx context.Context, c *awsoutposts.Client) (any, int, error) {
			out, err := c.ListCapacityTasks(ctx, &awsoutposts.ListCapacityTasksInput{})
			if err != nil {
				return nil, 0, err
			}
			return out.CapacityTasks, len(out.CapacityTasks), nil
		},
		std: floorDecode(func(v *floorCapacityTasks) (any, int) { return v.CapacityTasks, len(v.CapacityTasks) }),
	}, {
		name: ShapeNames[2], body: bodies[2],
		our: func(ctx context.Context, c *outposts.Client) (any, int, error) {
			out, err := c.ListSites(ctx, &outposts.ListSitesInput{})
			if err != nil {
				return nil, 0, err
			}
			return out.Sites, len(out.Sites), nil
		},
		aws: func(ctx context.Context, c *awsoutposts.Client) (any, int, error) {
			out, err := c.ListSites(ctx, &awsoutposts.ListSitesInput{})
			if err != nil {
				return nil, 0, err
			}
			return out.Sites, len(out.Sites), nil
		},
		std: floorDecode(func(v *floorSites) (any, int) { return v.Sites, len(v.Sites) }),
	}, {
		name: ShapeNames[3], body: bodies[3],
		our: func(ctx context.Context, c *outposts.Client) (any, int, error) {
			out, err := c.GetOrder(ctx, &outposts.GetOrderInput{OrderId: ptr(OrderID)})
			if err != nil || out.Order == nil {
				return nil, 0, err
			}
			return out.Order.LineItems, len(out.Order.LineItems), nil
		},
		aws: func(ctx context.Context, c *awsoutposts.Client) (any, int, error) {
			out, err := c.GetOrder(ctx, &awsoutposts.GetOrderInput{OrderId: ptr(OrderID)})
			if err != nil || out.Order == nil {
				return nil, 0, err
			}
			return out.Order.LineItems, len(out.Order.LineItems), nil
		},
		std: floorDecode(func(v *floorOrder) (any, int) {
			if v.Order == nil {
				return nil, 0
			}
			return v.Order.LineItems, len(v.Order.LineItems)
		}),
	}, {
		name: ShapeNames[4], body: bodies[4],
		our: func(ctx context.Context, c *outposts.Client) (any, int, error) {
			out, err := c.ListOutposts(ctx, &outposts.ListOutpostsInput{})
			if err != nil {
				return nil, 0, err
			}
			return out.Outposts, len(out.Outposts), nil
		},
		aws: func(ctx context.Context, c *awsoutposts.Client) (any, int, error) {
			out, err := c.ListOutposts(ctx, &awsoutposts.ListOutpostsInput{})
			if err != nil {
				return nil, 0, err
			}
			return out.Outposts, len(out.Outposts), nil
		},
		std: floorDecode(func(v *floorOutposts) (any, int) { return v.Outposts, len(v.Outposts) }),
	}}, nil
})

func BenchmarkDecode(b *testing.B) {
	cases, err := shapeCases()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, sc := range cases {
		mem := MemoryTransport{Body: sc.body}
		_, want, err := sc.std(strings.NewReader(sc.body))
		if err != nil || want == 0 {
			b.Fatalf("%s: encoding/json: %d, %v", sc.name, want, err)
		}
		check := func(b *testing.B, n int, err error) {
			if err != nil || n != want {
				b.Fatalf("%s: %d elements, %v; want %d", sc.name, n, err, want)
			}
		}
		b.Run("shape="+sc.name+"/impl=awssdk", func(b *testing.B) {
			c := awsClient(mem, "")
			b.SetBytes(int64(len(sc.body)))
			b.ReportAllocs()
			for b.Loop() {
				_, n, err := sc.aws(ctx, c)
				check(b, n, err)
			}
		})
		b.Run("shape="+sc.name+"/impl=smithygo", func(b *testing.B) {
			c := ourClient(mem, "")
			b.SetBytes(int64(len(sc.body)))
			b.ReportAllocs()
			for b.Loop() {
				_, n, err := sc.our(ctx, c)
				check(b, n, err)
			}
		})
		b.Run("shape="+sc.name+"/impl=floor", func(b *testing.B) {
			r := strings.NewReader(sc.body)
			b.SetBytes(int64(len(sc.body)))
			b.ReportAllocs()
			for b.Loop() {
				r.Reset(sc.body)
				_, n, err := sc.std(r)
				check(b, n, err)
			}
		})
	}
}

// TestDecodeShapesAgree checks that the three decoders read every payload
// shape alike: the generated client's page and aws-sdk-go-v2's are written
// back by encoding/json to the same text (both have *time.Time timestamps),
// and encoding/json's own structs hold as many elements.
func TestDecodeShapesAgree(t *testing.T) {
	cases, err := shapeCases()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, sc := range cases {
		t.Run(sc.name, func(t *testing.T) {
			mem := MemoryTransport{Body: sc.body}
			ours, n1, err1 := sc.our(ctx, ourClient(mem, ""))
			theirs, n2, err2 := sc.aws(ctx, awsClient(mem, ""))
			_, n3, err3 := sc.std(strings.NewReader(sc.body))
			if err1 != nil || err2 != nil || err3 != nil {
				t.Fatalf("errors: smithygo %v, awssdk %v, encoding/json %v", err1, err2, err3)
			}
			if n1 != n2 || n1 != n3 || n1 == 0 {
				t.Fatalf("page lengths: smithygo %d, awssdk %d, encoding/json %d", n1, n2, n3)
			}
			a, b := canonical(t, ours), canonical(t, theirs)
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

// canonical is v written by encoding/json with object keys sorted and
// without members that are null or "": aws-sdk-go-v2's newer model has
// members the fixtures (from this repository's model) never fill.
func canonical(t *testing.T, v any) []byte {
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var generic any
	if err := json.Unmarshal(raw, &generic); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(pruneEmpty(generic))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func pruneEmpty(v any) any { return prune(v, func(x any) bool { return x == nil || x == "" }) }

// prune deletes the members of v's objects, at any depth, whose values
// drop says to, and returns v.
func prune(v any, drop func(any) bool) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if drop(x) {
				delete(v, k)
			} else {
				v[k] = prune(x, drop)
			}
		}
	case []any:
		for i, x := range v {
			v[i] = prune(x, drop)
		}
	}
	return v
}

func snippet(b []byte, i int) string {
	return fmt.Sprintf("…%s…", b[max(0, i-80):min(len(b), i+80)])
}
