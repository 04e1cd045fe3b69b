package outpostsfake

import (
	"reflect"
	"testing"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/server"
	"github.com/smithygo/smithygo/generated/outposts/types"
)

// TestFakeHasEveryOperation derives the operations from the generated
// client's API interface, so an operation added to the model fails here
// until the fake has it too (and the generated server.Service with it).
func TestFakeHasEveryOperation(t *testing.T) {
	api := reflect.TypeFor[outposts.API]()
	svc := reflect.TypeFor[server.Service]()
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
