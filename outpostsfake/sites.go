package outpostsfake

import (
	"context"
	"maps"
	"slices"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/types"
)

// site is a site's state.
type site struct {
	seq         uint64
	id          string
	name        string
	description *string
	notes       *string
	tags        map[string]string
	operating   *types.Address
	shipping    *types.Address
	rack        *types.RackPhysicalProperties
}

// view is the site as the API shows it; it shares no memory with the state.
func (f *Fake) siteView(s *site) types.Site {
	v := types.Site{
		SiteId:                 ptr(s.id),
		AccountId:              ptr(f.cfg.accountID),
		Name:                   ptr(s.name),
		Description:            clonePtr(s.description),
		Tags:                   cloneTags(s.tags),
		SiteArn:                ptr(f.arn("site", s.id)),
		Notes:                  clonePtr(s.notes),
		RackPhysicalProperties: clonePtr(s.rack),
	}
	if a := s.operating; a != nil {
		v.OperatingAddressCountryCode = clonePtr(a.CountryCode)
		v.OperatingAddressStateOrRegion = clonePtr(a.StateOrRegion)
		v.OperatingAddressCity = clonePtr(a.City)
	}
	return v
}

// findSite returns the site an ID or ARN names, or a NotFoundException.
func (f *Fake) findSite(identifier string) (*site, error) {
	if s := f.sites[f.resolveID(identifier, "site")]; s != nil {
		return s, nil
	}
	return nil, notFound("Site %s does not exist in account %s", identifier, f.cfg.accountID)
}

// CreateSite registers a site. Its operating address sets the site's
// OperatingAddress* fields.
func (f *Fake) CreateSite(ctx context.Context, in *outposts.CreateSiteInput) (*outposts.CreateSiteOutput, error) {
	if in == nil {
		in = &outposts.CreateSiteInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	if len(f.sites) >= f.cfg.quotas.Sites {
		return nil, quotaExceeded("The account already has %d sites, its quota", len(f.sites))
	}
	s := &site{
		seq:         f.nextSeq(),
		id:          f.newID("os-"),
		name:        *in.Name,
		description: clonePtr(in.Description),
		notes:       clonePtr(in.Notes),
		tags:        cloneTags(in.Tags),
		operating:   cloneAddress(in.OperatingAddress),
		shipping:    cloneAddress(in.ShippingAddress),
		rack:        clonePtr(in.RackPhysicalProperties),
	}
	f.sites[s.id] = s
	return &outposts.CreateSiteOutput{Site: ptr(f.siteView(s))}, nil
}

// GetSite reads a site.
func (f *Fake) GetSite(ctx context.Context, in *outposts.GetSiteInput) (*outposts.GetSiteOutput, error) {
	if in == nil {
		in = &outposts.GetSiteInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	s, err := f.findSite(*in.SiteId)
	if err != nil {
		return nil, err
	}
	return &outposts.GetSiteOutput{Site: ptr(f.siteView(s))}, nil
}

// ListSites lists the account's sites in the order they were created,
// keeping those whose operating address matches every filter given (a
// filter matches when any of its values does).
func (f *Fake) ListSites(ctx context.Context, in *outposts.ListSitesInput) (*outposts.ListSitesOutput, error) {
	if in == nil {
		in = &outposts.ListSitesInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	var all []*site
	for _, s := range sortedBySeq(f.sites, func(s *site) uint64 { return s.seq }) {
		var country, region, city string
		if a := s.operating; a != nil {
			country, region, city = deref(a.CountryCode), deref(a.StateOrRegion), deref(a.City)
		}
		if matches(in.OperatingAddressCountryCodeFilter, country) &&
			matches(in.OperatingAddressStateOrRegionFilter, region) &&
			matches(in.OperatingAddressCityFilter, city) {
			all = append(all, s)
		}
	}
	items, next, err := page(f, pageRequest{
		operation: "ListSites",
		filters: []string{
			filterKey("country", in.OperatingAddressCountryCodeFilter),
			filterKey("region", in.OperatingAddressStateOrRegionFilter),
			filterKey("city", in.OperatingAddressCityFilter),
		},
		token: in.NextToken, max: in.MaxResults,
	}, all, func(s *site) uint64 { return s.seq })
	if err != nil {
		return nil, err
	}
	out := &outposts.ListSitesOutput{NextToken: next}
	for _, s := range items {
		out.Sites = append(out.Sites, f.siteView(s))
	}
	return out, nil
}

// UpdateSite changes the name, description or notes of a site; members
// left out keep their values.
func (f *Fake) UpdateSite(ctx context.Context, in *outposts.UpdateSiteInput) (*outposts.UpdateSiteOutput, error) {
	if in == nil {
		in = &outposts.UpdateSiteInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	s, err := f.findSite(*in.SiteId)
	if err != nil {
		return nil, err
	}
	if in.Name != nil {
		s.name = *in.Name
	}
	if in.Description != nil {
		s.description = clonePtr(in.Description)
	}
	if in.Notes != nil {
		s.notes = clonePtr(in.Notes)
	}
	return &outposts.UpdateSiteOutput{Site: ptr(f.siteView(s))}, nil
}

// DeleteSite removes a site. A site that still has Outposts cannot be
// deleted: that is a ConflictException naming one of them.
func (f *Fake) DeleteSite(ctx context.Context, in *outposts.DeleteSiteInput) (*outposts.DeleteSiteOutput, error) {
	if in == nil {
		in = &outposts.DeleteSiteInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	s, err := f.findSite(*in.SiteId)
	if err != nil {
		return nil, err
	}
	for _, o := range sortedBySeq(f.outposts, func(o *outpost) uint64 { return o.seq }) {
		if o.siteID == s.id {
			return nil, conflict(types.ResourceTypeOutpost, o.id, "Site %s still has Outpost %s; delete its Outposts first", s.id, o.id)
		}
	}
	delete(f.sites, s.id)
	return &outposts.DeleteSiteOutput{}, nil
}

// GetSiteAddress reads the operating or shipping address of a site; a
// site without that address is a NotFoundException.
func (f *Fake) GetSiteAddress(ctx context.Context, in *outposts.GetSiteAddressInput) (*outposts.GetSiteAddressOutput, error) {
	if in == nil {
		in = &outposts.GetSiteAddressInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	s, err := f.findSite(*in.SiteId)
	if err != nil {
		return nil, err
	}
	a := s.address(in.AddressType)
	if *a == nil {
		return nil, notFound("Site %s has no %s", s.id, in.AddressType)
	}
	return &outposts.GetSiteAddressOutput{SiteId: ptr(s.id), AddressType: in.AddressType, Address: cloneAddress(*a)}, nil
}

// UpdateSiteAddress replaces the operating or shipping address of a site.
// While an order for one of the site's Outposts is in progress the address
// cannot change: that is a ConflictException naming the order.
func (f *Fake) UpdateSiteAddress(ctx context.Context, in *outposts.UpdateSiteAddressInput) (*outposts.UpdateSiteAddressOutput, error) {
	if in == nil {
		in = &outposts.UpdateSiteAddressInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	s, err := f.findSite(*in.SiteId)
	if err != nil {
		return nil, err
	}
	if o := f.activeOrderAtSite(s.id); o != nil {
		return nil, conflict(types.ResourceTypeOrder, o.id, "Order %s for this site is in progress; wait for it to complete or cancel it", o.id)
	}
	*s.address(in.AddressType) = cloneAddress(in.Address)
	return &outposts.UpdateSiteAddressOutput{AddressType: in.AddressType, Address: cloneAddress(in.Address)}, nil
}

// UpdateSiteRackPhysicalProperties changes the rack properties recorded for
// a site; properties left out keep their values. Like UpdateSiteAddress, it
// is a ConflictException while an order for the site is in progress.
func (f *Fake) UpdateSiteRackPhysicalProperties(ctx context.Context, in *outposts.UpdateSiteRackPhysicalPropertiesInput) (*outposts.UpdateSiteRackPhysicalPropertiesOutput, error) {
	if in == nil {
		in = &outposts.UpdateSiteRackPhysicalPropertiesInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	s, err := f.findSite(*in.SiteId)
	if err != nil {
		return nil, err
	}
	if o := f.activeOrderAtSite(s.id); o != nil {
		return nil, conflict(types.ResourceTypeOrder, o.id, "Order %s for this site is in progress; wait for it to complete or cancel it", o.id)
	}
	r := types.RackPhysicalProperties{}
	if s.rack != nil {
		r = *s.rack
	}
	set(&r.PowerDrawKva, in.PowerDrawKva)
	set(&r.PowerPhase, in.PowerPhase)
	set(&r.PowerConnector, in.PowerConnector)
	set(&r.PowerFeedDrop, in.PowerFeedDrop)
	set(&r.UplinkGbps, in.UplinkGbps)
	set(&r.UplinkCount, in.UplinkCount)
	set(&r.FiberOpticCableType, in.FiberOpticCableType)
	set(&r.OpticalStandard, in.OpticalStandard)
	set(&r.MaximumSupportedWeightLbs, in.MaximumSupportedWeightLbs)
	s.rack = &r
	return &outposts.UpdateSiteRackPhysicalPropertiesOutput{Site: ptr(f.siteView(s))}, nil
}

// address returns where the site keeps the address of the given type.
func (s *site) address(t types.AddressType) **types.Address {
	if t == types.AddressTypeShippingAddress {
		return &s.shipping
	}
	return &s.operating
}

// set stores v in *dst unless v is the zero value (a member left out).
func set[T comparable](dst *T, v T) {
	var zero T
	if v != zero {
		*dst = v
	}
}

// Helpers shared by the operations.

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func cloneAddress(a *types.Address) *types.Address {
	if a == nil {
		return nil
	}
	return &types.Address{
		ContactName:        clonePtr(a.ContactName),
		ContactPhoneNumber: clonePtr(a.ContactPhoneNumber),
		AddressLine1:       clonePtr(a.AddressLine1),
		AddressLine2:       clonePtr(a.AddressLine2),
		AddressLine3:       clonePtr(a.AddressLine3),
		City:               clonePtr(a.City),
		StateOrRegion:      clonePtr(a.StateOrRegion),
		DistrictOrCounty:   clonePtr(a.DistrictOrCounty),
		PostalCode:         clonePtr(a.PostalCode),
		CountryCode:        clonePtr(a.CountryCode),
		Municipality:       clonePtr(a.Municipality),
	}
}

// cloneTags copies a tag map; no tags is nil, because the model's TagMap
// has at least one entry when present.
func cloneTags(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	return maps.Clone(m)
}

// matches reports whether v passes a list filter: an empty filter passes
// everything, else v must be one of its values.
func matches[S ~string](filter []S, v S) bool {
	return len(filter) == 0 || slices.Contains(filter, v)
}

// sortedBySeq returns the values of m in the order of their sequence
// numbers, which is the order they were made in.
func sortedBySeq[K comparable, V any](m map[K]V, seq func(V) uint64) []V {
	vs := slices.Collect(maps.Values(m))
	slices.SortFunc(vs, func(a, b V) int {
		switch x, y := seq(a), seq(b); {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	})
	return vs
}
