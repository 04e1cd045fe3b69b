package outpostsfake

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/types"
)

// lifeCycleActive is the LifeCycleStatus of every Outpost of the fake: a
// new Outpost comes installed and running (see CreateOutpost).
const lifeCycleActive = "ACTIVE"

// outpost is an Outpost's state. Its assets are in f.assets.
type outpost struct {
	seq         uint64
	id          string
	siteID      string
	name        string
	description *string
	az, azID    string
	hardware    types.SupportedHardwareType
	tags        map[string]string
}

func (f *Fake) outpostView(o *outpost) types.Outpost {
	return types.Outpost{
		OutpostId:             ptr(o.id),
		OwnerId:               ptr(f.cfg.accountID),
		OutpostArn:            ptr(f.arn("outpost", o.id)),
		SiteId:                ptr(o.siteID),
		Name:                  ptr(o.name),
		Description:           clonePtr(o.description),
		LifeCycleStatus:       ptr(lifeCycleActive),
		AvailabilityZone:      ptr(o.az),
		AvailabilityZoneId:    ptr(o.azID),
		Tags:                  cloneTags(o.tags),
		SiteArn:               ptr(f.arn("site", o.siteID)),
		SupportedHardwareType: o.hardware,
	}
}

// findOutpost returns the Outpost an ID or ARN names, or a
// NotFoundException.
func (f *Fake) findOutpost(identifier string) (*outpost, error) {
	if o := f.outposts[f.resolveID(identifier, "outpost")]; o != nil {
		return o, nil
	}
	return nil, notFound("Outpost %s does not exist in account %s", identifier, f.cfg.accountID)
}

// Availability Zones. The fake's region has four zones, a to d, whose IDs
// are the region's short name and az1 to az4 (us-west-2b is usw2-az2).
const zoneLetters = "abcd"

// regionShort is the short form of the region used in zone IDs: "usw2" for
// us-west-2.
func (f *Fake) regionShort() string {
	parts := strings.Split(f.cfg.region, "-")
	s := parts[0]
	for _, p := range parts[1 : len(parts)-1] {
		s += p[:1]
	}
	return s + parts[len(parts)-1]
}

// zone resolves the Availability Zone of a new Outpost from the name, the
// ID, both (which must agree) or neither (the region's first zone).
func (f *Fake) zone(name, id *string) (string, string, error) {
	i := 0
	if name != nil {
		letter, ok := strings.CutPrefix(*name, f.cfg.region)
		i = strings.Index(zoneLetters, letter)
		if !ok || len(letter) != 1 || i < 0 {
			return "", "", validationErrorf("AvailabilityZone %s is not a zone of region %s (its zones are %sa to %sd)", *name, f.cfg.region, f.cfg.region, f.cfg.region)
		}
	}
	if id != nil {
		n, ok := strings.CutPrefix(*id, f.regionShort()+"-az")
		j, err := strconv.Atoi(n)
		if !ok || err != nil || j < 1 || j > len(zoneLetters) {
			return "", "", validationErrorf("AvailabilityZoneId %s is not a zone of region %s (its zone IDs are %s-az1 to %s-az4)", *id, f.cfg.region, f.regionShort(), f.regionShort())
		}
		if name != nil && j-1 != i {
			return "", "", validationErrorf("AvailabilityZone %s and AvailabilityZoneId %s name different zones", *name, *id)
		}
		i = j - 1
	}
	return f.cfg.region + zoneLetters[i:i+1], f.regionShort() + "-az" + strconv.Itoa(i+1), nil
}

// CreateOutpost creates an Outpost at a site. So that capacity tasks can be
// tried at once, the new Outpost is ACTIVE and comes with the hardware of
// a starter catalog item installed: for a RACK, OR-M5R2H01 (two m5 hosts),
// for a SERVER, OR-C6S2U01 (one c6id host); each host has its instance
// slots set up and a few instances running. Orders add more hardware.
func (f *Fake) CreateOutpost(ctx context.Context, in *outposts.CreateOutpostInput) (*outposts.CreateOutpostOutput, error) {
	if in == nil {
		in = &outposts.CreateOutpostInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	s, err := f.findSite(*in.SiteId)
	if err != nil {
		return nil, err
	}
	az, azID, err := f.zone(in.AvailabilityZone, in.AvailabilityZoneId)
	if err != nil {
		return nil, err
	}
	if len(f.outposts) >= f.cfg.quotas.Outposts {
		return nil, quotaExceeded("The account already has %d Outposts, its quota", len(f.outposts))
	}
	o := &outpost{
		seq:         f.nextSeq(),
		id:          f.newID("op-"),
		siteID:      s.id,
		name:        *in.Name,
		description: clonePtr(in.Description),
		az:          az,
		azID:        azID,
		hardware:    cmp.Or(in.SupportedHardwareType, types.SupportedHardwareTypeRack),
		tags:        cloneTags(in.Tags),
	}
	f.outposts[o.id] = o
	for _, fam := range f.catalogIndex[starterItem(o.hardware)].hosts {
		a := f.installAsset(o.id, fam, f.newAssetID())
		f.seedInstances(a)
	}
	return &outposts.CreateOutpostOutput{Outpost: ptr(f.outpostView(o))}, nil
}

// GetOutpost reads an Outpost.
func (f *Fake) GetOutpost(ctx context.Context, in *outposts.GetOutpostInput) (*outposts.GetOutpostOutput, error) {
	if in == nil {
		in = &outposts.GetOutpostInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	o, err := f.findOutpost(*in.OutpostId)
	if err != nil {
		return nil, err
	}
	return &outposts.GetOutpostOutput{Outpost: ptr(f.outpostView(o))}, nil
}

// ListOutposts lists the account's Outposts in the order they were
// created, keeping those that match every filter given (a filter matches
// when any of its values does).
func (f *Fake) ListOutposts(ctx context.Context, in *outposts.ListOutpostsInput) (*outposts.ListOutpostsOutput, error) {
	if in == nil {
		in = &outposts.ListOutpostsInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	var all []*outpost
	for _, o := range sortedBySeq(f.outposts, func(o *outpost) uint64 { return o.seq }) {
		if matches(in.LifeCycleStatusFilter, lifeCycleActive) &&
			matches(in.AvailabilityZoneFilter, o.az) &&
			matches(in.AvailabilityZoneIdFilter, o.azID) {
			all = append(all, o)
		}
	}
	items, next, err := page(f, pageRequest{
		operation: "ListOutposts",
		filters: []string{
			filterKey("status", in.LifeCycleStatusFilter),
			filterKey("az", in.AvailabilityZoneFilter),
			filterKey("azid", in.AvailabilityZoneIdFilter),
		},
		token: in.NextToken, max: in.MaxResults,
	}, all, func(o *outpost) uint64 { return o.seq })
	if err != nil {
		return nil, err
	}
	out := &outposts.ListOutpostsOutput{NextToken: next}
	for _, o := range items {
		out.Outposts = append(out.Outposts, f.outpostView(o))
	}
	return out, nil
}

// UpdateOutpost changes the name, description or hardware type of an
// Outpost; members left out keep their values. The hardware type cannot
// change while an order for the Outpost is in progress (a
// ConflictException).
func (f *Fake) UpdateOutpost(ctx context.Context, in *outposts.UpdateOutpostInput) (*outposts.UpdateOutpostOutput, error) {
	if in == nil {
		in = &outposts.UpdateOutpostInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	o, err := f.findOutpost(*in.OutpostId)
	if err != nil {
		return nil, err
	}
	if in.SupportedHardwareType != "" && in.SupportedHardwareType != o.hardware {
		if ord := f.activeOrder(o.id); ord != nil {
			return nil, conflict(types.ResourceTypeOrder, ord.id, "Order %s for Outpost %s is in progress; its hardware type cannot change", ord.id, o.id)
		}
		o.hardware = in.SupportedHardwareType
	}
	if in.Name != nil {
		o.name = *in.Name
	}
	if in.Description != nil {
		o.description = clonePtr(in.Description)
	}
	return &outposts.UpdateOutpostOutput{Outpost: ptr(f.outpostView(o))}, nil
}

// DeleteOutpost deletes an Outpost with its assets, instances, capacity
// tasks and connections; its orders stay in ListOrders. An Outpost with an
// order in progress or a capacity task not yet finished cannot be deleted
// (a ConflictException).
func (f *Fake) DeleteOutpost(ctx context.Context, in *outposts.DeleteOutpostInput) (*outposts.DeleteOutpostOutput, error) {
	if in == nil {
		in = &outposts.DeleteOutpostInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	o, err := f.findOutpost(*in.OutpostId)
	if err != nil {
		return nil, err
	}
	if ord := f.activeOrder(o.id); ord != nil {
		return nil, conflict(types.ResourceTypeOrder, ord.id, "Outpost %s has order %s in progress; wait for it to complete or cancel it", o.id, ord.id)
	}
	if t := f.activeTask(o.id); t != nil {
		return nil, conflict(types.ResourceTypeOutpost, o.id, "Outpost %s has capacity task %s in progress; wait for it to finish or cancel it", o.id, t.id)
	}
	for id, a := range f.assets {
		if a.outpostID != o.id {
			continue
		}
		for iid, inst := range f.instances {
			if inst.assetID == id {
				delete(f.instances, iid)
			}
		}
		for cid, c := range f.connections {
			if c.assetID == id {
				delete(f.connections, cid)
			}
		}
		delete(f.assets, id)
	}
	for id, t := range f.tasks {
		if t.outpostID == o.id {
			delete(f.tasks, id)
		}
	}
	delete(f.outposts, o.id)
	return &outposts.DeleteOutpostOutput{}, nil
}

// instanceTypeItems turns instance type names into the API's items, in the
// order of their vCPUs and then their names.
func instanceTypeItems(names []string) []types.InstanceTypeItem {
	slices.SortFunc(names, func(a, b string) int {
		va, _ := instanceVcpus(a)
		vb, _ := instanceVcpus(b)
		return cmp.Or(cmp.Compare(va, vb), cmp.Compare(a, b))
	})
	names = slices.Compact(names)
	items := make([]types.InstanceTypeItem, len(names))
	for i, n := range names {
		v, _ := instanceVcpus(n)
		items[i] = types.InstanceTypeItem{InstanceType: ptr(n), VCPUs: ptr(v)}
	}
	return items
}

// pageInstanceTypes pages a derived list, whose items have no sequence
// numbers of their own: their positions serve instead.
func pageInstanceTypes(f *Fake, req pageRequest, items []types.InstanceTypeItem) ([]types.InstanceTypeItem, *string, error) {
	type numbered struct {
		n    uint64
		item types.InstanceTypeItem
	}
	all := make([]numbered, len(items))
	for i, it := range items {
		all[i] = numbered{uint64(i + 1), it}
	}
	got, next, err := page(f, req, all, func(x numbered) uint64 { return x.n })
	if err != nil {
		return nil, nil, err
	}
	out := make([]types.InstanceTypeItem, len(got))
	for i, x := range got {
		out[i] = x.item
	}
	return out, next, nil
}

// GetOutpostInstanceTypes lists the instance types the Outpost's hosts
// have slots for now (capacity tasks change them), smallest first.
func (f *Fake) GetOutpostInstanceTypes(ctx context.Context, in *outposts.GetOutpostInstanceTypesInput) (*outposts.GetOutpostInstanceTypesOutput, error) {
	if in == nil {
		in = &outposts.GetOutpostInstanceTypesInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	o, err := f.findOutpost(*in.OutpostId)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, a := range f.outpostAssets(o.id) {
		for _, s := range a.slots {
			if s.Count > 0 {
				names = append(names, *s.InstanceType)
			}
		}
	}
	items, next, err := pageInstanceTypes(f, pageRequest{
		operation: "GetOutpostInstanceTypes", filters: []string{o.id},
		token: in.NextToken, max: in.MaxResults,
	}, instanceTypeItems(names))
	if err != nil {
		return nil, err
	}
	return &outposts.GetOutpostInstanceTypesOutput{
		InstanceTypes: items, NextToken: next,
		OutpostId: ptr(o.id), OutpostArn: ptr(f.arn("outpost", o.id)),
	}, nil
}

// GetOutpostSupportedInstanceTypes lists every instance type the Outpost's
// hosts (or, given an OrderId, the hardware of that order) can take:
// every size of their families that fits on one host, smallest first.
func (f *Fake) GetOutpostSupportedInstanceTypes(ctx context.Context, in *outposts.GetOutpostSupportedInstanceTypesInput) (*outposts.GetOutpostSupportedInstanceTypesOutput, error) {
	if in == nil {
		in = &outposts.GetOutpostSupportedInstanceTypesInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	o, err := f.findOutpost(*in.OutpostIdentifier)
	if err != nil {
		return nil, err
	}
	var fams []string
	if in.OrderId != nil {
		ord, err := f.findOrder(*in.OrderId)
		if err != nil {
			return nil, err
		}
		if ord.outpostID != o.id {
			return nil, notFound("Order %s is not an order for Outpost %s", ord.id, o.id)
		}
		for _, li := range ord.items {
			fams = append(fams, f.catalogIndex[li.catalogID].families()...)
		}
	} else {
		for _, a := range f.outpostAssets(o.id) {
			fams = append(fams, a.family)
		}
	}
	var names []string
	for _, fam := range fams {
		names = append(names, familyTypes(fam)...)
	}
	filter := o.id + "/" + deref(in.OrderId)
	items, next, err := pageInstanceTypes(f, pageRequest{
		operation: "GetOutpostSupportedInstanceTypes", filters: []string{filter},
		token: in.NextToken, max: in.MaxResults,
	}, instanceTypeItems(names))
	if err != nil {
		return nil, err
	}
	return &outposts.GetOutpostSupportedInstanceTypesOutput{InstanceTypes: items, NextToken: next}, nil
}
