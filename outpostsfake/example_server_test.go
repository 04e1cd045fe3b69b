package outpostsfake_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/types"
	"github.com/smithygo/smithygo/outpostsfake"
)

// Code under test talks to the fake through the generated client, over
// HTTP, exactly as it would talk to AWS: only the endpoint differs.
func ExampleFake_Server() {
	ctx := context.Background()
	fake := outpostsfake.New()
	srv := fake.Server()
	defer srv.Close()
	client := outposts.New(outposts.Options{
		Region:       "us-west-2",
		BaseEndpoint: srv.URL,
		Credentials:  outposts.StaticCredentials("AKIDEXAMPLE", "secret", ""),
	})
	str := func(s string) *string { return &s }

	site, _ := client.CreateSite(ctx, &outposts.CreateSiteInput{Name: str("lab")})
	op, _ := client.CreateOutpost(ctx, &outposts.CreateOutpostInput{Name: str("rack 1"), SiteId: site.Site.SiteId})
	task, err := client.StartCapacityTask(ctx, &outposts.StartCapacityTaskInput{
		OutpostIdentifier: op.Outpost.OutpostId,
		InstancePools: []types.InstanceTypeCapacity{
			{InstanceType: str("m5.large"), Count: 8}, {InstanceType: str("m5.xlarge"), Count: 4},
			{InstanceType: str("m5.4xlarge"), Count: 4}, {InstanceType: str("m5.12xlarge"), Count: 1},
		},
	})
	if err != nil {
		panic(err)
	}
	fake.Advance(4 * time.Second) // two steps to IN_PROGRESS, two more to COMPLETED
	got, _ := client.GetCapacityTask(ctx, &outposts.GetCapacityTaskInput{
		OutpostIdentifier: op.Outpost.OutpostId, CapacityTaskId: task.CapacityTaskId,
	})
	fmt.Println(got.CapacityTaskStatus)

	_, err = client.GetOutpost(ctx, &outposts.GetOutpostInput{OutpostId: str("op-0123456789abcdef0")})
	var notFound *types.NotFoundException
	fmt.Println(errors.As(err, &notFound))
	// Output:
	// COMPLETED
	// true
}
