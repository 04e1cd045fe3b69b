package bench

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	awsoutposts "github.com/aws/aws-sdk-go-v2/service/outposts"
	awstypes "github.com/aws/aws-sdk-go-v2/service/outposts/types"

	"github.com/smithygo/smithygo/outpostsfake"
)

// A client nobody here wrote, aws-sdk-go-v2's, against the Outposts fake
// over loopback: capacity tasks to COMPLETED and to CANCELLED, a paginated
// list, and the model's errors as aws-sdk-go-v2's typed errors. It shows
// that the generated server speaks the protocol as AWS's SDK reads it,
// not only as our own client does.
func TestAWSSDKAgainstTheFake(t *testing.T) {
	ctx := context.Background()
	fake := outpostsfake.New()
	srv := fake.Server()
	defer srv.Close()
	client := awsClient(nil, srv.URL)
	str := func(s string) *string { return &s }

	site, err := client.CreateSite(ctx, &awsoutposts.CreateSiteInput{Name: str("lab")})
	if err != nil {
		t.Fatalf("CreateSite: %v", err)
	}
	op, err := client.CreateOutpost(ctx, &awsoutposts.CreateOutpostInput{Name: str("rack 1"), SiteId: site.Site.SiteId})
	if err != nil {
		t.Fatalf("CreateOutpost: %v", err)
	}
	pools := []awstypes.InstanceTypeCapacity{
		{InstanceType: str("m5.large"), Count: 8}, {InstanceType: str("m5.xlarge"), Count: 4},
		{InstanceType: str("m5.4xlarge"), Count: 4}, {InstanceType: str("m5.12xlarge"), Count: 1},
	}
	start := func() *awsoutposts.StartCapacityTaskOutput {
		t.Helper()
		out, err := client.StartCapacityTask(ctx, &awsoutposts.StartCapacityTaskInput{OutpostIdentifier: op.Outpost.OutpostId, InstancePools: pools})
		if err != nil {
			t.Fatalf("StartCapacityTask: %v", err)
		}
		return out
	}
	status := func(id *string) awstypes.CapacityTaskStatus {
		t.Helper()
		out, err := client.GetCapacityTask(ctx, &awsoutposts.GetCapacityTaskInput{OutpostIdentifier: op.Outpost.OutpostId, CapacityTaskId: id})
		if err != nil {
			t.Fatalf("GetCapacityTask: %v", err)
		}
		return out.CapacityTaskStatus
	}

	first := start()
	if got := status(first.CapacityTaskId); got != awstypes.CapacityTaskStatusRequested {
		t.Errorf("a new task is %s, want REQUESTED", got)
	}
	// A second task while one is active: the model's ConflictException.
	_, err = client.StartCapacityTask(ctx, &awsoutposts.StartCapacityTaskInput{OutpostIdentifier: op.Outpost.OutpostId, InstancePools: pools})
	var conflict *awstypes.ConflictException
	if !errors.As(err, &conflict) {
		t.Errorf("a second active task gave %v, want *types.ConflictException", err)
	}
	fake.Advance(4 * time.Second)
	if got := status(first.CapacityTaskId); got != awstypes.CapacityTaskStatusCompleted {
		t.Errorf("after four steps the task is %s, want COMPLETED", got)
	}

	second := start()
	if _, err := client.CancelCapacityTask(ctx, &awsoutposts.CancelCapacityTaskInput{OutpostIdentifier: op.Outpost.OutpostId, CapacityTaskId: second.CapacityTaskId}); err != nil {
		t.Fatalf("CancelCapacityTask: %v", err)
	}
	if got := status(second.CapacityTaskId); got != awstypes.CapacityTaskStatusCancellationInProgress {
		t.Errorf("a cancelled task is %s, want CANCELLATION_IN_PROGRESS", got)
	}
	fake.Advance(10 * time.Second)
	if got := status(second.CapacityTaskId); got != awstypes.CapacityTaskStatusCancelled {
		t.Errorf("the cancelled task ends %s, want CANCELLED", got)
	}

	// aws-sdk-go-v2's own paginator over 30 Outposts, 7 a page.
	for i := range 29 {
		if _, err := client.CreateOutpost(ctx, &awsoutposts.CreateOutpostInput{Name: str("rack " + string(rune('a'+i%26)) + strings.Repeat("x", i/26)), SiteId: site.Site.SiteId}); err != nil {
			t.Fatalf("CreateOutpost %d: %v", i, err)
		}
	}
	seen := map[string]bool{}
	pages := 0
	for p := awsoutposts.NewListOutpostsPaginator(client, &awsoutposts.ListOutpostsInput{MaxResults: ptr(int32(7))}); p.HasMorePages(); {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatalf("ListOutposts page %d: %v", pages+1, err)
		}
		pages++
		for _, o := range page.Outposts {
			if seen[*o.OutpostId] {
				t.Errorf("%s listed twice", *o.OutpostId)
			}
			seen[*o.OutpostId] = true
		}
	}
	if len(seen) != 30 || pages != 5 {
		t.Errorf("listed %d Outposts in %d pages, want 30 in 5", len(seen), pages)
	}

	// The model's errors, as aws-sdk-go-v2 reads them.
	_, err = client.GetOutpost(ctx, &awsoutposts.GetOutpostInput{OutpostId: str("op-0123456789abcdef0")})
	var notFound *awstypes.NotFoundException
	if !errors.As(err, &notFound) {
		t.Errorf("an unknown Outpost gave %v, want *types.NotFoundException", err)
	}
	_, err = client.CreateSite(ctx, &awsoutposts.CreateSiteInput{Name: str(strings.Repeat("n", 2000))})
	var invalid *awstypes.ValidationException
	if !errors.As(err, &invalid) {
		t.Errorf("a site name of 2,000 characters gave %v, want *types.ValidationException", err)
	}
}
