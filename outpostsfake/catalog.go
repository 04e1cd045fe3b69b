package outpostsfake

import (
	"context"
	"slices"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/types"
)

// GetCatalogItem reads an item of the fixed catalog.
func (f *Fake) GetCatalogItem(ctx context.Context, in *outposts.GetCatalogItemInput) (*outposts.GetCatalogItemOutput, error) {
	if in == nil {
		in = &outposts.GetCatalogItemInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	c := f.catalogIndex[*in.CatalogItemId]
	if c == nil {
		return nil, notFound("Catalog item %s does not exist", *in.CatalogItemId)
	}
	return &outposts.GetCatalogItemOutput{CatalogItem: ptr(c.item())}, nil
}

// ListCatalogItems lists the catalog, keeping the items of the classes in
// ItemClassFilter, with a storage in SupportedStorageFilter and an EC2
// family in EC2FamilyFilter.
func (f *Fake) ListCatalogItems(ctx context.Context, in *outposts.ListCatalogItemsInput) (*outposts.ListCatalogItemsOutput, error) {
	if in == nil {
		in = &outposts.ListCatalogItemsInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	var all []*catalogEntry
	for i := range f.catalog {
		c := &f.catalog[i]
		if matches(in.ItemClassFilter, c.class) &&
			(len(in.SupportedStorageFilter) == 0 || slices.ContainsFunc(c.storage, func(s types.SupportedStorageEnum) bool {
				return slices.Contains(in.SupportedStorageFilter, s)
			})) &&
			(len(in.EC2FamilyFilter) == 0 || slices.ContainsFunc(c.families(), func(fam string) bool {
				return slices.Contains(in.EC2FamilyFilter, fam)
			})) {
			all = append(all, c)
		}
	}
	items, next, err := page(f, pageRequest{
		operation: "ListCatalogItems",
		filters: []string{filterKey("class", in.ItemClassFilter), filterKey("storage", in.SupportedStorageFilter),
			filterKey("family", in.EC2FamilyFilter)},
		token: in.NextToken, max: in.MaxResults,
	}, all, func(c *catalogEntry) uint64 { return c.seq })
	if err != nil {
		return nil, err
	}
	out := &outposts.ListCatalogItemsOutput{NextToken: next}
	for _, c := range items {
		out.CatalogItems = append(out.CatalogItems, c.item())
	}
	return out, nil
}
