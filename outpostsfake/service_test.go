package outpostsfake

import (
	"context"
	"reflect"
	"testing"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/types"
)

// service is the Service interface the server package will declare: one
// method per operation, with the client's input and output types. Once
// that package exists, `var _ server.Service = (*Fake)(nil)` replaces it.
type service interface {
	CancelCapacityTask(context.Context, *outposts.CancelCapacityTaskInput) (*outposts.CancelCapacityTaskOutput, error)
	CancelOrder(context.Context, *outposts.CancelOrderInput) (*outposts.CancelOrderOutput, error)
	CreateOrder(context.Context, *outposts.CreateOrderInput) (*outposts.CreateOrderOutput, error)
	CreateOutpost(context.Context, *outposts.CreateOutpostInput) (*outposts.CreateOutpostOutput, error)
	CreateSite(context.Context, *outposts.CreateSiteInput) (*outposts.CreateSiteOutput, error)
	DeleteOutpost(context.Context, *outposts.DeleteOutpostInput) (*outposts.DeleteOutpostOutput, error)
	DeleteSite(context.Context, *outposts.DeleteSiteInput) (*outposts.DeleteSiteOutput, error)
	GetCapacityTask(context.Context, *outposts.GetCapacityTaskInput) (*outposts.GetCapacityTaskOutput, error)
	GetCatalogItem(context.Context, *outposts.GetCatalogItemInput) (*outposts.GetCatalogItemOutput, error)
	GetConnection(context.Context, *outposts.GetConnectionInput) (*outposts.GetConnectionOutput, error)
	GetOrder(context.Context, *outposts.GetOrderInput) (*outposts.GetOrderOutput, error)
	GetOutpost(context.Context, *outposts.GetOutpostInput) (*outposts.GetOutpostOutput, error)
	GetOutpostInstanceTypes(context.Context, *outposts.GetOutpostInstanceTypesInput) (*outposts.GetOutpostInstanceTypesOutput, error)
	GetOutpostSupportedInstanceTypes(context.Context, *outposts.GetOutpostSupportedInstanceTypesInput) (*outposts.GetOutpostSupportedInstanceTypesOutput, error)
	GetSite(context.Context, *outposts.GetSiteInput) (*outposts.GetSiteOutput, error)
	GetSiteAddress(context.Context, *outposts.GetSiteAddressInput) (*outposts.GetSiteAddressOutput, error)
	ListAssetInstances(context.Context, *outposts.ListAssetInstancesInput) (*outposts.ListAssetInstancesOutput, error)
	ListAssets(context.Context, *outposts.ListAssetsInput) (*outposts.ListAssetsOutput, error)
	ListBlockingInstancesForCapacityTask(context.Context, *outposts.ListBlockingInstancesForCapacityTaskInput) (*outposts.ListBlockingInstancesForCapacityTaskOutput, error)
	ListCapacityTasks(context.Context, *outposts.ListCapacityTasksInput) (*outposts.ListCapacityTasksOutput, error)
	ListCatalogItems(context.Context, *outposts.ListCatalogItemsInput) (*outposts.ListCatalogItemsOutput, error)
	ListOrders(context.Context, *outposts.ListOrdersInput) (*outposts.ListOrdersOutput, error)
	ListOutposts(context.Context, *outposts.ListOutpostsInput) (*outposts.ListOutpostsOutput, error)
	ListSites(context.Context, *outposts.ListSitesInput) (*outposts.ListSitesOutput, error)
	ListTagsForResource(context.Context, *outposts.ListTagsForResourceInput) (*outposts.ListTagsForResourceOutput, error)
	StartCapacityTask(context.Context, *outposts.StartCapacityTaskInput) (*outposts.StartCapacityTaskOutput, error)
	StartConnection(context.Context, *outposts.StartConnectionInput) (*outposts.StartConnectionOutput, error)
	TagResource(context.Context, *outposts.TagResourceInput) (*outposts.TagResourceOutput, error)
	UntagResource(context.Context, *outposts.UntagResourceInput) (*outposts.UntagResourceOutput, error)
	UpdateOutpost(context.Context, *outposts.UpdateOutpostInput) (*outposts.UpdateOutpostOutput, error)
	UpdateSite(context.Context, *outposts.UpdateSiteInput) (*outposts.UpdateSiteOutput, error)
	UpdateSiteAddress(context.Context, *outposts.UpdateSiteAddressInput) (*outposts.UpdateSiteAddressOutput, error)
	UpdateSiteRackPhysicalProperties(context.Context, *outposts.UpdateSiteRackPhysicalPropertiesInput) (*outposts.UpdateSiteRackPhysicalPropertiesOutput, error)
}

var _ service = (*Fake)(nil)

// TestFakeHasEveryOperation derives the operations from the generated
// client's API interface, so an operation added to the model fails here
// until the fake has it too (and the service interface above with it).
func TestFakeHasEveryOperation(t *testing.T) {
	api := reflect.TypeFor[outposts.API]()
	svc := reflect.TypeFor[service]()
	fake := reflect.TypeFor[*Fake]()
	if api.NumMethod() != 33 || svc.NumMethod() != api.NumMethod() {
		t.Errorf("API has %d methods, service %d; want 33 each", api.NumMethod(), svc.NumMethod())
	}
	for i := range api.NumMethod() {
		m := api.Method(i)
		// API methods are (ctx, in, optFns ...func(*Options)) (out, error).
		want := []reflect.Type{m.Type.In(0), m.Type.In(1)}
		fm, ok := fake.MethodByName(m.Name)
		if !ok {
			t.Errorf("*Fake has no method %s", m.Name)
			continue
		}
		// fm.Type has the receiver first.
		if fm.Type.NumIn() != 3 || fm.Type.In(1) != want[0] || fm.Type.In(2) != want[1] ||
			fm.Type.NumOut() != 2 || fm.Type.Out(0) != m.Type.Out(0) || fm.Type.Out(1) != m.Type.Out(1) {
			t.Errorf("(*Fake).%s is %v; want func(%v, %v) (%v, %v)", m.Name, fm.Type, want[0], want[1], m.Type.Out(0), m.Type.Out(1))
		}
		if _, ok := svc.MethodByName(m.Name); !ok {
			t.Errorf("the service interface has no method %s", m.Name)
		}
	}
}

// TestNilAndEmptyInputs calls every operation with a nil and an empty
// input: each answers with a ValidationException (a required member is
// missing) or a response the model allows, and none panics.
func TestNilAndEmptyInputs(t *testing.T) {
	f := New()
	fv := reflect.ValueOf(f)
	api := reflect.TypeFor[outposts.API]()
	for i := range api.NumMethod() {
		name := api.Method(i).Name
		m := fv.MethodByName(name)
		inType := m.Type().In(1)
		for _, in := range []reflect.Value{reflect.Zero(inType), reflect.New(inType.Elem())} {
			res := m.Call([]reflect.Value{reflect.ValueOf(ctx), in})
			if err, _ := res[1].Interface().(error); err != nil {
				wantErr[*types.ValidationException](t, name, err)
				continue
			}
			checkValue(t, name+"Output", res[0], modelMember{Target: shapes(t)[ns+name].Output.Target})
		}
	}
}
