package outpostsfake

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/server"
	"github.com/smithygo/smithygo/generated/outposts/types"
)

var ctx = context.Background()

func address(city string) *types.Address {
	return &types.Address{
		ContactName:        ptr("Ada Lovelace"),
		ContactPhoneNumber: ptr("+1 206 555 0100"),
		AddressLine1:       ptr("410 Terry Ave N"),
		City:               ptr(city),
		StateOrRegion:      ptr("WA"),
		PostalCode:         ptr("98109"),
		CountryCode:        ptr("US"),
	}
}

func newSite(t *testing.T, f server.Service) *types.Site {
	t.Helper()
	return must(f.CreateSite(ctx, &outposts.CreateSiteInput{
		Name:             ptr("Seattle lab"),
		Description:      ptr("Test lab"),
		Notes:            ptr("Loading dock at the back\nRing twice"),
		Tags:             map[string]string{"team": "infra"},
		OperatingAddress: address("Seattle"),
		ShippingAddress:  address("Seattle"),
		RackPhysicalProperties: &types.RackPhysicalProperties{
			PowerDrawKva: types.PowerDrawKvaPower10Kva, PowerPhase: types.PowerPhaseThreePhase,
			UplinkGbps: types.UplinkGbpsUplink10g, UplinkCount: types.UplinkCountUplinkCount2,
		},
	}))(t).Site
}

func newOutpost(t *testing.T, f server.Service, siteID string, hw types.SupportedHardwareType) *types.Outpost {
	t.Helper()
	return must(f.CreateOutpost(ctx, &outposts.CreateOutpostInput{
		Name: ptr("rack 1"), SiteId: ptr(siteID), SupportedHardwareType: hw,
	}))(t).Outpost
}

// pools are InstancePools from alternating types and counts.
func pools(kv ...any) []types.InstanceTypeCapacity {
	var out []types.InstanceTypeCapacity
	for i := 0; i < len(kv); i += 2 {
		out = append(out, types.InstanceTypeCapacity{InstanceType: ptr(kv[i].(string)), Count: int32(kv[i+1].(int))})
	}
	return out
}

// fitting is a rearrangement of a new rack's two m5 hosts (192 vCPUs,
// running 4 m5.large, 2 m5.xlarge and 2 m5.4xlarge) that leaves a slot for
// every running instance.
var fitting = pools("m5.large", 8, "m5.xlarge", 4, "m5.4xlarge", 4, "m5.12xlarge", 1)

func startTask(t *testing.T, f server.Service, outpostID string, in *outposts.StartCapacityTaskInput) *outposts.StartCapacityTaskOutput {
	t.Helper()
	in.OutpostIdentifier = ptr(outpostID)
	return must(f.StartCapacityTask(ctx, in))(t)
}

func taskStatus(t *testing.T, f server.Service, outpostID, taskID string) *outposts.GetCapacityTaskOutput {
	t.Helper()
	return must(f.GetCapacityTask(ctx, &outposts.GetCapacityTaskInput{OutpostIdentifier: ptr(outpostID), CapacityTaskId: ptr(taskID)}))(t)
}

func wantStatus(t *testing.T, got *outposts.GetCapacityTaskOutput, want types.CapacityTaskStatus) {
	t.Helper()
	if got.CapacityTaskStatus != want {
		t.Fatalf("task %s is %s, want %s (Failed: %+v)", *got.CapacityTaskId, got.CapacityTaskStatus, want, got.Failed)
	}
}

func TestCapacityTaskCompletes(t *testing.T) {
	bothWays(t, func() *Fake { return New() }, func(t *testing.T, f *Fake, api server.Service) {
		op := newOutpost(t, api, *newSite(t, api).SiteId, "")
		start := f.Now()
		started := startTask(t, api, *op.OutpostArn, &outposts.StartCapacityTaskInput{InstancePools: fitting})
		if started.CapacityTaskStatus != types.CapacityTaskStatusRequested || started.DryRun || *started.OutpostId != *op.OutpostId {
			t.Fatalf("StartCapacityTask = %+v", started)
		}
		if started.TaskActionOnBlockingInstances != types.TaskActionOnBlockingInstancesWaitForEvacuation {
			t.Errorf("TaskActionOnBlockingInstances = %q, want the default WAIT_FOR_EVACUATION", started.TaskActionOnBlockingInstances)
		}
		id := *started.CapacityTaskId

		f.Advance(time.Second) // not a whole step yet
		wantStatus(t, taskStatus(t, api, *op.OutpostId, id), types.CapacityTaskStatusRequested)
		f.Advance(time.Second)
		wantStatus(t, taskStatus(t, api, *op.OutpostId, id), types.CapacityTaskStatusInProgress)
		f.Advance(2 * time.Second)
		got := taskStatus(t, api, *op.OutpostId, id)
		wantStatus(t, got, types.CapacityTaskStatusCompleted)
		if !got.CompletionDate.Equal(start.Add(4*time.Second)) || !got.LastModifiedDate.Equal(*got.CompletionDate) ||
			!got.CreationDate.Equal(start) || got.Failed != nil {
			t.Errorf("dates: created %v, modified %v, completed %v; want %v, then both %v", got.CreationDate, got.LastModifiedDate, got.CompletionDate, start, start.Add(4*time.Second))
		}
		if !slices.EqualFunc(got.RequestedInstancePools, fitting, func(a, b types.InstanceTypeCapacity) bool {
			return *a.InstanceType == *b.InstanceType && a.Count == b.Count
		}) {
			t.Errorf("RequestedInstancePools = %+v", got.RequestedInstancePools)
		}

		// The hosts now have the new slots, and the Outpost the new type.
		configured := must(api.GetOutpostInstanceTypes(ctx, &outposts.GetOutpostInstanceTypesInput{OutpostId: op.OutpostId}))(t)
		var names []string
		for _, it := range configured.InstanceTypes {
			names = append(names, *it.InstanceType)
		}
		if want := []string{"m5.large", "m5.xlarge", "m5.4xlarge", "m5.12xlarge"}; !slices.Equal(names, want) {
			t.Errorf("instance types after the task = %v, want %v", names, want)
		}
		total := map[string]int32{}
		for _, a := range must(api.ListAssets(ctx, &outposts.ListAssetsInput{OutpostIdentifier: op.OutpostId}))(t).Assets {
			for _, c := range a.ComputeAttributes.InstanceTypeCapacities {
				total[*c.InstanceType] += c.Count
			}
		}
		for _, p := range fitting {
			if total[*p.InstanceType] != p.Count {
				t.Errorf("slots of %s = %d, want %d", *p.InstanceType, total[*p.InstanceType], p.Count)
			}
		}
		// Running instances all sit in slots of their type.
		for _, inst := range must(api.ListAssetInstances(ctx, &outposts.ListAssetInstancesInput{OutpostIdentifier: op.OutpostId}))(t).AssetInstances {
			a := must(api.ListAssets(ctx, &outposts.ListAssetsInput{OutpostIdentifier: op.OutpostId}))(t).Assets
			i := slices.IndexFunc(a, func(a types.AssetInfo) bool { return *a.AssetId == *inst.AssetId })
			if i < 0 || !slices.ContainsFunc(a[i].ComputeAttributes.InstanceTypeCapacities, func(c types.AssetInstanceTypeCapacity) bool {
				return *c.InstanceType == *inst.InstanceType
			}) {
				t.Errorf("instance %s (%s) is on asset %s, which has no such slot", *inst.InstanceId, *inst.InstanceType, *inst.AssetId)
			}
		}
		// A finished task no longer blocks a new one.
		startTask(t, api, *op.OutpostId, &outposts.StartCapacityTaskInput{InstancePools: fitting})
	})
}

func TestCapacityTaskCancelled(t *testing.T) {
	bothWays(t, func() *Fake { return New(WithStep(time.Minute)) }, func(t *testing.T, f *Fake, api server.Service) {
		op := newOutpost(t, api, *newSite(t, api).SiteId, "")
		id := *startTask(t, api, *op.OutpostId, &outposts.StartCapacityTaskInput{InstancePools: fitting}).CapacityTaskId
		f.Advance(time.Minute)
		wantStatus(t, taskStatus(t, api, *op.OutpostId, id), types.CapacityTaskStatusInProgress)
		must(api.CancelCapacityTask(ctx, &outposts.CancelCapacityTaskInput{OutpostIdentifier: op.OutpostId, CapacityTaskId: ptr(id)}))(t)
		wantStatus(t, taskStatus(t, api, *op.OutpostId, id), types.CapacityTaskStatusCancellationInProgress)
		// Still active: a second task conflicts.
		_, err := api.StartCapacityTask(ctx, &outposts.StartCapacityTaskInput{OutpostIdentifier: op.OutpostId, InstancePools: fitting})
		if e := wantErr[*types.ConflictException](t, "StartCapacityTask", err); e.ResourceType != types.ResourceTypeOutpost || *e.ResourceId != *op.OutpostId {
			t.Errorf("conflict names %s %v", e.ResourceType, e.ResourceId)
		}
		f.Advance(time.Minute)
		got := taskStatus(t, api, *op.OutpostId, id)
		wantStatus(t, got, types.CapacityTaskStatusCancelled)
		if got.CompletionDate != nil {
			t.Errorf("a cancelled task has CompletionDate %v", got.CompletionDate)
		}
		_, err = api.CancelCapacityTask(ctx, &outposts.CancelCapacityTaskInput{OutpostIdentifier: op.OutpostId, CapacityTaskId: ptr(id)})
		wantErr[*types.ConflictException](t, "CancelCapacityTask", err)
		// The slots did not change.
		n := len(must(api.GetOutpostInstanceTypes(ctx, &outposts.GetOutpostInstanceTypesInput{OutpostId: op.OutpostId}))(t).InstanceTypes)
		if n != 4 {
			t.Errorf("after a cancelled task the Outpost has %d instance types, want the 4 it started with", n)
		}
	})
}

// shrinking leaves room for 2 of the 4 running m5.large instances.
var shrinking = pools("m5.large", 2, "m5.xlarge", 4, "m5.4xlarge", 4)

func TestCapacityTaskWaitsForEvacuationThenFails(t *testing.T) {
	f := New()
	op := newOutpost(t, f, *newSite(t, f).SiteId, "")
	id := *startTask(t, f, *op.OutpostId, &outposts.StartCapacityTaskInput{
		InstancePools: shrinking, TaskActionOnBlockingInstances: types.TaskActionOnBlockingInstancesWaitForEvacuation,
	}).CapacityTaskId
	f.Advance(4 * time.Second)
	waiting := taskStatus(t, f, *op.OutpostId, id)
	wantStatus(t, waiting, types.CapacityTaskStatusWaitingForEvacuation)

	blocking := must(f.ListBlockingInstancesForCapacityTask(ctx, &outposts.ListBlockingInstancesForCapacityTaskInput{
		OutpostIdentifier: op.OutpostId, CapacityTaskId: ptr(id),
	}))(t).BlockingInstances
	large := must(f.ListAssetInstances(ctx, &outposts.ListAssetInstancesInput{
		OutpostIdentifier: op.OutpostId, InstanceTypeFilter: []string{"m5.large"},
	}))(t).AssetInstances
	if len(blocking) != 2 || len(large) != 4 {
		t.Fatalf("%d blocking instances of %d m5.large running, want 2 of 4", len(blocking), len(large))
	}
	// The newest two block (the task keeps the older ones).
	for i, b := range blocking {
		if *b.InstanceId != *large[2+i].InstanceId || *b.AccountId != DefaultAccountID || b.AwsServiceName != types.AWSServiceNameEc2 {
			t.Errorf("blocking[%d] = %+v, want instance %s", i, b, *large[2+i].InstanceId)
		}
	}

	f.Advance(DefaultEvacuationTimeout - 2*time.Second)
	wantStatus(t, taskStatus(t, f, *op.OutpostId, id), types.CapacityTaskStatusWaitingForEvacuation)
	f.Advance(2 * time.Second)
	got := taskStatus(t, f, *op.OutpostId, id)
	wantStatus(t, got, types.CapacityTaskStatusFailed)
	if got.Failed == nil || got.Failed.Type != types.CapacityTaskFailureTypeBlockingInstancesNotEvacuated {
		t.Fatalf("Failed = %+v, want BLOCKING_INSTANCES_NOT_EVACUATED", got.Failed)
	}
	if want := waiting.LastModifiedDate.Add(DefaultEvacuationTimeout); !got.LastModifiedDate.Equal(want) {
		t.Errorf("failed at %v, want %v (48 hours after it began to wait)", got.LastModifiedDate, want)
	}
}

func TestCapacityTaskCompletesOnceEvacuated(t *testing.T) {
	f := New()
	op := newOutpost(t, f, *newSite(t, f).SiteId, "")
	id := *startTask(t, f, *op.OutpostId, &outposts.StartCapacityTaskInput{InstancePools: shrinking}).CapacityTaskId
	f.Advance(time.Hour)
	wantStatus(t, taskStatus(t, f, *op.OutpostId, id), types.CapacityTaskStatusWaitingForEvacuation)
	blocking := must(f.ListBlockingInstancesForCapacityTask(ctx, &outposts.ListBlockingInstancesForCapacityTaskInput{
		OutpostIdentifier: op.OutpostId, CapacityTaskId: ptr(id), MaxResults: ptr(int32(1)),
	}))(t)
	if len(blocking.BlockingInstances) != 1 || blocking.NextToken == nil {
		t.Fatalf("first page of blocking instances = %+v", blocking)
	}
	if !f.StopInstance(*blocking.BlockingInstances[0].InstanceId) {
		t.Fatal("StopInstance: not running")
	}
	f.Advance(time.Hour)
	wantStatus(t, taskStatus(t, f, *op.OutpostId, id), types.CapacityTaskStatusWaitingForEvacuation)
	rest := must(f.ListBlockingInstancesForCapacityTask(ctx, &outposts.ListBlockingInstancesForCapacityTaskInput{
		OutpostIdentifier: op.OutpostId, CapacityTaskId: ptr(id),
	}))(t).BlockingInstances
	if len(rest) != 1 {
		t.Fatalf("%d instances still block, want 1", len(rest))
	}
	f.StopInstance(*rest[0].InstanceId)
	stopped := f.Now()
	f.Advance(2 * time.Second)
	wantStatus(t, taskStatus(t, f, *op.OutpostId, id), types.CapacityTaskStatusInProgress)
	f.Advance(2 * time.Second)
	got := taskStatus(t, f, *op.OutpostId, id)
	wantStatus(t, got, types.CapacityTaskStatusCompleted)
	if got.CompletionDate.After(stopped.Add(4 * time.Second)) {
		t.Errorf("completed at %v, more than two steps after the last instance stopped at %v", got.CompletionDate, stopped)
	}
	if f.StopInstance(*rest[0].InstanceId) {
		t.Error("StopInstance reported a stopped instance as running")
	}
}

func TestCapacityTaskFailTask(t *testing.T) {
	f := New()
	op := newOutpost(t, f, *newSite(t, f).SiteId, "")
	id := *startTask(t, f, *op.OutpostId, &outposts.StartCapacityTaskInput{
		InstancePools: shrinking, TaskActionOnBlockingInstances: types.TaskActionOnBlockingInstancesFailTask,
	}).CapacityTaskId
	f.Advance(4 * time.Second)
	got := taskStatus(t, f, *op.OutpostId, id)
	wantStatus(t, got, types.CapacityTaskStatusFailed)
	if got.Failed.Type != types.CapacityTaskFailureTypeBlockingInstancesNotEvacuated {
		t.Errorf("Failed = %+v", got.Failed)
	}
}

func TestCapacityTaskExcludedInstances(t *testing.T) {
	f := New()
	op := newOutpost(t, f, *newSite(t, f).SiteId, "")
	large := must(f.ListAssetInstances(ctx, &outposts.ListAssetInstancesInput{
		OutpostIdentifier: op.OutpostId, InstanceTypeFilter: []string{"m5.large"},
	}))(t).AssetInstances
	// Excluding the two newest makes the two oldest block instead.
	id := *startTask(t, f, *op.OutpostId, &outposts.StartCapacityTaskInput{
		InstancePools:      shrinking,
		InstancesToExclude: &types.InstancesToExclude{Instances: []string{*large[2].InstanceId, *large[3].InstanceId}},
	}).CapacityTaskId
	f.Advance(4 * time.Second)
	blocking := must(f.ListBlockingInstancesForCapacityTask(ctx, &outposts.ListBlockingInstancesForCapacityTaskInput{
		OutpostIdentifier: op.OutpostId, CapacityTaskId: ptr(id),
	}))(t).BlockingInstances
	if len(blocking) != 2 || *blocking[0].InstanceId != *large[0].InstanceId || *blocking[1].InstanceId != *large[1].InstanceId {
		t.Errorf("blocking = %+v, want the two oldest m5.large", blocking)
	}
	must(f.CancelCapacityTask(ctx, &outposts.CancelCapacityTaskInput{OutpostIdentifier: op.OutpostId, CapacityTaskId: ptr(id)}))(t)
	f.Advance(2 * time.Second)

	// Excluding all of the account's instances leaves nothing to stop.
	id = *startTask(t, f, *op.OutpostId, &outposts.StartCapacityTaskInput{
		InstancePools:      shrinking,
		InstancesToExclude: &types.InstancesToExclude{AccountIds: []string{DefaultAccountID}},
	}).CapacityTaskId
	f.Advance(4 * time.Second)
	got := taskStatus(t, f, *op.OutpostId, id)
	wantStatus(t, got, types.CapacityTaskStatusFailed)
	if got.Failed.Type != types.CapacityTaskFailureTypeUnsupportedCapacityConfiguration {
		t.Errorf("Failed = %+v", got.Failed)
	}
}

func TestCapacityTaskTooLarge(t *testing.T) {
	f := New()
	op := newOutpost(t, f, *newSite(t, f).SiteId, "")
	// Two m5 hosts have 192 vCPUs; five m5.24xlarge need 480.
	id := *startTask(t, f, *op.OutpostId, &outposts.StartCapacityTaskInput{InstancePools: pools("m5.24xlarge", 5)}).CapacityTaskId
	f.Advance(4 * time.Second)
	got := taskStatus(t, f, *op.OutpostId, id)
	wantStatus(t, got, types.CapacityTaskStatusFailed)
	if got.Failed.Type != types.CapacityTaskFailureTypeUnsupportedCapacityConfiguration || *got.Failed.Reason == "" {
		t.Errorf("Failed = %+v", got.Failed)
	}
}

func TestFailNextCapacityTask(t *testing.T) {
	f := New(WithFailNextCapacityTask(types.CapacityTaskFailureTypeUnexpectedAssetState, ""))
	op := newOutpost(t, f, *newSite(t, f).SiteId, "")
	first := *startTask(t, f, *op.OutpostId, &outposts.StartCapacityTaskInput{InstancePools: fitting}).CapacityTaskId
	f.Advance(4 * time.Second)
	got := taskStatus(t, f, *op.OutpostId, first)
	wantStatus(t, got, types.CapacityTaskStatusFailed)
	if got.Failed.Type != types.CapacityTaskFailureTypeUnexpectedAssetState {
		t.Errorf("Failed = %+v", got.Failed)
	}
	// Only the next task fails.
	second := *startTask(t, f, *op.OutpostId, &outposts.StartCapacityTaskInput{InstancePools: fitting}).CapacityTaskId
	f.Advance(4 * time.Second)
	wantStatus(t, taskStatus(t, f, *op.OutpostId, second), types.CapacityTaskStatusCompleted)

	f.FailNextCapacityTask(types.CapacityTaskFailureTypeInternalServerError, "Simulated outage")
	third := *startTask(t, f, *op.OutpostId, &outposts.StartCapacityTaskInput{InstancePools: fitting}).CapacityTaskId
	f.Advance(4 * time.Second)
	got = taskStatus(t, f, *op.OutpostId, third)
	if got.Failed == nil || got.Failed.Type != types.CapacityTaskFailureTypeInternalServerError || *got.Failed.Reason != "Simulated outage" {
		t.Errorf("Failed = %+v", got.Failed)
	}
}

func TestBlockNextCapacityTask(t *testing.T) {
	f := New(WithBlockNextCapacityTask())
	op := newOutpost(t, f, *newSite(t, f).SiteId, "")
	id := *startTask(t, f, *op.OutpostId, &outposts.StartCapacityTaskInput{InstancePools: fitting}).CapacityTaskId
	f.Advance(4 * time.Second)
	wantStatus(t, taskStatus(t, f, *op.OutpostId, id), types.CapacityTaskStatusWaitingForEvacuation)
	blocking := must(f.ListBlockingInstancesForCapacityTask(ctx, &outposts.ListBlockingInstancesForCapacityTaskInput{
		OutpostIdentifier: op.OutpostId, CapacityTaskId: ptr(id),
	}))(t).BlockingInstances
	if len(blocking) != 1 {
		t.Fatalf("%d blocking instances, want 1", len(blocking))
	}
	f.StopInstance(*blocking[0].InstanceId)
	f.Advance(4 * time.Second)
	wantStatus(t, taskStatus(t, f, *op.OutpostId, id), types.CapacityTaskStatusCompleted)

	f.BlockNextCapacityTask()
	id = *startTask(t, f, *op.OutpostId, &outposts.StartCapacityTaskInput{
		InstancePools: fitting, TaskActionOnBlockingInstances: types.TaskActionOnBlockingInstancesFailTask,
	}).CapacityTaskId
	f.Advance(4 * time.Second)
	wantStatus(t, taskStatus(t, f, *op.OutpostId, id), types.CapacityTaskStatusFailed)
}

func TestDryRunChangesNothing(t *testing.T) {
	f := New()
	op := newOutpost(t, f, *newSite(t, f).SiteId, "")
	before := must(f.ListAssets(ctx, &outposts.ListAssetsInput{OutpostIdentifier: op.OutpostId}))(t)
	ok := startTask(t, f, *op.OutpostId, &outposts.StartCapacityTaskInput{InstancePools: fitting, DryRun: true})
	if !ok.DryRun || ok.CapacityTaskStatus != types.CapacityTaskStatusCompleted || ok.Failed != nil {
		t.Errorf("dry run of fitting pools = %+v", ok)
	}
	tooBig := startTask(t, f, *op.OutpostId, &outposts.StartCapacityTaskInput{InstancePools: pools("m5.24xlarge", 5), DryRun: true})
	if tooBig.CapacityTaskStatus != types.CapacityTaskStatusFailed || tooBig.Failed.Type != types.CapacityTaskFailureTypeUnsupportedCapacityConfiguration {
		t.Errorf("dry run of pools too large = %+v", tooBig)
	}
	f.Advance(time.Minute)
	if n := len(must(f.ListCapacityTasks(ctx, &outposts.ListCapacityTasksInput{}))(t).CapacityTasks); n != 0 {
		t.Errorf("ListCapacityTasks after dry runs: %d tasks, want 0", n)
	}
	_, err := f.GetCapacityTask(ctx, &outposts.GetCapacityTaskInput{OutpostIdentifier: op.OutpostId, CapacityTaskId: ok.CapacityTaskId})
	wantErr[*types.NotFoundException](t, "GetCapacityTask", err)
	after := must(f.ListAssets(ctx, &outposts.ListAssetsInput{OutpostIdentifier: op.OutpostId}))(t)
	for i := range before.Assets {
		if !slices.EqualFunc(before.Assets[i].ComputeAttributes.InstanceTypeCapacities, after.Assets[i].ComputeAttributes.InstanceTypeCapacities,
			func(a, b types.AssetInstanceTypeCapacity) bool {
				return *a.InstanceType == *b.InstanceType && a.Count == b.Count
			}) {
			t.Errorf("asset %d slots changed by a dry run", i)
		}
	}
	// A dry run is not an active task, and a pending failure waits for a
	// real one.
	f.FailNextCapacityTask(types.CapacityTaskFailureTypeInternalServerError, "")
	startTask(t, f, *op.OutpostId, &outposts.StartCapacityTaskInput{InstancePools: fitting, DryRun: true})
	id := *startTask(t, f, *op.OutpostId, &outposts.StartCapacityTaskInput{InstancePools: fitting}).CapacityTaskId
	f.Advance(4 * time.Second)
	wantStatus(t, taskStatus(t, f, *op.OutpostId, id), types.CapacityTaskStatusFailed)
}

func TestCapacityTaskOnOneAsset(t *testing.T) {
	f := New()
	op := newOutpost(t, f, *newSite(t, f).SiteId, "")
	assets := must(f.ListAssets(ctx, &outposts.ListAssetsInput{OutpostIdentifier: op.OutpostId}))(t).Assets
	// One host runs 2 large, 1 xlarge, 1 4xlarge.
	id := *startTask(t, f, *op.OutpostId, &outposts.StartCapacityTaskInput{
		AssetId: assets[1].AssetId, InstancePools: pools("m5.large", 2, "m5.xlarge", 2, "m5.4xlarge", 1, "m5.12xlarge", 1),
	}).CapacityTaskId
	f.Advance(4 * time.Second)
	got := taskStatus(t, f, *op.OutpostId, id)
	wantStatus(t, got, types.CapacityTaskStatusCompleted)
	if *got.AssetId != *assets[1].AssetId {
		t.Errorf("AssetId = %s", *got.AssetId)
	}
	after := must(f.ListAssets(ctx, &outposts.ListAssetsInput{OutpostIdentifier: op.OutpostId}))(t).Assets
	if len(after[0].ComputeAttributes.InstanceTypeCapacities) != 4 || len(after[1].ComputeAttributes.InstanceTypeCapacities) != 4 ||
		*after[1].ComputeAttributes.InstanceTypeCapacities[3].InstanceType != "m5.12xlarge" ||
		*after[0].ComputeAttributes.InstanceTypeCapacities[3].InstanceType != "m5.4xlarge" {
		t.Errorf("slots after a task on asset 1: %+v / %+v", after[0].ComputeAttributes.InstanceTypeCapacities, after[1].ComputeAttributes.InstanceTypeCapacities)
	}
}

func TestOrderLifecycle(t *testing.T) {
	f := New()
	op := newOutpost(t, f, *newSite(t, f).SiteId, "")
	placed := must(f.CreateOrder(ctx, &outposts.CreateOrderInput{
		OutpostIdentifier: op.OutpostArn,
		LineItems:         []types.LineItemRequest{{CatalogItemId: ptr("OR-C5R3H01"), Quantity: ptr(int32(1))}},
		PaymentOption:     types.PaymentOptionAllUpfront,
	}))(t).Order
	if placed.Status != types.OrderStatusPreparing || placed.PaymentTerm != types.PaymentTermThreeYears || placed.LineItems[0].Status != types.LineItemStatusPreparing {
		t.Fatalf("new order = %+v", placed)
	}
	var seen []types.LineItemStatus
	for range 5 {
		f.Advance(2 * time.Second)
		o := must(f.GetOrder(ctx, &outposts.GetOrderInput{OrderId: placed.OrderId}))(t).Order
		seen = append(seen, o.LineItems[0].Status)
		if o.LineItems[0].Status == types.LineItemStatusShipped && (o.LineItems[0].ShipmentInformation == nil || len(o.LineItems[0].AssetInformationList) != 3) {
			t.Errorf("shipped line item = %+v", o.LineItems[0])
		}
	}
	want := []types.LineItemStatus{"BUILDING", "SHIPPED", "DELIVERED", "INSTALLING", "INSTALLED"}
	if !slices.Equal(seen, want) {
		t.Errorf("line item statuses %v, want %v", seen, want)
	}
	o := must(f.GetOrder(ctx, &outposts.GetOrderInput{OrderId: placed.OrderId}))(t).Order
	if o.Status != types.OrderStatusCompleted || o.OrderFulfilledDate == nil {
		t.Errorf("order after 5 steps = %s, fulfilled %v", o.Status, o.OrderFulfilledDate)
	}
	// Its three c5 hosts joined the Outpost, under the asset IDs they shipped with.
	assets := must(f.ListAssets(ctx, &outposts.ListAssetsInput{OutpostIdentifier: op.OutpostId}))(t).Assets
	if len(assets) != 5 {
		t.Fatalf("%d assets after the order, want 2 + 3", len(assets))
	}
	for i, info := range o.LineItems[0].AssetInformationList {
		if *assets[2+i].AssetId != *info.AssetId || assets[2+i].ComputeAttributes.InstanceFamilies[0] != "c5" {
			t.Errorf("asset %d = %s, want c5 host %s", 2+i, *assets[2+i].AssetId, *info.AssetId)
		}
	}
	sum := must(f.ListOrders(ctx, &outposts.ListOrdersInput{OutpostIdentifierFilter: op.OutpostId}))(t).Orders
	if len(sum) != 1 || sum[0].LineItemCountsByStatus["INSTALLED"] != 1 || sum[0].Status != types.OrderStatusCompleted {
		t.Errorf("ListOrders = %+v", sum)
	}
	supported := must(f.GetOutpostSupportedInstanceTypes(ctx, &outposts.GetOutpostSupportedInstanceTypesInput{
		OutpostIdentifier: op.OutpostId, OrderId: placed.OrderId,
	}))(t).InstanceTypes
	if len(supported) != 6 || *supported[0].InstanceType != "c5.large" || *supported[0].VCPUs != 2 {
		t.Errorf("supported types for the order = %+v", supported)
	}
	_, err := f.CancelOrder(ctx, &outposts.CancelOrderInput{OrderId: placed.OrderId})
	if e := wantErr[*types.ConflictException](t, "CancelOrder", err); e.ResourceType != types.ResourceTypeOrder {
		t.Errorf("ResourceType = %s", e.ResourceType)
	}
}

func TestCancelOrder(t *testing.T) {
	f := New()
	op := newOutpost(t, f, *newSite(t, f).SiteId, "")
	id := must(f.CreateOrder(ctx, &outposts.CreateOrderInput{
		OutpostIdentifier: op.OutpostId,
		LineItems:         []types.LineItemRequest{{CatalogItemId: ptr("OR-M5R2H01")}},
		PaymentOption:     types.PaymentOptionNoUpfront, PaymentTerm: types.PaymentTermOneYear,
	}))(t).Order.OrderId
	f.Advance(2 * time.Second) // BUILDING: still cancellable
	must(f.CancelOrder(ctx, &outposts.CancelOrderInput{OrderId: id}))(t)
	f.Advance(time.Minute)
	o := must(f.GetOrder(ctx, &outposts.GetOrderInput{OrderId: id}))(t).Order
	if o.Status != types.OrderStatusCancelled || o.LineItems[0].Status != types.LineItemStatusCancelled || *o.LineItems[0].Quantity != 1 {
		t.Errorf("cancelled order = %+v", o)
	}
	// No longer active: the Outpost can go.
	must(f.DeleteOutpost(ctx, &outposts.DeleteOutpostInput{OutpostId: op.OutpostId}))(t)
}

func TestConflicts(t *testing.T) {
	bothWays(t, func() *Fake { return New() }, func(t *testing.T, f *Fake, api server.Service) {
		s := newSite(t, api)
		op := newOutpost(t, api, *s.SiteId, "")
		task := startTask(t, api, *op.OutpostId, &outposts.StartCapacityTaskInput{InstancePools: fitting})

		_, err := api.StartCapacityTask(ctx, &outposts.StartCapacityTaskInput{OutpostIdentifier: op.OutpostId, InstancePools: fitting})
		wantErr[*types.ConflictException](t, "StartCapacityTask", err)
		_, err = api.DeleteOutpost(ctx, &outposts.DeleteOutpostInput{OutpostId: op.OutpostId})
		wantErr[*types.ConflictException](t, "DeleteOutpost", err)
		f.Advance(4 * time.Second)
		wantStatus(t, taskStatus(t, api, *op.OutpostId, *task.CapacityTaskId), types.CapacityTaskStatusCompleted)

		order := must(api.CreateOrder(ctx, &outposts.CreateOrderInput{
			OutpostIdentifier: op.OutpostId, LineItems: []types.LineItemRequest{{CatalogItemId: ptr("OR-M5R2H01"), Quantity: ptr(int32(1))}},
			PaymentOption: types.PaymentOptionAllUpfront,
		}))(t).Order
		_, err = api.DeleteOutpost(ctx, &outposts.DeleteOutpostInput{OutpostId: op.OutpostId})
		if e := wantErr[*types.ConflictException](t, "DeleteOutpost", err); *e.ResourceId != *order.OrderId || e.ResourceType != types.ResourceTypeOrder {
			t.Errorf("conflict names %s %s, want the order", e.ResourceType, *e.ResourceId)
		}
		_, err = api.UpdateSiteAddress(ctx, &outposts.UpdateSiteAddressInput{SiteId: s.SiteId, AddressType: types.AddressTypeShippingAddress, Address: address("Tacoma")})
		wantErr[*types.ConflictException](t, "UpdateSiteAddress", err)
		_, err = api.UpdateSiteRackPhysicalProperties(ctx, &outposts.UpdateSiteRackPhysicalPropertiesInput{SiteId: s.SiteId, PowerPhase: types.PowerPhaseSinglePhase})
		wantErr[*types.ConflictException](t, "UpdateSiteRackPhysicalProperties", err)
		_, err = api.UpdateOutpost(ctx, &outposts.UpdateOutpostInput{OutpostId: op.OutpostId, SupportedHardwareType: types.SupportedHardwareTypeServer})
		wantErr[*types.ConflictException](t, "UpdateOutpost", err)
		_, err = api.DeleteSite(ctx, &outposts.DeleteSiteInput{SiteId: s.SiteArn})
		wantErr[*types.ConflictException](t, "DeleteSite", err)

		f.Advance(10 * time.Second) // the order completes
		must(api.DeleteOutpost(ctx, &outposts.DeleteOutpostInput{OutpostId: op.OutpostArn}))(t)
		must(api.DeleteSite(ctx, &outposts.DeleteSiteInput{SiteId: s.SiteId}))(t)
		// The order outlives its Outpost.
		must(api.GetOrder(ctx, &outposts.GetOrderInput{OrderId: order.OrderId}))(t)
	})
}

func TestNotFound(t *testing.T) {
	bothWays(t, func() *Fake { return New(WithAccountID("444455556666"), WithRegion("eu-central-1")) }, func(t *testing.T, f *Fake, api server.Service) {
		s := newSite(t, api)
		op := newOutpost(t, api, *s.SiteId, "")
		if *op.OutpostArn != "arn:aws:outposts:eu-central-1:444455556666:outpost/"+*op.OutpostId || *op.AvailabilityZone != "eu-central-1a" || *op.AvailabilityZoneId != "euc1-az1" {
			t.Errorf("Outpost = %s in %s (%s)", *op.OutpostArn, *op.AvailabilityZone, *op.AvailabilityZoneId)
		}
		missingOP := "op-0123456789abcdef0"
		otherAccount := "arn:aws:outposts:eu-central-1:111122223333:outpost/" + *op.OutpostId
		otherRegion := "arn:aws:outposts:us-east-1:444455556666:outpost/" + *op.OutpostId
		for _, id := range []string{missingOP, otherAccount, otherRegion} {
			_, err := api.GetOutpost(ctx, &outposts.GetOutpostInput{OutpostId: ptr(id)})
			wantErr[*types.NotFoundException](t, "GetOutpost", err)
		}
		missingCap := "cap-0123456789abcdef0"
		checks := map[string]error{}
		_, checks["CancelCapacityTask"] = api.CancelCapacityTask(ctx, &outposts.CancelCapacityTaskInput{OutpostIdentifier: op.OutpostId, CapacityTaskId: &missingCap})
		_, checks["GetCapacityTask"] = api.GetCapacityTask(ctx, &outposts.GetCapacityTaskInput{OutpostIdentifier: ptr(missingOP), CapacityTaskId: &missingCap})
		_, checks["ListBlockingInstancesForCapacityTask"] = api.ListBlockingInstancesForCapacityTask(ctx, &outposts.ListBlockingInstancesForCapacityTaskInput{OutpostIdentifier: op.OutpostId, CapacityTaskId: &missingCap})
		_, checks["CancelOrder"] = api.CancelOrder(ctx, &outposts.CancelOrderInput{OrderId: ptr("oo-0123456789abcdef0")})
		_, checks["GetOrder"] = api.GetOrder(ctx, &outposts.GetOrderInput{OrderId: ptr("oo-0123456789abcdef0")})
		_, checks["CreateOrder"] = api.CreateOrder(ctx, &outposts.CreateOrderInput{OutpostIdentifier: op.OutpostId, LineItems: []types.LineItemRequest{{CatalogItemId: ptr("OR-ZZZZZZZ")}}, PaymentOption: types.PaymentOptionAllUpfront})
		_, checks["CreateOutpost"] = api.CreateOutpost(ctx, &outposts.CreateOutpostInput{Name: ptr("x"), SiteId: ptr("os-0123456789abcdef0")})
		_, checks["DeleteOutpost"] = api.DeleteOutpost(ctx, &outposts.DeleteOutpostInput{OutpostId: ptr(missingOP)})
		_, checks["DeleteSite"] = api.DeleteSite(ctx, &outposts.DeleteSiteInput{SiteId: ptr("os-0123456789abcdef0")})
		_, checks["GetCatalogItem"] = api.GetCatalogItem(ctx, &outposts.GetCatalogItemInput{CatalogItemId: ptr("OR-ZZZZZZZ")})
		_, checks["GetConnection"] = api.GetConnection(ctx, &outposts.GetConnectionInput{ConnectionId: ptr("bm9uZQ==")})
		_, checks["GetOutpostInstanceTypes"] = api.GetOutpostInstanceTypes(ctx, &outposts.GetOutpostInstanceTypesInput{OutpostId: ptr(missingOP)})
		_, checks["GetOutpostSupportedInstanceTypes"] = api.GetOutpostSupportedInstanceTypes(ctx, &outposts.GetOutpostSupportedInstanceTypesInput{OutpostIdentifier: op.OutpostId, OrderId: ptr("oo-0123456789abcdef0")})
		_, checks["GetSite"] = api.GetSite(ctx, &outposts.GetSiteInput{SiteId: ptr("arn:aws:outposts:eu-central-1:444455556666:site/os-0123456789abcdef0")})
		_, checks["GetSiteAddress"] = api.GetSiteAddress(ctx, &outposts.GetSiteAddressInput{SiteId: ptr("os-0123456789abcdef0"), AddressType: types.AddressTypeOperatingAddress})
		_, checks["ListAssetInstances"] = api.ListAssetInstances(ctx, &outposts.ListAssetInstancesInput{OutpostIdentifier: ptr(missingOP)})
		_, checks["ListAssets"] = api.ListAssets(ctx, &outposts.ListAssetsInput{OutpostIdentifier: ptr(missingOP)})
		_, checks["ListCapacityTasks"] = api.ListCapacityTasks(ctx, &outposts.ListCapacityTasksInput{OutpostIdentifierFilter: ptr(missingOP)})
		_, checks["ListOrders"] = api.ListOrders(ctx, &outposts.ListOrdersInput{OutpostIdentifierFilter: ptr(missingOP)})
		_, checks["ListTagsForResource"] = api.ListTagsForResource(ctx, &outposts.ListTagsForResourceInput{ResourceArn: ptr(otherAccount)})
		_, checks["StartCapacityTask"] = api.StartCapacityTask(ctx, &outposts.StartCapacityTaskInput{OutpostIdentifier: op.OutpostId, AssetId: ptr("nosuchasset"), InstancePools: fitting})
		_, checks["StartConnection"] = api.StartConnection(ctx, &outposts.StartConnectionInput{AssetId: ptr("nosuchasset"), ClientPublicKey: ptr(key)})
		_, checks["TagResource"] = api.TagResource(ctx, &outposts.TagResourceInput{ResourceArn: ptr("arn:aws:outposts:eu-central-1:444455556666:order/oo-0123456789abcdef0"), Tags: map[string]string{"a": "b"}})
		_, checks["UntagResource"] = api.UntagResource(ctx, &outposts.UntagResourceInput{ResourceArn: ptr(otherRegion), TagKeys: []string{"a"}})
		_, checks["UpdateOutpost"] = api.UpdateOutpost(ctx, &outposts.UpdateOutpostInput{OutpostId: ptr(missingOP), Name: ptr("x")})
		_, checks["UpdateSite"] = api.UpdateSite(ctx, &outposts.UpdateSiteInput{SiteId: ptr("os-0123456789abcdef0"), Name: ptr("x")})
		_, checks["UpdateSiteAddress"] = api.UpdateSiteAddress(ctx, &outposts.UpdateSiteAddressInput{SiteId: ptr("os-0123456789abcdef0"), AddressType: types.AddressTypeOperatingAddress, Address: address("x")})
		_, checks["UpdateSiteRackPhysicalProperties"] = api.UpdateSiteRackPhysicalProperties(ctx, &outposts.UpdateSiteRackPhysicalPropertiesInput{SiteId: ptr("os-0123456789abcdef0")})
		for op, err := range checks {
			wantErr[*types.NotFoundException](t, op, err)
		}
	})
}

// key is a WireGuard public key of the model's form.
const key = "dGhpcyBpcyBhIHRlc3Qga2V5IG9mIDMyIGJ5dGVzISE="

func TestValidation(t *testing.T) {
	bothWays(t, func() *Fake { return New() }, func(t *testing.T, f *Fake, api server.Service) {
		s := newSite(t, api)
		op := newOutpost(t, api, *s.SiteId, "")
		srv := newOutpost(t, api, *s.SiteId, types.SupportedHardwareTypeServer)
		rackAsset := must(api.ListAssets(ctx, &outposts.ListAssetsInput{OutpostIdentifier: op.OutpostId}))(t).Assets[0].AssetId
		many := map[string]string{}
		for i := range 50 {
			many["k"+string(rune('A'+i%26))+string(rune('a'+i/26))] = "v"
		}
		checks := map[string]error{}
		_, checks["GetOutpost"] = api.GetOutpost(ctx, &outposts.GetOutpostInput{OutpostId: ptr("op-NOT-AN-ID")})
		_, checks["CreateSite"] = api.CreateSite(ctx, nil) // Name is required
		_, checks["ListOutposts"] = api.ListOutposts(ctx, &outposts.ListOutpostsInput{MaxResults: ptr(int32(1001))})
		_, checks["TagResource"] = api.TagResource(ctx, &outposts.TagResourceInput{ResourceArn: op.OutpostArn, Tags: map[string]string{"aws:reserved": "x"}})
		_, checks["StartCapacityTask"] = api.StartCapacityTask(ctx, &outposts.StartCapacityTaskInput{OutpostIdentifier: op.OutpostId, InstancePools: pools("c6id.large", 1)})
		_, checks["CreateOutpost"] = api.CreateOutpost(ctx, &outposts.CreateOutpostInput{Name: ptr("x"), SiteId: s.SiteId, AvailabilityZone: ptr("us-east-1a")})
		_, checks["CreateOrder"] = api.CreateOrder(ctx, &outposts.CreateOrderInput{OutpostIdentifier: op.OutpostId, LineItems: []types.LineItemRequest{{CatalogItemId: ptr("OR-M4R2H01")}}, PaymentOption: types.PaymentOptionAllUpfront})
		_, checks["StartConnection"] = api.StartConnection(ctx, &outposts.StartConnectionInput{AssetId: rackAsset, ClientPublicKey: ptr(key)})
		_, checks["ListSites"] = api.ListSites(ctx, &outposts.ListSitesInput{NextToken: ptr("1##forged")})
		for op, err := range checks {
			wantErr[*types.ValidationException](t, op, err)
		}
		// A server takes server hardware only, and tags stop at 50.
		_, err := api.CreateOrder(ctx, &outposts.CreateOrderInput{OutpostIdentifier: srv.OutpostId, LineItems: []types.LineItemRequest{{CatalogItemId: ptr("OR-M5R2H01")}}, PaymentOption: types.PaymentOptionAllUpfront})
		wantErr[*types.ValidationException](t, "CreateOrder", err)
		must(api.TagResource(ctx, &outposts.TagResourceInput{ResourceArn: op.OutpostArn, Tags: many}))(t)
		_, err = api.TagResource(ctx, &outposts.TagResourceInput{ResourceArn: op.OutpostArn, Tags: map[string]string{"one-more": "x"}})
		wantErr[*types.ValidationException](t, "TagResource", err)
		// Zone name and ID must agree.
		_, err = api.CreateOutpost(ctx, &outposts.CreateOutpostInput{Name: ptr("x"), SiteId: s.SiteId, AvailabilityZone: ptr("us-west-2b"), AvailabilityZoneId: ptr("usw2-az3")})
		wantErr[*types.ValidationException](t, "CreateOutpost", err)
		both := must(api.CreateOutpost(ctx, &outposts.CreateOutpostInput{Name: ptr("x"), SiteId: s.SiteId, AvailabilityZone: ptr("us-west-2c"), AvailabilityZoneId: ptr("usw2-az3")}))(t).Outpost
		byID := must(api.CreateOutpost(ctx, &outposts.CreateOutpostInput{Name: ptr("x"), SiteId: s.SiteId, AvailabilityZoneId: ptr("usw2-az4")}))(t).Outpost
		if *both.AvailabilityZone != "us-west-2c" || *byID.AvailabilityZone != "us-west-2d" {
			t.Errorf("zones %s, %s", *both.AvailabilityZone, *byID.AvailabilityZone)
		}
	})
}

func TestQuotas(t *testing.T) {
	f := New(WithQuotas(Quotas{Sites: 1, Outposts: 1, ActiveOrdersPerOutpost: 1}))
	s := newSite(t, f)
	_, err := f.CreateSite(ctx, &outposts.CreateSiteInput{Name: ptr("second")})
	wantErr[*types.ServiceQuotaExceededException](t, "CreateSite", err)
	op := newOutpost(t, f, *s.SiteId, "")
	_, err = f.CreateOutpost(ctx, &outposts.CreateOutpostInput{Name: ptr("second"), SiteId: s.SiteId})
	wantErr[*types.ServiceQuotaExceededException](t, "CreateOutpost", err)
	order := &outposts.CreateOrderInput{OutpostIdentifier: op.OutpostId, LineItems: []types.LineItemRequest{{CatalogItemId: ptr("OR-M5R2H01")}}, PaymentOption: types.PaymentOptionAllUpfront}
	must(f.CreateOrder(ctx, order))(t)
	_, err = f.CreateOrder(ctx, order)
	wantErr[*types.ServiceQuotaExceededException](t, "CreateOrder", err)

	// However many hosts a request asks for, the fake makes at most 100
	// (50 of a two-host rack).
	g := New()
	op = newOutpost(t, g, *newSite(t, g).SiteId, "")
	for q, ok := range map[int32]bool{50: true, 51: false, 1<<31 - 1: false} {
		_, err := g.CreateOrder(ctx, &outposts.CreateOrderInput{
			OutpostIdentifier: op.OutpostId, PaymentOption: types.PaymentOptionAllUpfront,
			LineItems: []types.LineItemRequest{{CatalogItemId: ptr("OR-M5R2H01"), Quantity: &q}},
		})
		if ok && err != nil {
			t.Errorf("quantity %d: %v", q, err)
		} else if !ok {
			wantErr[*types.ServiceQuotaExceededException](t, "CreateOrder", err)
		}
	}
}

func TestCancelledContext(t *testing.T) {
	f := New()
	c, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := f.ListOutposts(c, nil); err != context.Canceled {
		t.Errorf("ListOutposts with a cancelled context: %v", err)
	}
}

// TestConcurrentUse runs every kind of call at once; run it with -race.
func TestConcurrentUse(t *testing.T) {
	f := New()
	s := newSite(t, f)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			op, err := f.CreateOutpost(ctx, &outposts.CreateOutpostInput{Name: ptr("rack"), SiteId: s.SiteId})
			if err != nil {
				t.Error(err)
				return
			}
			id := op.Outpost.OutpostId
			for i := range 20 {
				switch (g + i) % 5 {
				case 0:
					_, err = f.StartCapacityTask(ctx, &outposts.StartCapacityTaskInput{OutpostIdentifier: id, InstancePools: fitting})
					if _, ok := err.(*types.ConflictException); ok {
						err = nil
					}
				case 1:
					_, err = f.ListOutposts(ctx, &outposts.ListOutpostsInput{MaxResults: ptr(int32(3))})
				case 2:
					f.Advance(time.Second)
				case 3:
					_, err = f.TagResource(ctx, &outposts.TagResourceInput{ResourceArn: op.Outpost.OutpostArn, Tags: map[string]string{"n": "x"}})
				case 4:
					_, err = f.ListCapacityTasks(ctx, &outposts.ListCapacityTasksInput{OutpostIdentifierFilter: id})
				}
				if err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if n := len(must(f.ListOutposts(ctx, nil))(t).Outposts); n != 8 {
		t.Errorf("%d Outposts, want 8", n)
	}
}

// TestResponsesShareNoState changes a response and reads again.
func TestResponsesShareNoState(t *testing.T) {
	f := New()
	s := newSite(t, f)
	*s.Name = "changed"
	s.Tags["team"] = "changed"
	*s.RackPhysicalProperties = types.RackPhysicalProperties{}
	again := must(f.GetSite(ctx, &outposts.GetSiteInput{SiteId: s.SiteId}))(t).Site
	if *again.Name != "Seattle lab" || again.Tags["team"] != "infra" || again.RackPhysicalProperties.PowerPhase == "" {
		t.Errorf("the fake's site changed with its response: %+v", again)
	}
	in := &outposts.UpdateSiteAddressInput{SiteId: s.SiteId, AddressType: types.AddressTypeOperatingAddress, Address: address("Tacoma")}
	must(f.UpdateSiteAddress(ctx, in))(t)
	*in.Address.City = "Spokane"
	got := must(f.GetSiteAddress(ctx, &outposts.GetSiteAddressInput{SiteId: s.SiteId, AddressType: types.AddressTypeOperatingAddress}))(t)
	if *got.Address.City != "Tacoma" {
		t.Errorf("the fake's address changed with the caller's input: %s", *got.Address.City)
	}
}

func TestInjectError(t *testing.T) {
	f := New()
	s := newSite(t, f)
	f.InjectError("GetSite", &types.AccessDeniedException{Message: ptr("Not for you")})
	f.InjectError("GetSite", &types.InternalServerException{Message: ptr("Try again")})
	_, err := f.GetSite(ctx, &outposts.GetSiteInput{SiteId: s.SiteId})
	wantErr[*types.AccessDeniedException](t, "GetSite", err)
	// Injected errors come before validation, as authorization does.
	_, err = f.GetSite(ctx, &outposts.GetSiteInput{})
	wantErr[*types.InternalServerException](t, "GetSite", err)
	must(f.GetSite(ctx, &outposts.GetSiteInput{SiteId: s.SiteId}))(t)
	// Other operations are not affected.
	f.InjectError("GetOutpost", &types.InternalServerException{Message: ptr("Try again")})
	must(f.GetSite(ctx, &outposts.GetSiteInput{SiteId: s.SiteId}))(t)

	defer func() {
		if recover() == nil {
			t.Error("InjectError accepted an operation the fake does not have")
		}
	}()
	f.InjectError("Advance", errors.New("x"))
}

func TestOptions(t *testing.T) {
	start := time.Date(2030, time.March, 1, 12, 0, 0, 0, time.UTC)
	gov := New(WithRegion("us-gov-west-1"))
	if op := newOutpost(t, gov, *newSite(t, gov).SiteId, ""); *op.AvailabilityZoneId != "usgw1-az1" || *op.AvailabilityZone != "us-gov-west-1a" {
		t.Errorf("zone in us-gov-west-1: %s (%s)", *op.AvailabilityZone, *op.AvailabilityZoneId)
	}
	f := New(WithStartTime(start), WithEvacuationTimeout(time.Hour), WithStep(time.Minute), WithRegion("cn-north-1"), WithAccountID("123456789012"))
	s := newSite(t, f)
	if *s.SiteArn != "arn:aws-cn:outposts:cn-north-1:123456789012:site/"+*s.SiteId {
		t.Errorf("SiteArn = %s", *s.SiteArn)
	}
	op := newOutpost(t, f, *s.SiteId, "")
	if *op.AvailabilityZone != "cn-north-1a" || *op.AvailabilityZoneId != "cnn1-az1" || *op.OwnerId != "123456789012" {
		t.Errorf("Outpost in %s (%s), owned by %s", *op.AvailabilityZone, *op.AvailabilityZoneId, *op.OwnerId)
	}
	task := startTask(t, f, *op.OutpostArn, &outposts.StartCapacityTaskInput{InstancePools: shrinking})
	if !task.CreationDate.Equal(start) {
		t.Errorf("CreationDate = %v, want the start time %v", task.CreationDate, start)
	}
	f.Advance(2 * time.Minute)
	wantStatus(t, taskStatus(t, f, *op.OutpostId, *task.CapacityTaskId), types.CapacityTaskStatusWaitingForEvacuation)
	f.Advance(time.Hour)
	got := taskStatus(t, f, *op.OutpostId, *task.CapacityTaskId)
	wantStatus(t, got, types.CapacityTaskStatusFailed)
	if want := start.Add(2*time.Minute + time.Hour); !got.LastModifiedDate.Equal(want) || !f.Now().Equal(want) {
		t.Errorf("failed at %v (clock %v), want %v", got.LastModifiedDate, f.Now(), want)
	}

	for name, bad := range map[string]func(){
		"account":      func() { New(WithAccountID("12345")) },
		"region":       func() { New(WithRegion("Mars")) },
		"long region":  func() { New(WithRegion("us-far-far-west-1")) },
		"step":         func() { New(WithStep(0)) },
		"timeout":      func() { New(WithEvacuationTimeout(-time.Second)) },
		"failure type": func() { New(WithFailNextCapacityTask("BOGUS", "")) },
		"advance":      func() { New().Advance(-time.Second) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			bad()
		}()
	}
}

func TestMessageFitsTheModel(t *testing.T) {
	for in, want := range map[string]string{
		"tab\there":               "tab here",
		"line\nbreak\r\n":         "line\nbreak \n",
		"nbsp\u00a0and\u2003em":   "nbsp and em",
		"":                        "error",
		"\t":                      "error",
		strings.Repeat("é", 1001): strings.Repeat("é", 1000),
	} {
		if got := message(in); got != want {
			t.Errorf("message(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRunClock lets real time drive a task to COMPLETED. The step is short
// and the deadline long, so a slow machine only makes it slower.
func TestRunClock(t *testing.T) {
	f := New(WithStep(5 * time.Millisecond))
	op := newOutpost(t, f, *newSite(t, f).SiteId, "")
	id := *startTask(t, f, *op.OutpostId, &outposts.StartCapacityTaskInput{InstancePools: fitting}).CapacityTaskId
	c, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		f.RunClock(c)
		close(done)
	}()
	deadline := time.Now().Add(30 * time.Second)
	for taskStatus(t, f, *op.OutpostId, id).CapacityTaskStatus != types.CapacityTaskStatusCompleted {
		if time.Now().After(deadline) {
			t.Fatal("the task did not complete in 30 seconds of real time")
		}
		time.Sleep(time.Millisecond)
	}
	stop()
	<-done
	if f.Now().Sub(defaultStart) < 10*time.Millisecond {
		t.Errorf("the clock moved %v, less than the two steps the task took", f.Now().Sub(defaultStart))
	}
}

func TestIDs(t *testing.T) {
	a, b, other := New(), New(), New(WithAccountID("999999999999"))
	seen := map[string]bool{}
	for range 10000 {
		id := a.newID("op-")
		if seen[id] || len(id) != len("op-")+17 {
			t.Fatalf("ID %s repeats or has the wrong length", id)
		}
		seen[id] = true
		if b.newID("op-") != id {
			t.Fatal("two fakes of one account made different IDs")
		}
		if other.newID("op-") == id {
			t.Fatal("fakes of two accounts made the same ID")
		}
	}
}
