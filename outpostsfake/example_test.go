package outpostsfake_test

import (
	"context"
	"fmt"
	"time"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/types"
	"github.com/smithygo/smithygo/outpostsfake"
)

// A capacity task followed from StartCapacityTask to COMPLETED, with the
// fake's clock moved by the test.
func Example() {
	ctx := context.Background()
	fake := outpostsfake.New(outpostsfake.WithStep(time.Minute))
	str := func(s string) *string { return &s }

	site, err := fake.CreateSite(ctx, &outposts.CreateSiteInput{Name: str("lab")})
	if err != nil {
		panic(err)
	}
	op, err := fake.CreateOutpost(ctx, &outposts.CreateOutpostInput{Name: str("rack 1"), SiteId: site.Site.SiteId})
	if err != nil {
		panic(err)
	}
	task, err := fake.StartCapacityTask(ctx, &outposts.StartCapacityTaskInput{
		OutpostIdentifier: op.Outpost.OutpostId,
		InstancePools: []types.InstanceTypeCapacity{
			{InstanceType: str("m5.large"), Count: 8},
			{InstanceType: str("m5.xlarge"), Count: 4},
			{InstanceType: str("m5.4xlarge"), Count: 4},
			{InstanceType: str("m5.12xlarge"), Count: 1},
		},
	})
	if err != nil {
		panic(err)
	}
	for range 3 {
		got, err := fake.GetCapacityTask(ctx, &outposts.GetCapacityTaskInput{
			OutpostIdentifier: op.Outpost.OutpostId, CapacityTaskId: task.CapacityTaskId,
		})
		if err != nil {
			panic(err)
		}
		fmt.Println(got.CapacityTaskStatus)
		fake.Advance(time.Minute)
	}

	_, err = fake.GetOutpost(ctx, &outposts.GetOutpostInput{OutpostId: str("op-0123456789abcdef0")})
	fmt.Println(err)
	// Output:
	// REQUESTED
	// IN_PROGRESS
	// COMPLETED
	// NotFoundException: Outpost op-0123456789abcdef0 does not exist in account 111122223333
}
