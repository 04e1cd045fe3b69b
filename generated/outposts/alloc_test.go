package outposts_test

import (
	"strings"
	"testing"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/types"
)

// bigStartCapacityTask is a valid StartCapacityTaskInput with many pools and
// exclusions, so that every kind of check runs many times.
func bigStartCapacityTask() *outposts.StartCapacityTaskInput {
	in := validStartCapacityTask()
	for i := range 16 {
		in.InstancePools = append(in.InstancePools, types.InstanceTypeCapacity{
			InstanceType: ptr("m5." + strings.Repeat("x", i%4) + "large"),
			Count:        int32(i * 100),
		})
	}
	in.InstancesToExclude.Instances = append(in.InstancesToExclude.Instances, "i-0aaaaaaaaaaaaaaaa", "i-0bbbbbbbbbbbbbbbb")
	in.InstancesToExclude.AccountIds = append(in.InstancesToExclude.AccountIds, "111111111111")
	return in
}

// TestValidateValidDoesNotAllocate checks that validating a valid input
// allocates nothing once the patterns are compiled. It counts allocations,
// which is deterministic, rather than timing anything.
func TestValidateValidDoesNotAllocate(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage instrumentation changes allocation counts")
	}
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool drop items, so the pattern matchers allocate")
	}
	inputs := []struct {
		name string
		in   validatable
	}{
		{"StartCapacityTaskInput", validStartCapacityTask()},
		{"StartCapacityTaskInput big", bigStartCapacityTask()},
		{"CreateOrderInput", validCreateOrder()},
		{"TagResourceInput", validTagResource()},
		{"UntagResourceInput", &outposts.UntagResourceInput{ResourceArn: ptr(resourceARN), TagKeys: []string{"env", "team/owner", "AWS:x"}}},
		{"GetCapacityTaskInput", &outposts.GetCapacityTaskInput{CapacityTaskId: ptr(taskID), OutpostIdentifier: ptr(outpostARN)}},
		{"CreateSiteInput", &outposts.CreateSiteInput{
			Name:             ptr("Seattle DC"),
			Tags:             map[string]string{"env": "prod", "team": "infra"},
			OperatingAddress: validAddress(),
			ShippingAddress:  validAddress(),
			RackPhysicalProperties: &types.RackPhysicalProperties{
				PowerDrawKva: types.PowerDrawKvaPower15Kva,
				UplinkGbps:   types.UplinkGbpsUplink40g,
			},
		}},
	}
	for _, c := range inputs {
		t.Run(c.name, func(t *testing.T) {
			// The first call compiles the patterns and fills the matcher pools.
			if err := c.in.Validate(); err != nil {
				t.Fatalf("Validate() = %v, want nil", err)
			}
			var err error
			allocs := testing.AllocsPerRun(200, func() { err = c.in.Validate() })
			if err != nil {
				t.Fatalf("Validate() = %v, want nil", err)
			}
			if allocs != 0 {
				t.Errorf("Validate() of a valid %s allocates %v times per call, want 0", c.name, allocs)
			}
		})
	}
}

func BenchmarkValidateValid(b *testing.B) {
	for _, c := range []struct {
		name string
		in   validatable
	}{
		{"StartCapacityTask", bigStartCapacityTask()},
		{"CreateOrder", validCreateOrder()},
		{"TagResource", validTagResource()},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := c.in.Validate(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkValidateInvalid(b *testing.B) {
	start := bigStartCapacityTask()
	start.InstancePools[2].Count = 10000
	start.InstancePools[5].InstanceType = ptr("M5 LARGE")
	start.InstancesToExclude.Services = append(start.InstancesToExclude.Services, "LAMBDA")
	tags := validTagResource()
	tags.Tags["aws:reserved"] = "x"
	for _, c := range []struct {
		name string
		in   validatable
	}{
		{"StartCapacityTask", start},
		{"GetCapacityTaskEmpty", &outposts.GetCapacityTaskInput{}},
		{"TagResource", tags},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := c.in.Validate(); err == nil {
					b.Fatal("Validate() = nil, want violations")
				}
			}
		})
	}
}
