package outpostsfake

import (
	"context"
	"testing"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/server"
)

// overHTTP is a server.Service that makes each call through the generated
// client, over a real loopback socket, to the generated handler serving a
// Fake: the end-to-end path of a program testing against Fake.Server.
type overHTTP struct{ c *outposts.Client }

var _ server.Service = overHTTP{}

// viaHTTP serves f with Fake.Server for the duration of the test and
// returns a Service that reaches it through the client. The client checks
// nothing before sending (ValidateNone), so that the handler's validation
// is what answers, and retries nothing, so that each error comes back as
// the service sent it.
func viaHTTP(t *testing.T, f *Fake) overHTTP {
	t.Helper()
	srv := f.Server()
	t.Cleanup(srv.Close)
	return overHTTP{outposts.New(outposts.Options{
		Region:           "us-west-2",
		BaseEndpoint:     srv.URL,
		Credentials:      outposts.StaticCredentials("AKIDEXAMPLE", "secret", ""),
		RetryMaxAttempts: 1,
		Validation:       outposts.ValidateNone,
	})}
}

// bothWays runs story twice, as subtests: against a new Fake directly
// ("direct") and through the client and the HTTP handler ("http").
func bothWays(t *testing.T, newFake func() *Fake, story func(t *testing.T, f *Fake, api server.Service)) {
	t.Run("direct", func(t *testing.T) {
		f := newFake()
		story(t, f, f)
	})
	t.Run("http", func(t *testing.T) {
		f := newFake()
		story(t, f, viaHTTP(t, f))
	})
}

func (s overHTTP) CancelCapacityTask(ctx context.Context, in *outposts.CancelCapacityTaskInput) (*outposts.CancelCapacityTaskOutput, error) {
	return s.c.CancelCapacityTask(ctx, in)
}

func (s overHTTP) CancelOrder(ctx context.Context, in *outposts.CancelOrderInput) (*outposts.CancelOrderOutput, error) {
	return s.c.CancelOrder(ctx, in)
}

func (s overHTTP) CreateOrder(ctx context.Context, in *outposts.CreateOrderInput) (*outposts.CreateOrderOutput, error) {
	return s.c.CreateOrder(ctx, in)
}

func (s overHTTP) CreateOutpost(ctx context.Context, in *outposts.CreateOutpostInput) (*outposts.CreateOutpostOutput, error) {
	return s.c.CreateOutpost(ctx, in)
}

func (s overHTTP) CreateSite(ctx context.Context, in *outposts.CreateSiteInput) (*outposts.CreateSiteOutput, error) {
	return s.c.CreateSite(ctx, in)
}

func (s overHTTP) DeleteOutpost(ctx context.Context, in *outposts.DeleteOutpostInput) (*outposts.DeleteOutpostOutput, error) {
	return s.c.DeleteOutpost(ctx, in)
}

func (s overHTTP) DeleteSite(ctx context.Context, in *outposts.DeleteSiteInput) (*outposts.DeleteSiteOutput, error) {
	return s.c.DeleteSite(ctx, in)
}

func (s overHTTP) GetCapacityTask(ctx context.Context, in *outposts.GetCapacityTaskInput) (*outposts.GetCapacityTaskOutput, error) {
	return s.c.GetCapacityTask(ctx, in)
}

func (s overHTTP) GetCatalogItem(ctx context.Context, in *outposts.GetCatalogItemInput) (*outposts.GetCatalogItemOutput, error) {
	return s.c.GetCatalogItem(ctx, in)
}

func (s overHTTP) GetConnection(ctx context.Context, in *outposts.GetConnectionInput) (*outposts.GetConnectionOutput, error) {
	return s.c.GetConnection(ctx, in)
}

func (s overHTTP) GetOrder(ctx context.Context, in *outposts.GetOrderInput) (*outposts.GetOrderOutput, error) {
	return s.c.GetOrder(ctx, in)
}

func (s overHTTP) GetOutpost(ctx context.Context, in *outposts.GetOutpostInput) (*outposts.GetOutpostOutput, error) {
	return s.c.GetOutpost(ctx, in)
}

func (s overHTTP) GetOutpostInstanceTypes(ctx context.Context, in *outposts.GetOutpostInstanceTypesInput) (*outposts.GetOutpostInstanceTypesOutput, error) {
	return s.c.GetOutpostInstanceTypes(ctx, in)
}

func (s overHTTP) GetOutpostSupportedInstanceTypes(ctx context.Context, in *outposts.GetOutpostSupportedInstanceTypesInput) (*outposts.GetOutpostSupportedInstanceTypesOutput, error) {
	return s.c.GetOutpostSupportedInstanceTypes(ctx, in)
}

func (s overHTTP) GetSite(ctx context.Context, in *outposts.GetSiteInput) (*outposts.GetSiteOutput, error) {
	return s.c.GetSite(ctx, in)
}

func (s overHTTP) GetSiteAddress(ctx context.Context, in *outposts.GetSiteAddressInput) (*outposts.GetSiteAddressOutput, error) {
	return s.c.GetSiteAddress(ctx, in)
}

func (s overHTTP) ListAssetInstances(ctx context.Context, in *outposts.ListAssetInstancesInput) (*outposts.ListAssetInstancesOutput, error) {
	return s.c.ListAssetInstances(ctx, in)
}

func (s overHTTP) ListAssets(ctx context.Context, in *outposts.ListAssetsInput) (*outposts.ListAssetsOutput, error) {
	return s.c.ListAssets(ctx, in)
}

func (s overHTTP) ListBlockingInstancesForCapacityTask(ctx context.Context, in *outposts.ListBlockingInstancesForCapacityTaskInput) (*outposts.ListBlockingInstancesForCapacityTaskOutput, error) {
	return s.c.ListBlockingInstancesForCapacityTask(ctx, in)
}

func (s overHTTP) ListCapacityTasks(ctx context.Context, in *outposts.ListCapacityTasksInput) (*outposts.ListCapacityTasksOutput, error) {
	return s.c.ListCapacityTasks(ctx, in)
}

func (s overHTTP) ListCatalogItems(ctx context.Context, in *outposts.ListCatalogItemsInput) (*outposts.ListCatalogItemsOutput, error) {
	return s.c.ListCatalogItems(ctx, in)
}

func (s overHTTP) ListOrders(ctx context.Context, in *outposts.ListOrdersInput) (*outposts.ListOrdersOutput, error) {
	return s.c.ListOrders(ctx, in)
}

func (s overHTTP) ListOutposts(ctx context.Context, in *outposts.ListOutpostsInput) (*outposts.ListOutpostsOutput, error) {
	return s.c.ListOutposts(ctx, in)
}

func (s overHTTP) ListSites(ctx context.Context, in *outposts.ListSitesInput) (*outposts.ListSitesOutput, error) {
	return s.c.ListSites(ctx, in)
}

func (s overHTTP) ListTagsForResource(ctx context.Context, in *outposts.ListTagsForResourceInput) (*outposts.ListTagsForResourceOutput, error) {
	return s.c.ListTagsForResource(ctx, in)
}

func (s overHTTP) StartCapacityTask(ctx context.Context, in *outposts.StartCapacityTaskInput) (*outposts.StartCapacityTaskOutput, error) {
	return s.c.StartCapacityTask(ctx, in)
}

func (s overHTTP) StartConnection(ctx context.Context, in *outposts.StartConnectionInput) (*outposts.StartConnectionOutput, error) {
	return s.c.StartConnection(ctx, in)
}

func (s overHTTP) TagResource(ctx context.Context, in *outposts.TagResourceInput) (*outposts.TagResourceOutput, error) {
	return s.c.TagResource(ctx, in)
}

func (s overHTTP) UntagResource(ctx context.Context, in *outposts.UntagResourceInput) (*outposts.UntagResourceOutput, error) {
	return s.c.UntagResource(ctx, in)
}

func (s overHTTP) UpdateOutpost(ctx context.Context, in *outposts.UpdateOutpostInput) (*outposts.UpdateOutpostOutput, error) {
	return s.c.UpdateOutpost(ctx, in)
}

func (s overHTTP) UpdateSite(ctx context.Context, in *outposts.UpdateSiteInput) (*outposts.UpdateSiteOutput, error) {
	return s.c.UpdateSite(ctx, in)
}

func (s overHTTP) UpdateSiteAddress(ctx context.Context, in *outposts.UpdateSiteAddressInput) (*outposts.UpdateSiteAddressOutput, error) {
	return s.c.UpdateSiteAddress(ctx, in)
}

func (s overHTTP) UpdateSiteRackPhysicalProperties(ctx context.Context, in *outposts.UpdateSiteRackPhysicalPropertiesInput) (*outposts.UpdateSiteRackPhysicalPropertiesOutput, error) {
	return s.c.UpdateSiteRackPhysicalProperties(ctx, in)
}
