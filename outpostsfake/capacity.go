package outpostsfake

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/types"
)

// capacityTask is a capacity task's state.
type capacityTask struct {
	seq       uint64
	id        string
	outpostID string
	orderID   string
	assetID   string
	pools     []types.InstanceTypeCapacity
	exclude   *types.InstancesToExclude
	action    types.TaskActionOnBlockingInstances
	status    types.CapacityTaskStatus
	failed    *types.CapacityTaskFailure
	created   time.Time
	modified  time.Time
	completed time.Time // zero unless COMPLETED

	next         time.Time // when the next step falls due
	waitingSince time.Time
	blocking     []string     // IDs of the instances found blocking
	failure      *failurePlan // from FailNextCapacityTask
	block        bool         // from BlockNextCapacityTask
	forced       string       // the instance BlockNextCapacityTask chose
}

// failurePlan is a failure chosen in advance by FailNextCapacityTask.
type failurePlan struct {
	typ    types.CapacityTaskFailureType
	reason string
}

// active reports whether the task has not finished; an Outpost can have
// one active task at a time.
func (t *capacityTask) active() bool {
	switch t.status {
	case types.CapacityTaskStatusCompleted, types.CapacityTaskStatusFailed, types.CapacityTaskStatusCancelled:
		return false
	}
	return true
}

func (t *capacityTask) setStatus(s types.CapacityTaskStatus, at time.Time) {
	t.status = s
	t.modified = at
	if s == types.CapacityTaskStatusCompleted {
		t.completed = at
	}
}

func (t *capacityTask) fail(typ types.CapacityTaskFailureType, reason string, at time.Time) {
	t.setStatus(types.CapacityTaskStatusFailed, at)
	if reason == "" {
		reason = "The capacity task failed: " + string(typ)
	}
	if r := []rune(reason); len(r) > 128 { // the model's CapacityTaskStatusReason
		reason = string(r[:128])
	}
	t.failed = &types.CapacityTaskFailure{Reason: ptr(reason), Type: typ}
}

func (t *capacityTask) view(dryRun bool) *outposts.GetCapacityTaskOutput {
	out := &outposts.GetCapacityTaskOutput{
		CapacityTaskId:                ptr(t.id),
		OutpostId:                     ptr(t.outpostID),
		RequestedInstancePools:        clonePools(t.pools),
		InstancesToExclude:            cloneExclude(t.exclude),
		DryRun:                        dryRun,
		CapacityTaskStatus:            t.status,
		Failed:                        clonePtr(t.failed),
		CreationDate:                  ptr(t.created),
		LastModifiedDate:              ptr(t.modified),
		TaskActionOnBlockingInstances: t.action,
	}
	if t.failed != nil {
		out.Failed.Reason = clonePtr(t.failed.Reason)
	}
	if t.orderID != "" {
		out.OrderId = ptr(t.orderID)
	}
	if t.assetID != "" {
		out.AssetId = ptr(t.assetID)
	}
	if !t.completed.IsZero() {
		out.CompletionDate = ptr(t.completed)
	}
	return out
}

func (t *capacityTask) summary() types.CapacityTaskSummary {
	v := t.view(false)
	return types.CapacityTaskSummary{
		CapacityTaskId:     v.CapacityTaskId,
		OutpostId:          v.OutpostId,
		OrderId:            v.OrderId,
		CapacityTaskStatus: v.CapacityTaskStatus,
		CreationDate:       v.CreationDate,
		CompletionDate:     v.CompletionDate,
		LastModifiedDate:   v.LastModifiedDate,
	}
}

// activeTask returns the Outpost's unfinished capacity task, or nil.
func (f *Fake) activeTask(outpostID string) *capacityTask {
	for _, t := range f.tasks {
		if t.outpostID == outpostID && t.active() {
			return t
		}
	}
	return nil
}

// findTask returns a task of an Outpost named by ID or ARN, or a
// NotFoundException.
func (f *Fake) findTask(outpostIdentifier, taskID string) (*capacityTask, error) {
	o, err := f.findOutpost(outpostIdentifier)
	if err != nil {
		return nil, err
	}
	t := f.tasks[taskID]
	if t == nil || t.outpostID != o.id {
		return nil, notFound("Capacity task %s does not exist on Outpost %s", taskID, o.id)
	}
	return t, nil
}

// taskAssets returns the hosts a task rearranges.
func (f *Fake) taskAssets(t *capacityTask) []*asset {
	if t.assetID != "" {
		if a := f.assets[t.assetID]; a != nil {
			return []*asset{a}
		}
		return nil
	}
	var out []*asset
	for _, a := range f.outpostAssets(t.outpostID) {
		if a.state == types.AssetStateActive {
			out = append(out, a)
		}
	}
	return out
}

// StartCapacityTask starts a capacity task, which rearranges the instance
// slots of an Outpost's hosts (all its ACTIVE hosts, or the one AssetId
// names): InstancePools is the complete new set of slots, and it must fit
// the hosts' vCPUs family by family. The task moves one step per step
// duration:
//
//	REQUESTED -> IN_PROGRESS
//	IN_PROGRESS -> FAILED, when FailNextCapacityTask chose it, or the pools
//	    do not fit (UNSUPPORTED_CAPACITY_CONFIGURATION)
//	IN_PROGRESS -> WAITING_FOR_EVACUATION, when running instances do not fit
//	    the new slots (or BlockNextCapacityTask chose the task) and
//	    TaskActionOnBlockingInstances is WAIT_FOR_EVACUATION (the default)
//	IN_PROGRESS -> FAILED (BLOCKING_INSTANCES_NOT_EVACUATED), the same with
//	    FAIL_TASK
//	IN_PROGRESS -> COMPLETED, which sets the new slots
//	WAITING_FOR_EVACUATION -> IN_PROGRESS, once StopInstance has stopped
//	    every blocking instance; -> FAILED (BLOCKING_INSTANCES_NOT_EVACUATED)
//	    once the evacuation timeout has passed
//	CANCELLATION_IN_PROGRESS -> CANCELLED (see CancelCapacityTask)
//
// The instances that block are, for each instance type, the running ones
// beyond the new count of its slots, newest first, passing over those that
// InstancesToExclude names (instances that must not be stopped); if the
// excluded ones cannot be passed over, the task fails with
// UNSUPPORTED_CAPACITY_CONFIGURATION. ListBlockingInstancesForCapacityTask
// lists them.
//
// An Outpost with an unfinished task is a ConflictException; an unknown
// order or asset a NotFoundException; an instance type the hosts cannot
// take, or one listed twice, a ValidationException. A DryRun checks the
// same things and whether the pools fit, and changes nothing: its response
// is COMPLETED if they fit and FAILED if not, and its task ID is not kept.
func (f *Fake) StartCapacityTask(ctx context.Context, in *outposts.StartCapacityTaskInput) (*outposts.StartCapacityTaskOutput, error) {
	if in == nil {
		in = &outposts.StartCapacityTaskInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	o, err := f.findOutpost(*in.OutpostIdentifier)
	if err != nil {
		return nil, err
	}
	if other := f.activeTask(o.id); other != nil {
		return nil, conflict(types.ResourceTypeOutpost, o.id, "Outpost %s already has capacity task %s in progress", o.id, other.id)
	}
	t := &capacityTask{
		outpostID: o.id,
		pools:     clonePools(in.InstancePools),
		exclude:   cloneExclude(in.InstancesToExclude),
		action:    cmp.Or(in.TaskActionOnBlockingInstances, types.TaskActionOnBlockingInstancesWaitForEvacuation),
		status:    types.CapacityTaskStatusRequested,
		created:   f.now,
		modified:  f.now,
	}
	if in.OrderId != nil {
		ord, err := f.findOrder(*in.OrderId)
		if err != nil {
			return nil, err
		}
		if ord.outpostID != o.id {
			return nil, notFound("Order %s is not an order for Outpost %s", ord.id, o.id)
		}
		t.orderID = ord.id
	}
	if in.AssetId != nil {
		if a := f.assets[*in.AssetId]; a == nil || a.outpostID != o.id {
			return nil, notFound("Asset %s is not a host of Outpost %s", *in.AssetId, o.id)
		}
		t.assetID = *in.AssetId
	}
	hosts := f.taskAssets(t)
	if len(hosts) == 0 {
		return nil, validationErrorf("Outpost %s has no active hosts to rearrange", o.id)
	}
	seen := map[string]bool{}
	for i, p := range t.pools {
		it := *p.InstanceType
		if seen[it] {
			return nil, validationErrorf("InstancePools[%d]: instance type %s is listed twice", i, it)
		}
		seen[it] = true
		if !slices.ContainsFunc(hosts, func(a *asset) bool { return slices.Contains(familyTypes(a.family), it) }) {
			return nil, validationErrorf("InstancePools[%d]: instance type %s is not supported by the hosts of Outpost %s", i, it, o.id)
		}
	}
	t.id = f.newID("cap-")
	if in.DryRun {
		if _, reason := planSlots(hosts, t.pools); reason != "" {
			t.fail(types.CapacityTaskFailureTypeUnsupportedCapacityConfiguration, reason, f.now)
		} else {
			t.setStatus(types.CapacityTaskStatusCompleted, f.now)
		}
		return ptr(outposts.StartCapacityTaskOutput(*t.view(true))), nil
	}
	t.seq = f.nextSeq()
	t.next = f.now.Add(f.cfg.step)
	t.failure, f.nextFailure = f.nextFailure, nil
	t.block, f.nextBlock = f.nextBlock, false
	f.tasks[t.id] = t
	return ptr(outposts.StartCapacityTaskOutput(*t.view(false))), nil
}

// GetCapacityTask reads a capacity task of an Outpost.
func (f *Fake) GetCapacityTask(ctx context.Context, in *outposts.GetCapacityTaskInput) (*outposts.GetCapacityTaskOutput, error) {
	if in == nil {
		in = &outposts.GetCapacityTaskInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	t, err := f.findTask(*in.OutpostIdentifier, *in.CapacityTaskId)
	if err != nil {
		return nil, err
	}
	return t.view(false), nil
}

// CancelCapacityTask cancels a capacity task that is REQUESTED,
// IN_PROGRESS or WAITING_FOR_EVACUATION: it becomes
// CANCELLATION_IN_PROGRESS, and CANCELLED one step later. Cancelling a
// task in any other state is a ConflictException.
func (f *Fake) CancelCapacityTask(ctx context.Context, in *outposts.CancelCapacityTaskInput) (*outposts.CancelCapacityTaskOutput, error) {
	if in == nil {
		in = &outposts.CancelCapacityTaskInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	t, err := f.findTask(*in.OutpostIdentifier, *in.CapacityTaskId)
	if err != nil {
		return nil, err
	}
	switch t.status {
	case types.CapacityTaskStatusRequested, types.CapacityTaskStatusInProgress, types.CapacityTaskStatusWaitingForEvacuation:
	default:
		return nil, conflict("", t.id, "Capacity task %s is %s and cannot be cancelled", t.id, t.status)
	}
	t.setStatus(types.CapacityTaskStatusCancellationInProgress, f.now)
	t.next = f.now.Add(f.cfg.step)
	return &outposts.CancelCapacityTaskOutput{}, nil
}

// ListCapacityTasks lists the account's capacity tasks in the order they
// were started, keeping those of the Outpost OutpostIdentifierFilter names
// (an Outpost that does not exist is a NotFoundException) and with a
// status in CapacityTaskStatusFilter.
func (f *Fake) ListCapacityTasks(ctx context.Context, in *outposts.ListCapacityTasksInput) (*outposts.ListCapacityTasksOutput, error) {
	if in == nil {
		in = &outposts.ListCapacityTasksInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	filter := ""
	if in.OutpostIdentifierFilter != nil {
		o, err := f.findOutpost(*in.OutpostIdentifierFilter)
		if err != nil {
			return nil, err
		}
		filter = o.id
	}
	var all []*capacityTask
	for _, t := range sortedBySeq(f.tasks, func(t *capacityTask) uint64 { return t.seq }) {
		if (filter == "" || t.outpostID == filter) && matches(in.CapacityTaskStatusFilter, t.status) {
			all = append(all, t)
		}
	}
	items, next, err := page(f, pageRequest{
		operation: "ListCapacityTasks",
		filters:   []string{filter, filterKey("status", in.CapacityTaskStatusFilter)},
		token:     in.NextToken, max: in.MaxResults,
	}, all, func(t *capacityTask) uint64 { return t.seq })
	if err != nil {
		return nil, err
	}
	out := &outposts.ListCapacityTasksOutput{NextToken: next}
	for _, t := range items {
		out.CapacityTasks = append(out.CapacityTasks, t.summary())
	}
	return out, nil
}

// ListBlockingInstancesForCapacityTask lists the instances that held the
// task up when it last checked and are still running, oldest first.
func (f *Fake) ListBlockingInstancesForCapacityTask(ctx context.Context, in *outposts.ListBlockingInstancesForCapacityTaskInput) (*outposts.ListBlockingInstancesForCapacityTaskOutput, error) {
	if in == nil {
		in = &outposts.ListBlockingInstancesForCapacityTaskInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	t, err := f.findTask(*in.OutpostIdentifier, *in.CapacityTaskId)
	if err != nil {
		return nil, err
	}
	items, next, err := page(f, pageRequest{
		operation: "ListBlockingInstancesForCapacityTask", filters: []string{t.id},
		token: in.NextToken, max: in.MaxResults,
	}, f.stillBlocking(t), func(i *instance) uint64 { return i.seq })
	if err != nil {
		return nil, err
	}
	out := &outposts.ListBlockingInstancesForCapacityTaskOutput{NextToken: next}
	for _, inst := range items {
		out.BlockingInstances = append(out.BlockingInstances, types.BlockingInstance{
			InstanceId: ptr(inst.id), AccountId: ptr(inst.accountID), AwsServiceName: inst.service,
		})
	}
	return out, nil
}

// stillBlocking returns the task's blocking instances that are still
// running, oldest first.
func (f *Fake) stillBlocking(t *capacityTask) []*instance {
	var out []*instance
	for _, id := range t.blocking {
		if inst := f.instances[id]; inst != nil {
			out = append(out, inst)
		}
	}
	slices.SortFunc(out, func(a, b *instance) int { return cmp.Compare(a.seq, b.seq) })
	return out
}

// stepTask moves a task one step on, at the time its step fell due.
func (f *Fake) stepTask(t *capacityTask) {
	at := t.next
	switch t.status {
	case types.CapacityTaskStatusRequested:
		t.setStatus(types.CapacityTaskStatusInProgress, at)
	case types.CapacityTaskStatusInProgress:
		f.checkTask(t, at)
	case types.CapacityTaskStatusWaitingForEvacuation:
		if len(f.stillBlocking(t)) == 0 {
			t.setStatus(types.CapacityTaskStatusInProgress, at)
			break
		}
		deadline := t.waitingSince.Add(f.cfg.evacuationTimeout)
		if !at.Before(deadline) {
			t.fail(types.CapacityTaskFailureTypeBlockingInstancesNotEvacuated,
				fmt.Sprintf("%d instances were not evacuated within %v", len(f.stillBlocking(t)), f.cfg.evacuationTimeout), at)
			return
		}
		// Nothing can stop an instance while the clock runs (the fake is
		// locked), so the task skips ahead to its first step at or after
		// the deadline, or after the clock's new time, whichever is first.
		step := f.cfg.step
		kDeadline := int64((deadline.Sub(at) + step - 1) / step)
		kNow := int64(f.now.Sub(at)/step) + 1
		t.next = at.Add(time.Duration(max(1, min(kDeadline, kNow))) * step)
		return
	case types.CapacityTaskStatusCancellationInProgress:
		t.setStatus(types.CapacityTaskStatusCancelled, at)
	}
	if t.active() {
		t.next = at.Add(f.cfg.step)
	}
}

// checkTask is the IN_PROGRESS step: fail, wait, or complete.
func (f *Fake) checkTask(t *capacityTask, at time.Time) {
	if p := t.failure; p != nil {
		t.failure = nil
		t.fail(p.typ, p.reason, at)
		return
	}
	hosts := f.taskAssets(t)
	if len(hosts) == 0 {
		t.fail(types.CapacityTaskFailureTypeResourceNotFound, "The hosts of the task are gone", at)
		return
	}
	plan, reason := planSlots(hosts, t.pools)
	if reason != "" {
		t.fail(types.CapacityTaskFailureTypeUnsupportedCapacityConfiguration, reason, at)
		return
	}
	blocking, reason := f.blockers(t, hosts)
	if reason != "" {
		t.fail(types.CapacityTaskFailureTypeUnsupportedCapacityConfiguration, reason, at)
		return
	}
	if len(blocking) > 0 {
		t.blocking = blocking
		if t.action == types.TaskActionOnBlockingInstancesFailTask {
			t.fail(types.CapacityTaskFailureTypeBlockingInstancesNotEvacuated,
				fmt.Sprintf("%d running instances block the task", len(blocking)), at)
			return
		}
		t.setStatus(types.CapacityTaskStatusWaitingForEvacuation, at)
		t.waitingSince = at
		return
	}
	for _, a := range hosts {
		a.slots = plan[a.id]
	}
	f.rehome(hosts)
	t.setStatus(types.CapacityTaskStatusCompleted, at)
}

// excluded reports whether the task must not stop an instance.
func (t *capacityTask) excluded(inst *instance) bool {
	x := t.exclude
	return x != nil && (slices.Contains(x.Instances, inst.id) || slices.Contains(x.AccountIds, inst.accountID) ||
		slices.Contains(x.Services, inst.service))
}

// blockers returns the IDs of the running instances that must stop before
// the task's pools can be set, or a reason the task cannot run at all.
func (f *Fake) blockers(t *capacityTask, hosts []*asset) ([]string, string) {
	want := map[string]int32{}
	for _, p := range t.pools {
		want[*p.InstanceType] = p.Count
	}
	running := f.runningOn(hosts)
	byType := map[string][]*instance{}
	var typeOrder []string
	for _, inst := range running {
		if byType[inst.instanceType] == nil {
			typeOrder = append(typeOrder, inst.instanceType)
		}
		byType[inst.instanceType] = append(byType[inst.instanceType], inst)
	}
	var out []string
	for _, it := range typeOrder {
		insts := byType[it]
		surplus := len(insts) - int(want[it])
		for i := len(insts) - 1; i >= 0 && surplus > 0; i-- {
			if !t.excluded(insts[i]) {
				out = append(out, insts[i].id)
				surplus--
			}
		}
		if surplus > 0 {
			return nil, fmt.Sprintf("The pools leave no slot for %d excluded %s instances", surplus, it)
		}
	}
	if t.block && t.forced == "" {
		for _, inst := range running {
			if !t.excluded(inst) && !slices.Contains(out, inst.id) {
				t.forced = inst.id
				break
			}
		}
	}
	if t.forced != "" && f.instances[t.forced] != nil && !slices.Contains(out, t.forced) {
		out = append(out, t.forced)
	}
	return out, ""
}

// planSlots packs the pools onto the hosts, family by family, largest
// instance types first, each host filled before the next. It returns the
// new slots of each host, or why they do not fit.
func planSlots(hosts []*asset, pools []types.InstanceTypeCapacity) (map[string][]types.AssetInstanceTypeCapacity, string) {
	sorted := clonePools(pools)
	slices.SortStableFunc(sorted, func(a, b types.InstanceTypeCapacity) int {
		va, _ := instanceVcpus(*a.InstanceType)
		vb, _ := instanceVcpus(*b.InstanceType)
		return cmp.Compare(vb, va)
	})
	free := map[string]int32{}
	plan := map[string][]types.AssetInstanceTypeCapacity{}
	for _, a := range hosts {
		free[a.id] = hostVcpus[a.family]
		plan[a.id] = []types.AssetInstanceTypeCapacity{}
	}
	for _, p := range sorted {
		v, _ := instanceVcpus(*p.InstanceType)
		left := p.Count
		for _, a := range hosts {
			if left == 0 {
				break
			}
			if !slices.Contains(familyTypes(a.family), *p.InstanceType) {
				continue
			}
			n := min(left, free[a.id]/v)
			if n > 0 {
				plan[a.id] = append(plan[a.id], types.AssetInstanceTypeCapacity{InstanceType: ptr(*p.InstanceType), Count: n})
				free[a.id] -= n * v
				left -= n
			}
		}
		if left > 0 {
			return nil, fmt.Sprintf("The hosts have no room for %d of the %d %s asked for", left, p.Count, *p.InstanceType)
		}
	}
	for id := range plan {
		slices.SortStableFunc(plan[id], func(a, b types.AssetInstanceTypeCapacity) int {
			va, _ := instanceVcpus(*a.InstanceType)
			vb, _ := instanceVcpus(*b.InstanceType)
			return cmp.Compare(va, vb)
		})
	}
	return plan, ""
}

// rehome moves the instances running on the hosts into the hosts' new
// slots (after a task completes, there is a slot for each of them).
func (f *Fake) rehome(hosts []*asset) {
	used := map[string]map[string]int32{} // asset ID -> type -> slots taken
	for _, a := range hosts {
		used[a.id] = map[string]int32{}
	}
	for _, inst := range f.runningOn(hosts) {
		for _, a := range hosts {
			i := slices.IndexFunc(a.slots, func(s types.AssetInstanceTypeCapacity) bool { return *s.InstanceType == inst.instanceType })
			if i >= 0 && used[a.id][inst.instanceType] < a.slots[i].Count {
				used[a.id][inst.instanceType]++
				inst.assetID = a.id
				break
			}
		}
	}
}

func clonePools(pools []types.InstanceTypeCapacity) []types.InstanceTypeCapacity {
	if pools == nil {
		return nil
	}
	out := make([]types.InstanceTypeCapacity, len(pools))
	for i, p := range pools {
		out[i] = types.InstanceTypeCapacity{InstanceType: clonePtr(p.InstanceType), Count: p.Count}
	}
	return out
}

func cloneExclude(x *types.InstancesToExclude) *types.InstancesToExclude {
	if x == nil {
		return nil
	}
	return &types.InstancesToExclude{
		Instances:  slices.Clone(x.Instances),
		AccountIds: slices.Clone(x.AccountIds),
		Services:   slices.Clone(x.Services),
	}
}

// runDueSteps runs every step of a task or an order that has fallen due
// by the fake's clock, earliest first (ties in the order the task or order
// was made).
func (f *Fake) runDueSteps() {
	for {
		var task *capacityTask
		var ord *order
		due := func(at time.Time, seq uint64) bool {
			if at.After(f.now) {
				return false
			}
			switch {
			case task != nil:
				return at.Before(task.next) || at.Equal(task.next) && seq < task.seq
			case ord != nil:
				return at.Before(ord.next) || at.Equal(ord.next) && seq < ord.seq
			}
			return true
		}
		for _, t := range f.tasks {
			if t.active() && due(t.next, t.seq) {
				task, ord = t, nil
			}
		}
		for _, o := range f.orders {
			if o.active() && due(o.next, o.seq) {
				task, ord = nil, o
			}
		}
		switch {
		case task != nil:
			f.stepTask(task)
		case ord != nil:
			f.stepOrder(ord, ord.next)
		default:
			return
		}
	}
}
