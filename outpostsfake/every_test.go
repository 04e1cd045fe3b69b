package outpostsfake

import (
	"maps"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/server"
	"github.com/smithygo/smithygo/generated/outposts/types"
)

// TestEveryOperation calls every operation successfully at least once, in
// one story, and checks that the state each call leaves is what the next
// one sees.
func TestEveryOperation(t *testing.T) {
	bothWays(t, func() *Fake { return New() }, func(t *testing.T, f *Fake, api server.Service) {

		// Sites.
		s := newSite(t, api)
		other := must(api.CreateSite(ctx, &outposts.CreateSiteInput{Name: ptr("Berlin"), OperatingAddress: &types.Address{
			AddressLine1: ptr("Unter den Linden 1"), City: ptr("Berlin"), StateOrRegion: ptr("BE"), PostalCode: ptr("10117"), CountryCode: ptr("DE"),
		}}))(t).Site
		got := must(api.GetSite(ctx, &outposts.GetSiteInput{SiteId: s.SiteArn}))(t).Site
		if *got.SiteId != *s.SiteId || *got.OperatingAddressCity != "Seattle" || *got.AccountId != DefaultAccountID {
			t.Errorf("GetSite = %+v", got)
		}
		de := must(api.ListSites(ctx, &outposts.ListSitesInput{OperatingAddressCountryCodeFilter: []string{"DE"}}))(t).Sites
		if len(de) != 1 || *de[0].SiteId != *other.SiteId {
			t.Errorf("ListSites in DE = %+v", de)
		}
		upd := must(api.UpdateSite(ctx, &outposts.UpdateSiteInput{SiteId: s.SiteId, Notes: ptr("New dock")}))(t).Site
		if *upd.Notes != "New dock" || *upd.Name != "Seattle lab" {
			t.Errorf("UpdateSite = %+v", upd)
		}
		must(api.UpdateSiteAddress(ctx, &outposts.UpdateSiteAddressInput{SiteId: s.SiteId, AddressType: types.AddressTypeShippingAddress, Address: address("Tacoma")}))(t)
		ship := must(api.GetSiteAddress(ctx, &outposts.GetSiteAddressInput{SiteId: s.SiteId, AddressType: types.AddressTypeShippingAddress}))(t)
		if *ship.Address.City != "Tacoma" || *ship.SiteId != *s.SiteId || ship.AddressType != types.AddressTypeShippingAddress {
			t.Errorf("GetSiteAddress = %+v", ship)
		}
		rack := must(api.UpdateSiteRackPhysicalProperties(ctx, &outposts.UpdateSiteRackPhysicalPropertiesInput{
			SiteId: s.SiteId, MaximumSupportedWeightLbs: types.MaximumSupportedWeightLbsMax2000Lbs,
		}))(t).Site.RackPhysicalProperties
		if rack.MaximumSupportedWeightLbs != types.MaximumSupportedWeightLbsMax2000Lbs || rack.PowerDrawKva != types.PowerDrawKvaPower10Kva {
			t.Errorf("rack properties = %+v (the update keeps what it does not name)", rack)
		}

		// Outposts.
		op := must(api.CreateOutpost(ctx, &outposts.CreateOutpostInput{
			Name: ptr("rack 1"), Description: ptr(""), SiteId: s.SiteArn, AvailabilityZone: ptr("us-west-2b"),
			Tags: map[string]string{"env": "test"},
		}))(t).Outpost
		if *op.LifeCycleStatus != "ACTIVE" || op.SupportedHardwareType != types.SupportedHardwareTypeRack || *op.SiteId != *s.SiteId || *op.AvailabilityZoneId != "usw2-az2" {
			t.Errorf("CreateOutpost = %+v", op)
		}
		srv := must(api.CreateOutpost(ctx, &outposts.CreateOutpostInput{Name: ptr("server"), SiteId: other.SiteId, SupportedHardwareType: types.SupportedHardwareTypeServer}))(t).Outpost
		if n := len(must(api.ListOutposts(ctx, &outposts.ListOutpostsInput{AvailabilityZoneIdFilter: []string{"usw2-az2"}}))(t).Outposts); n != 1 {
			t.Errorf("ListOutposts in usw2-az2: %d, want 1", n)
		}
		renamed := must(api.UpdateOutpost(ctx, &outposts.UpdateOutpostInput{OutpostId: op.OutpostArn, Name: ptr("rack one")}))(t).Outpost
		if *renamed.Name != "rack one" || *must(api.GetOutpost(ctx, &outposts.GetOutpostInput{OutpostId: op.OutpostId}))(t).Outpost.Name != "rack one" {
			t.Errorf("UpdateOutpost did not rename")
		}
		it := must(api.GetOutpostInstanceTypes(ctx, &outposts.GetOutpostInstanceTypesInput{OutpostId: op.OutpostArn, MaxResults: ptr(int32(3))}))(t)
		if len(it.InstanceTypes) != 3 || it.NextToken == nil || *it.OutpostArn != *op.OutpostArn {
			t.Errorf("GetOutpostInstanceTypes page = %+v", it)
		}
		sup := must(api.GetOutpostSupportedInstanceTypes(ctx, &outposts.GetOutpostSupportedInstanceTypesInput{OutpostIdentifier: srv.OutpostId}))(t).InstanceTypes
		if len(sup) != 6 || *sup[5].InstanceType != "c6id.16xlarge" || *sup[5].VCPUs != 64 {
			t.Errorf("supported types of the server = %+v", sup)
		}

		// Assets, instances, connections.
		assets := must(api.ListAssets(ctx, &outposts.ListAssetsInput{OutpostIdentifier: op.OutpostId, StatusFilter: []types.AssetState{types.AssetStateActive}}))(t).Assets
		if len(assets) != 2 || *assets[0].RackId != *assets[1].RackId || *assets[0].ComputeAttributes.MaxVcpus != 96 {
			t.Errorf("ListAssets = %+v", assets)
		}
		byHost := must(api.ListAssets(ctx, &outposts.ListAssetsInput{OutpostIdentifier: op.OutpostId, HostIdFilter: []string{*assets[1].ComputeAttributes.HostId}}))(t).Assets
		if len(byHost) != 1 || *byHost[0].AssetId != *assets[1].AssetId {
			t.Errorf("ListAssets by host = %+v", byHost)
		}
		rds := must(api.ListAssetInstances(ctx, &outposts.ListAssetInstancesInput{
			OutpostIdentifier: op.OutpostId, AwsServiceFilter: []types.AWSServiceName{types.AWSServiceNameRds}, AssetIdFilter: []string{*assets[0].AssetId},
		}))(t).AssetInstances
		if len(rds) != 1 || *rds[0].InstanceType != "m5.4xlarge" || *rds[0].AssetId != *assets[0].AssetId {
			t.Errorf("RDS instances on asset 0 = %+v", rds)
		}
		srvAsset := must(api.ListAssets(ctx, &outposts.ListAssetsInput{OutpostIdentifier: srv.OutpostId}))(t).Assets[0]
		conn := must(api.StartConnection(ctx, &outposts.StartConnectionInput{AssetId: srvAsset.AssetId, ClientPublicKey: ptr(key), NetworkInterfaceDeviceIndex: 1}))(t)
		details := must(api.GetConnection(ctx, &outposts.GetConnectionInput{ConnectionId: conn.ConnectionId}))(t)
		if *details.ConnectionDetails.ClientPublicKey != key || *details.ConnectionId != *conn.ConnectionId {
			t.Errorf("GetConnection = %+v", details)
		}

		// Catalog and orders.
		servers := must(api.ListCatalogItems(ctx, &outposts.ListCatalogItemsInput{ItemClassFilter: []types.CatalogItemClass{types.CatalogItemClassServer}}))(t).CatalogItems
		withS3 := must(api.ListCatalogItems(ctx, &outposts.ListCatalogItemsInput{SupportedStorageFilter: []types.SupportedStorageEnum{types.SupportedStorageEnumS3}, EC2FamilyFilter: []string{"r5"}}))(t).CatalogItems
		if len(servers) != 2 || len(withS3) != 2 {
			t.Errorf("%d server items, %d items with S3 and r5; want 2 and 2", len(servers), len(withS3))
		}
		item := must(api.GetCatalogItem(ctx, &outposts.GetCatalogItemInput{CatalogItemId: servers[0].CatalogItemId}))(t).CatalogItem
		if !reflect.DeepEqual(item, &servers[0]) {
			t.Errorf("GetCatalogItem = %+v, ListCatalogItems had %+v", item, servers[0])
		}
		ord := must(api.CreateOrder(ctx, &outposts.CreateOrderInput{
			OutpostIdentifier: srv.OutpostArn, LineItems: []types.LineItemRequest{{CatalogItemId: item.CatalogItemId, Quantity: ptr(int32(2))}},
			PaymentOption: types.PaymentOptionPartialUpfront, PaymentTerm: types.PaymentTermFiveYears,
		}))(t).Order
		if *must(api.GetOrder(ctx, &outposts.GetOrderInput{OrderId: ord.OrderId}))(t).Order.OrderId != *ord.OrderId {
			t.Error("GetOrder returned another order")
		}
		if n := len(must(api.ListOrders(ctx, &outposts.ListOrdersInput{}))(t).Orders); n != 1 {
			t.Errorf("ListOrders: %d orders, want 1", n)
		}
		must(api.CancelOrder(ctx, &outposts.CancelOrderInput{OrderId: ord.OrderId}))(t)

		// Tags, on an Outpost and a site.
		must(api.TagResource(ctx, &outposts.TagResourceInput{ResourceArn: op.OutpostArn, Tags: map[string]string{"owner": "ops", "env": "prod"}}))(t)
		must(api.UntagResource(ctx, &outposts.UntagResourceInput{ResourceArn: op.OutpostArn, TagKeys: []string{"owner", "absent"}}))(t)
		tags := must(api.ListTagsForResource(ctx, &outposts.ListTagsForResourceInput{ResourceArn: op.OutpostArn}))(t).Tags
		if !maps.Equal(tags, map[string]string{"env": "prod"}) {
			t.Errorf("Outpost tags = %v", tags)
		}
		if got := must(api.GetOutpost(ctx, &outposts.GetOutpostInput{OutpostId: op.OutpostId}))(t).Outpost.Tags; !maps.Equal(got, tags) {
			t.Errorf("GetOutpost tags %v differ from ListTagsForResource %v", got, tags)
		}
		must(api.UntagResource(ctx, &outposts.UntagResourceInput{ResourceArn: s.SiteArn, TagKeys: []string{"team"}}))(t)
		if tags := must(api.ListTagsForResource(ctx, &outposts.ListTagsForResourceInput{ResourceArn: s.SiteArn}))(t).Tags; tags != nil {
			t.Errorf("site tags after removing the only one = %v, want nil", tags)
		}

		// Capacity tasks.
		task := startTask(t, api, *op.OutpostId, &outposts.StartCapacityTaskInput{InstancePools: shrinking})
		f.Advance(4 * time.Second)
		wantStatus(t, taskStatus(t, api, *op.OutpostId, *task.CapacityTaskId), types.CapacityTaskStatusWaitingForEvacuation)
		if n := len(must(api.ListBlockingInstancesForCapacityTask(ctx, &outposts.ListBlockingInstancesForCapacityTaskInput{OutpostIdentifier: op.OutpostArn, CapacityTaskId: task.CapacityTaskId}))(t).BlockingInstances); n != 2 {
			t.Errorf("%d blocking instances, want 2", n)
		}
		waiting := must(api.ListCapacityTasks(ctx, &outposts.ListCapacityTasksInput{CapacityTaskStatusFilter: []types.CapacityTaskStatus{types.CapacityTaskStatusWaitingForEvacuation}}))(t).CapacityTasks
		if len(waiting) != 1 || *waiting[0].CapacityTaskId != *task.CapacityTaskId {
			t.Errorf("ListCapacityTasks WAITING_FOR_EVACUATION = %+v", waiting)
		}
		must(api.CancelCapacityTask(ctx, &outposts.CancelCapacityTaskInput{OutpostIdentifier: op.OutpostId, CapacityTaskId: task.CapacityTaskId}))(t)
		f.Advance(2 * time.Second)

		// Deletes.
		must(api.DeleteOutpost(ctx, &outposts.DeleteOutpostInput{OutpostId: op.OutpostId}))(t)
		if _, err := api.GetCapacityTask(ctx, &outposts.GetCapacityTaskInput{OutpostIdentifier: op.OutpostId, CapacityTaskId: task.CapacityTaskId}); err == nil {
			t.Error("a deleted Outpost's task is still there")
		}
		must(api.DeleteOutpost(ctx, &outposts.DeleteOutpostInput{OutpostId: srv.OutpostId}))(t)
		must(api.DeleteSite(ctx, &outposts.DeleteSiteInput{SiteId: s.SiteId}))(t)
		if n := len(must(api.ListSites(ctx, nil))(t).Sites); n != 1 {
			t.Errorf("%d sites left, want 1", n)
		}

		// Every operation of the API answered at least once.
		done, _ := called.Load(t.Name())
		var missing []string
		apiType := reflect.TypeFor[outposts.API]()
		for i := range apiType.NumMethod() {
			if _, ok := done.(*sync.Map).Load(apiType.Method(i).Name); !ok {
				missing = append(missing, apiType.Method(i).Name)
			}
		}
		if len(missing) > 0 {
			slices.Sort(missing)
			t.Errorf("operations never called successfully: %v", missing)
		}
	})
}
