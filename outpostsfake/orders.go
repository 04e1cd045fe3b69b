package outpostsfake

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/types"
)

// An order moves one step per step duration. Its line items go PREPARING,
// BUILDING, SHIPPED, DELIVERED, INSTALLING, INSTALLED (one status a step);
// the order is PREPARING until they start building, IN_PROGRESS while they
// are on their way and COMPLETED (with OrderFulfilledDate) once all are
// installed, at which point their hosts join the Outpost. An order can be
// cancelled until its items ship.
var lineItemSteps = []types.LineItemStatus{
	types.LineItemStatusPreparing,
	types.LineItemStatusBuilding,
	types.LineItemStatusShipped,
	types.LineItemStatusDelivered,
	types.LineItemStatusInstalling,
	types.LineItemStatusInstalled,
}

// order is an order's state.
type order struct {
	seq       uint64
	id        string
	outpostID string
	status    types.OrderStatus
	items     []*lineItem
	payment   types.PaymentOption
	term      types.PaymentTerm
	submitted time.Time
	fulfilled time.Time // zero until COMPLETED
	step      int       // index into lineItemSteps of every line item
	next      time.Time // when the next step falls due
}

// lineItem is one catalog item of an order, in some quantity.
type lineItem struct {
	id        string
	catalogID string
	quantity  int32
	status    types.LineItemStatus
	tracking  string         // set when SHIPPED
	hosts     []plannedAsset // set when SHIPPED: the hosts that will be installed
}

// plannedAsset is a host on its way to an Outpost.
type plannedAsset struct {
	family string
	id     string
	macs   []string
}

func (o *order) active() bool {
	return o.status == types.OrderStatusPreparing || o.status == types.OrderStatusInProgress
}

func (f *Fake) findOrder(id string) (*order, error) {
	if o := f.orders[id]; o != nil {
		return o, nil
	}
	return nil, notFound("Order %s does not exist in account %s", id, f.cfg.accountID)
}

// activeOrder returns an order in progress for the Outpost, or nil.
func (f *Fake) activeOrder(outpostID string) *order {
	for _, o := range sortedBySeq(f.orders, func(o *order) uint64 { return o.seq }) {
		if o.outpostID == outpostID && o.active() {
			return o
		}
	}
	return nil
}

// activeOrderAtSite returns an order in progress for one of the site's
// Outposts, or nil.
func (f *Fake) activeOrderAtSite(siteID string) *order {
	for _, o := range sortedBySeq(f.orders, func(o *order) uint64 { return o.seq }) {
		if op := f.outposts[o.outpostID]; op != nil && op.siteID == siteID && o.active() {
			return o
		}
	}
	return nil
}

func (o *order) view() types.Order {
	v := types.Order{
		OutpostId:           ptr(o.outpostID),
		OrderId:             ptr(o.id),
		Status:              o.status,
		PaymentOption:       o.payment,
		OrderSubmissionDate: ptr(o.submitted),
		PaymentTerm:         o.term,
		OrderType:           types.OrderTypeOutpost,
	}
	if !o.fulfilled.IsZero() {
		v.OrderFulfilledDate = ptr(o.fulfilled)
	}
	for _, li := range o.items {
		item := types.LineItem{
			CatalogItemId: ptr(li.catalogID),
			LineItemId:    ptr(li.id),
			Quantity:      ptr(li.quantity),
			Status:        li.status,
		}
		if li.tracking != "" {
			item.ShipmentInformation = &types.ShipmentInformation{
				ShipmentTrackingNumber: ptr(li.tracking),
				ShipmentCarrier:        types.ShipmentCarrierUps,
			}
		}
		for _, h := range li.hosts {
			item.AssetInformationList = append(item.AssetInformationList, types.LineItemAssetInformation{
				AssetId: ptr(h.id), MacAddressList: append([]string(nil), h.macs...),
			})
		}
		v.LineItems = append(v.LineItems, item)
	}
	return v
}

func (o *order) summary() types.OrderSummary {
	v := types.OrderSummary{
		OutpostId:           ptr(o.outpostID),
		OrderId:             ptr(o.id),
		OrderType:           types.OrderTypeOutpost,
		Status:              o.status,
		OrderSubmissionDate: ptr(o.submitted),
	}
	if !o.fulfilled.IsZero() {
		v.OrderFulfilledDate = ptr(o.fulfilled)
	}
	for _, li := range o.items {
		if v.LineItemCountsByStatus == nil {
			v.LineItemCountsByStatus = map[string]int32{}
		}
		v.LineItemCountsByStatus[string(li.status)]++
	}
	return v
}

// CreateOrder orders catalog items for an Outpost. Each item must be
// AVAILABLE and of the Outpost's hardware class (RACK or SERVER); a missing
// Quantity is 1 and a missing PaymentTerm THREE_YEARS. An Outpost may have
// Quotas.ActiveOrdersPerOutpost orders in progress, and an order ship
// Quotas.HostsPerOrder hosts.
func (f *Fake) CreateOrder(ctx context.Context, in *outposts.CreateOrderInput) (*outposts.CreateOrderOutput, error) {
	if in == nil {
		in = &outposts.CreateOrderInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	op, err := f.findOutpost(*in.OutpostIdentifier)
	if err != nil {
		return nil, err
	}
	hosts := 0
	for i, li := range in.LineItems {
		if li.CatalogItemId == nil {
			return nil, validationErrorf("LineItems[%d].CatalogItemId is required", i)
		}
		c := f.catalogIndex[*li.CatalogItemId]
		switch {
		case c == nil:
			return nil, notFound("Catalog item %s does not exist", *li.CatalogItemId)
		case c.status != types.CatalogItemStatusAvailable:
			return nil, validationErrorf("Catalog item %s is %s and cannot be ordered", c.id, c.status)
		case c.class != hardwareClass(op.hardware):
			return nil, validationErrorf("Catalog item %s is %s hardware; Outpost %s takes %s hardware", c.id, c.class, op.id, hardwareClass(op.hardware))
		}
		hosts += int(cmp.Or(deref32(li.Quantity), 1)) * len(c.hosts)
		if hosts > f.cfg.quotas.HostsPerOrder {
			return nil, quotaExceeded("The order would ship more than %d hosts, the quota", f.cfg.quotas.HostsPerOrder)
		}
	}
	active := 0
	for _, o := range f.orders {
		if o.outpostID == op.id && o.active() {
			active++
		}
	}
	if active >= f.cfg.quotas.ActiveOrdersPerOutpost {
		return nil, quotaExceeded("Outpost %s already has %d orders in progress, its quota", op.id, active)
	}
	o := &order{
		seq:       f.nextSeq(),
		id:        f.newID("oo-"),
		outpostID: op.id,
		status:    types.OrderStatusPreparing,
		payment:   in.PaymentOption,
		term:      cmp.Or(in.PaymentTerm, types.PaymentTermThreeYears),
		submitted: f.now,
		next:      f.now.Add(f.cfg.step),
	}
	for _, li := range in.LineItems {
		o.items = append(o.items, &lineItem{
			id:        f.newID("ooi-"),
			catalogID: *li.CatalogItemId,
			quantity:  cmp.Or(deref32(li.Quantity), 1),
			status:    types.LineItemStatusPreparing,
		})
	}
	f.orders[o.id] = o
	return &outposts.CreateOrderOutput{Order: ptr(o.view())}, nil
}

func deref32(p *int32) int32 {
	if p == nil {
		return 0
	}
	return *p
}

// GetOrder reads an order.
func (f *Fake) GetOrder(ctx context.Context, in *outposts.GetOrderInput) (*outposts.GetOrderOutput, error) {
	if in == nil {
		in = &outposts.GetOrderInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	o, err := f.findOrder(*in.OrderId)
	if err != nil {
		return nil, err
	}
	return &outposts.GetOrderOutput{Order: ptr(o.view())}, nil
}

// ListOrders lists the account's orders in the order they were placed,
// only those of one Outpost when OutpostIdentifierFilter names it (an
// Outpost that does not exist is a NotFoundException).
func (f *Fake) ListOrders(ctx context.Context, in *outposts.ListOrdersInput) (*outposts.ListOrdersOutput, error) {
	if in == nil {
		in = &outposts.ListOrdersInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	filter := ""
	if in.OutpostIdentifierFilter != nil {
		op, err := f.findOutpost(*in.OutpostIdentifierFilter)
		if err != nil {
			return nil, err
		}
		filter = op.id
	}
	var all []*order
	for _, o := range sortedBySeq(f.orders, func(o *order) uint64 { return o.seq }) {
		if filter == "" || o.outpostID == filter {
			all = append(all, o)
		}
	}
	items, next, err := page(f, pageRequest{
		operation: "ListOrders", filters: []string{filter},
		token: in.NextToken, max: in.MaxResults,
	}, all, func(o *order) uint64 { return o.seq })
	if err != nil {
		return nil, err
	}
	out := &outposts.ListOrdersOutput{NextToken: next}
	for _, o := range items {
		out.Orders = append(out.Orders, o.summary())
	}
	return out, nil
}

// CancelOrder cancels an order whose items have not shipped yet; the order
// and its items become CANCELLED. Cancelling an order that has shipped,
// completed or is already cancelled is a ConflictException.
func (f *Fake) CancelOrder(ctx context.Context, in *outposts.CancelOrderInput) (*outposts.CancelOrderOutput, error) {
	if in == nil {
		in = &outposts.CancelOrderInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	o, err := f.findOrder(*in.OrderId)
	if err != nil {
		return nil, err
	}
	if !o.active() || lineItemSteps[o.step] != types.LineItemStatusPreparing && lineItemSteps[o.step] != types.LineItemStatusBuilding {
		state := string(o.status)
		if o.active() {
			state = "shipped"
		}
		return nil, conflict(types.ResourceTypeOrder, o.id, "Order %s is %s and can no longer be cancelled", o.id, strings.ToLower(state))
	}
	o.status = types.OrderStatusCancelled
	for _, li := range o.items {
		li.status = types.LineItemStatusCancelled
	}
	return &outposts.CancelOrderOutput{}, nil
}

// stepOrder moves an order one step on, at time at.
func (f *Fake) stepOrder(o *order, at time.Time) {
	o.step++
	st := lineItemSteps[o.step]
	o.status = types.OrderStatusInProgress
	for _, li := range o.items {
		li.status = st
		if st == types.LineItemStatusShipped {
			f.ship(li)
		}
	}
	if st == types.LineItemStatusInstalled {
		o.status = types.OrderStatusCompleted
		o.fulfilled = at
		if _, ok := f.outposts[o.outpostID]; ok {
			for _, li := range o.items {
				for _, h := range li.hosts {
					f.installAsset(o.outpostID, h.family, h.id)
				}
			}
		}
		return
	}
	o.next = at.Add(f.cfg.step)
}

// ship gives a line item its tracking number and the hosts it carries.
func (f *Fake) ship(li *lineItem) {
	li.tracking = strings.ToUpper("1Z" + f.newID("")[:16])
	for range li.quantity {
		for _, fam := range f.catalogIndex[li.catalogID].hosts {
			id := f.newAssetID()
			li.hosts = append(li.hosts, plannedAsset{family: fam, id: id, macs: []string{mac(id, 0), mac(id, 1)}})
		}
	}
}

// mac returns a MAC address of the locally administered range, derived
// from an asset ID.
func mac(assetID string, port int) string {
	return fmt.Sprintf("0a:%s:%s:%s:%s:%02x", assetID[0:2], assetID[2:4], assetID[4:6], assetID[6:8], port)
}
