package outpostsfake

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/types"
)

// asset is one installed host of an Outpost.
type asset struct {
	seq       uint64
	id        string
	outpostID string
	rackID    string
	hostID    string
	family    string
	state     types.AssetState
	elevation float32
	slots     []types.AssetInstanceTypeCapacity // the instance slots a capacity task set up
}

// instance is an EC2 (or other service's) instance running on an asset.
type instance struct {
	seq          uint64
	id           string
	instanceType string
	assetID      string
	accountID    string
	service      types.AWSServiceName
}

// installAsset adds a host of a family to an Outpost, with the family's
// default slots, under the given asset ID. Hosts of one Outpost share its
// rack ID.
func (f *Fake) installAsset(outpostID, fam, id string) *asset {
	existing := f.outpostAssets(outpostID)
	rackID := "fr-" + outpostID[len("op-"):]
	a := &asset{
		seq:       f.nextSeq(),
		id:        id,
		outpostID: outpostID,
		rackID:    rackID,
		family:    fam,
		state:     types.AssetStateActive,
		elevation: float32(2 + 2*len(existing)),
		slots:     defaultSlots(fam),
	}
	a.hostID = f.newID("h-")
	f.assets[a.id] = a
	return a
}

// seedInstances starts a few instances on a new host, in its slots: two of
// the smallest size, one of the next, and one 4xlarge run by RDS.
func (f *Fake) seedInstances(a *asset) {
	run := func(slot int, service types.AWSServiceName) {
		in := &instance{
			seq:          f.nextSeq(),
			instanceType: *a.slots[slot].InstanceType,
			assetID:      a.id,
			accountID:    f.cfg.accountID,
			service:      service,
		}
		in.id = f.newID("i-")
		f.instances[in.id] = in
	}
	run(0, types.AWSServiceNameEc2)
	run(0, types.AWSServiceNameEc2)
	run(1, types.AWSServiceNameEc2)
	run(3, types.AWSServiceNameRds)
}

// outpostAssets returns the assets of an Outpost in the order they were
// installed.
func (f *Fake) outpostAssets(outpostID string) []*asset {
	var out []*asset
	for _, a := range sortedBySeq(f.assets, func(a *asset) uint64 { return a.seq }) {
		if a.outpostID == outpostID {
			out = append(out, a)
		}
	}
	return out
}

// runningOn returns the instances running on the given assets, oldest
// first.
func (f *Fake) runningOn(assets []*asset) []*instance {
	var out []*instance
	for _, in := range sortedBySeq(f.instances, func(i *instance) uint64 { return i.seq }) {
		if slices.ContainsFunc(assets, func(a *asset) bool { return a.id == in.assetID }) {
			out = append(out, in)
		}
	}
	return out
}

func (a *asset) view() types.AssetInfo {
	slots := make([]types.AssetInstanceTypeCapacity, 0, len(a.slots))
	for _, s := range a.slots {
		if s.Count > 0 {
			slots = append(slots, types.AssetInstanceTypeCapacity{InstanceType: clonePtr(s.InstanceType), Count: s.Count})
		}
	}
	return types.AssetInfo{
		AssetId:   ptr(a.id),
		RackId:    ptr(a.rackID),
		AssetType: types.AssetTypeCompute,
		ComputeAttributes: &types.ComputeAttributes{
			HostId:                 ptr(a.hostID),
			State:                  types.ComputeAssetState(a.state),
			InstanceFamilies:       []string{a.family},
			InstanceTypeCapacities: slots,
			MaxVcpus:               ptr(hostVcpus[a.family]),
		},
		AssetLocation: &types.AssetLocation{RackElevation: ptr(a.elevation)},
	}
}

// ListAssets lists an Outpost's hosts in the order they were installed,
// keeping those whose host ID and state pass the filters.
func (f *Fake) ListAssets(ctx context.Context, in *outposts.ListAssetsInput) (*outposts.ListAssetsOutput, error) {
	if in == nil {
		in = &outposts.ListAssetsInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	o, err := f.findOutpost(*in.OutpostIdentifier)
	if err != nil {
		return nil, err
	}
	var all []*asset
	for _, a := range f.outpostAssets(o.id) {
		if matches(in.HostIdFilter, a.hostID) && matches(in.StatusFilter, a.state) {
			all = append(all, a)
		}
	}
	items, next, err := page(f, pageRequest{
		operation: "ListAssets",
		filters:   []string{o.id, filterKey("host", in.HostIdFilter), filterKey("status", in.StatusFilter)},
		token:     in.NextToken, max: in.MaxResults,
	}, all, func(a *asset) uint64 { return a.seq })
	if err != nil {
		return nil, err
	}
	out := &outposts.ListAssetsOutput{NextToken: next}
	for _, a := range items {
		out.Assets = append(out.Assets, a.view())
	}
	return out, nil
}

// ListAssetInstances lists the instances running on an Outpost's hosts,
// oldest first, keeping those that pass every filter.
func (f *Fake) ListAssetInstances(ctx context.Context, in *outposts.ListAssetInstancesInput) (*outposts.ListAssetInstancesOutput, error) {
	if in == nil {
		in = &outposts.ListAssetInstancesInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	o, err := f.findOutpost(*in.OutpostIdentifier)
	if err != nil {
		return nil, err
	}
	var all []*instance
	for _, inst := range f.runningOn(f.outpostAssets(o.id)) {
		if matches(in.AssetIdFilter, inst.assetID) && matches(in.InstanceTypeFilter, inst.instanceType) &&
			matches(in.AccountIdFilter, inst.accountID) && matches(in.AwsServiceFilter, inst.service) {
			all = append(all, inst)
		}
	}
	items, next, err := page(f, pageRequest{
		operation: "ListAssetInstances",
		filters: []string{o.id, filterKey("asset", in.AssetIdFilter), filterKey("type", in.InstanceTypeFilter),
			filterKey("account", in.AccountIdFilter), filterKey("service", in.AwsServiceFilter)},
		token: in.NextToken, max: in.MaxResults,
	}, all, func(i *instance) uint64 { return i.seq })
	if err != nil {
		return nil, err
	}
	out := &outposts.ListAssetInstancesOutput{NextToken: next}
	for _, inst := range items {
		out.AssetInstances = append(out.AssetInstances, types.AssetInstance{
			InstanceId:     ptr(inst.id),
			InstanceType:   ptr(inst.instanceType),
			AssetId:        ptr(inst.assetID),
			AccountId:      ptr(inst.accountID),
			AwsServiceName: inst.service,
		})
	}
	return out, nil
}

// connection is the network link of an Outpost server set up by
// StartConnection.
type connection struct {
	id              string
	assetID         string
	clientPublicKey string
	serverPublicKey string
	n               uint64 // numbers the connection's addresses
}

func (c *connection) details() *types.ConnectionDetails {
	return &types.ConnectionDetails{
		ClientPublicKey:     ptr(c.clientPublicKey),
		ServerPublicKey:     ptr(c.serverPublicKey),
		ServerEndpoint:      ptr(fmt.Sprintf("203.0.113.%d:51820", c.n%250+1)),
		ClientTunnelAddress: ptr(fmt.Sprintf("169.254.%d.2/30", c.n%250)),
		ServerTunnelAddress: ptr(fmt.Sprintf("169.254.%d.1/30", c.n%250)),
		AllowedIps:          []string{fmt.Sprintf("169.254.%d.1/32", c.n%250)},
	}
}

// StartConnection sets up the network link of a host of an Outpost server
// (an Outpost whose hardware type is SERVER; a rack's host is a
// ValidationException). It replaces an earlier connection of the host.
func (f *Fake) StartConnection(ctx context.Context, in *outposts.StartConnectionInput) (*outposts.StartConnectionOutput, error) {
	if in == nil {
		in = &outposts.StartConnectionInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	a := f.assets[*in.AssetId]
	if a == nil {
		return nil, notFound("Asset %s does not exist in account %s", *in.AssetId, f.cfg.accountID)
	}
	if f.outposts[a.outpostID].hardware != types.SupportedHardwareTypeServer {
		return nil, validationErrorf("Asset %s is a rack host; connections are for Outpost servers", a.id)
	}
	for id, c := range f.connections {
		if c.assetID == a.id {
			delete(f.connections, id)
		}
	}
	n := f.nextSeq()
	c := &connection{
		id:              derivedBase64(f.cfg.accountID, "connection", n, 24),
		assetID:         a.id,
		clientPublicKey: *in.ClientPublicKey,
		serverPublicKey: derivedBase64(f.cfg.accountID, "server-key", n, 32),
		n:               n,
	}
	f.connections[c.id] = c
	return &outposts.StartConnectionOutput{
		ConnectionId:      ptr(c.id),
		UnderlayIpAddress: ptr(fmt.Sprintf("10.0.%d.%d", 1+int32(in.NetworkInterfaceDeviceIndex), n%250+1)),
	}, nil
}

// GetConnection reads a connection made by StartConnection.
func (f *Fake) GetConnection(ctx context.Context, in *outposts.GetConnectionInput) (*outposts.GetConnectionOutput, error) {
	if in == nil {
		in = &outposts.GetConnectionInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	c := f.connections[*in.ConnectionId]
	if c == nil {
		return nil, notFound("Connection %s does not exist", *in.ConnectionId)
	}
	return &outposts.GetConnectionOutput{ConnectionId: ptr(c.id), ConnectionDetails: c.details()}, nil
}

// derivedBase64 returns the standard base64 of size bytes derived from the
// arguments: stable, unique per n, and (for 32 bytes) of the 44-character
// form the model's WireGuard key pattern ^[a-zA-Z0-9/+]{43}=$ asks.
func derivedBase64(account, purpose string, n uint64, size int) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	h := sha256.Sum256(append([]byte(account+"/"+purpose+"/"), b[:]...))
	return base64.StdEncoding.EncodeToString(h[:size])
}
