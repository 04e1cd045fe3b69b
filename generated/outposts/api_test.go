package outposts_test

import (
	"context"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/types"
)

const (
	outpostsPkg = "github.com/smithygo/smithygo/generated/outposts"
	typesPkg    = "github.com/smithygo/smithygo/generated/outposts/types"
)

// serviceOperations returns the names of the service's operations, and the
// operation shapes by name.
func serviceOperations(t *testing.T) ([]string, map[string]*smithyShape) {
	t.Helper()
	m := model(t)
	services := m.shapesOfType("service")
	if len(services) != 1 {
		t.Fatalf("the model has %d services, want 1", len(services))
	}
	ops := map[string]*smithyShape{}
	var names []string
	for _, ref := range m.Shapes[services[0]].Operations {
		s, ok := m.Shapes[ref.Target]
		if !ok || s.Type != "operation" {
			t.Fatalf("service operation %s is not an operation shape of the model", ref.Target)
		}
		name := shapeName(ref.Target)
		names = append(names, name)
		ops[name] = s
	}
	if n := len(m.shapesOfType("operation")); n != len(names) {
		t.Errorf("the model has %d operation shapes but the service lists %d", n, len(names))
	}
	sort.Strings(names)
	return names, ops
}

func TestAPIHasOneMethodPerOperation(t *testing.T) {
	ops, _ := serviceOperations(t)
	api := reflect.TypeFor[outposts.API]()
	if api.NumMethod() != 33 {
		t.Errorf("API has %d methods, want 33", api.NumMethod())
	}
	var methods []string
	for i := range api.NumMethod() {
		methods = append(methods, api.Method(i).Name)
	}
	sort.Strings(methods)
	if !slices.Equal(methods, ops) {
		t.Errorf("API methods %v, want the model's operations %v", methods, ops)
	}
}

func TestAPIMethodSignatures(t *testing.T) {
	api := reflect.TypeFor[outposts.API]()
	ctxType := reflect.TypeFor[context.Context]()
	optsType := reflect.TypeFor[[]func(*outposts.Options)]()
	errType := reflect.TypeFor[error]()
	for i := range api.NumMethod() {
		m := api.Method(i)
		ft := m.Type
		if ft.NumIn() != 3 || ft.NumOut() != 2 || !ft.IsVariadic() {
			t.Errorf("%s has type %v, want func(context.Context, *%sInput, ...func(*Options)) (*%sOutput, error)", m.Name, ft, m.Name, m.Name)
			continue
		}
		if ft.In(0) != ctxType {
			t.Errorf("%s: first parameter is %v, want context.Context", m.Name, ft.In(0))
		}
		checkNamedStructPtr(t, m.Name+" input", ft.In(1), m.Name+"Input")
		if ft.In(2) != optsType {
			t.Errorf("%s: last parameter is %v, want ...func(*outposts.Options)", m.Name, ft.In(2))
		}
		checkNamedStructPtr(t, m.Name+" output", ft.Out(0), m.Name+"Output")
		if ft.Out(1) != errType {
			t.Errorf("%s: second result is %v, want error", m.Name, ft.Out(1))
		}
	}
}

func checkNamedStructPtr(t *testing.T, what string, typ reflect.Type, name string) {
	t.Helper()
	if typ.Kind() != reflect.Pointer || typ.Elem().Kind() != reflect.Struct || typ.Elem().Name() != name || typ.Elem().PkgPath() != outpostsPkg {
		t.Errorf("%s is %v, want *outposts.%s", what, typ, name)
	}
}

// TestInputsHaveValidate checks that every input type has a Validate method.
func TestInputsHaveValidate(t *testing.T) {
	api := reflect.TypeFor[outposts.API]()
	want := reflect.TypeFor[validatable]()
	for i := range api.NumMethod() {
		in := api.Method(i).Type.In(1)
		if !in.Implements(want) {
			t.Errorf("%v has no Validate() error method", in)
		}
	}
}

// goTypeOf is the Go type a member targeting target should have, written
// as reflect.Type.String writes it. hasDefault is whether the member has a
// default value, which makes a scalar a value rather than a pointer.
func goTypeOf(t *testing.T, m *smithyModel, target string, hasDefault, elem bool) string {
	t.Helper()
	s, ok := m.Shapes[target]
	if !ok {
		switch target {
		case "smithy.api#String":
			s = &smithyShape{Type: "string"}
		case "smithy.api#Integer":
			s = &smithyShape{Type: "integer"}
		case "smithy.api#Boolean":
			s = &smithyShape{Type: "boolean"}
		default:
			t.Fatalf("unknown target %s", target)
		}
	}
	scalar := func(goType string) string {
		if hasDefault || elem {
			return goType
		}
		return "*" + goType
	}
	switch s.Type {
	case "string":
		return scalar("string")
	case "enum":
		return "types." + shapeName(target)
	case "integer":
		return scalar("int32")
	case "long":
		return scalar("int64")
	case "float":
		return scalar("float32")
	case "double":
		return scalar("float64")
	case "boolean":
		return scalar("bool")
	case "timestamp":
		return scalar("time.Time")
	case "list":
		return "[]" + goTypeOf(t, m, s.Member.Target, false, true)
	case "map":
		return "map[string]" + goTypeOf(t, m, s.Value.Target, false, true)
	case "structure":
		if elem {
			return "types." + shapeName(target)
		}
		return "*types." + shapeName(target)
	}
	t.Fatalf("target %s has unexpected type %s", target, s.Type)
	return ""
}

// checkStruct compares goType's fields with the members of the model
// structure id, and then does the same for the structures of the types
// package that those fields use.
func checkStruct(t *testing.T, m *smithyModel, goType reflect.Type, id string, seen map[reflect.Type]bool) {
	t.Helper()
	if seen[goType] {
		return
	}
	seen[goType] = true
	s := m.Shapes[id]
	if s == nil || (s.Type != "structure" && s.Type != "union") {
		t.Errorf("%v: %s is not a structure of the model", goType, id)
		return
	}
	if goType.NumField() != len(s.Members) {
		t.Errorf("%v has %d fields, the model's %s has %d members", goType, goType.NumField(), id, len(s.Members))
	}
	for i, mem := range s.Members {
		if i >= goType.NumField() {
			t.Errorf("%v: no field for member %s", goType, mem.Name)
			continue
		}
		f := goType.Field(i)
		if f.Name != mem.Name {
			t.Errorf("%v field %d is %s, want the model's member %s", goType, i, f.Name, mem.Name)
			continue
		}
		_, hasDefault := mem.Traits["smithy.api#default"]
		want := goTypeOf(t, m, mem.Target, hasDefault, false)
		if got := f.Type.String(); got != want {
			t.Errorf("%v.%s has type %s, want %s (target %s)", goType, f.Name, got, want, mem.Target)
		}
		// Follow structures into the types package.
		ft := f.Type
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice || ft.Kind() == reflect.Map {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct && ft.PkgPath() == typesPkg {
			checkStruct(t, m, ft, "com.amazonaws.outposts#"+ft.Name(), seen)
		}
	}
}

// TestInputsAndOutputsMatchModel checks that every input, output and
// structure of the API has exactly the model's members, in order, with Go
// types that follow from their targets.
func TestInputsAndOutputsMatchModel(t *testing.T) {
	m := model(t)
	_, ops := serviceOperations(t)
	api := reflect.TypeFor[outposts.API]()
	seen := map[reflect.Type]bool{}
	for i := range api.NumMethod() {
		meth := api.Method(i)
		op := ops[meth.Name]
		if op == nil {
			continue // reported by TestAPIHasOneMethodPerOperation
		}
		t.Run(meth.Name, func(t *testing.T) {
			if op.Input == nil || op.Output == nil {
				t.Fatalf("operation %s has no input or output in the model", meth.Name)
			}
			checkStruct(t, m, meth.Type.In(1).Elem(), op.Input.Target, seen)
			checkStruct(t, m, meth.Type.Out(0).Elem(), op.Output.Target, seen)
		})
	}
	var structs []string
	for typ := range seen {
		if typ.PkgPath() == typesPkg {
			structs = append(structs, typ.Name())
		}
	}
	sort.Strings(structs)
	t.Logf("checked %d inputs and outputs and %d structures of the types package: %v", 2*api.NumMethod(), len(structs), structs)
}

// TestGetCapacityTaskOutputFields checks the response fields listed on the
// GetCapacityTask API reference page, with the Go types they should have.
func TestGetCapacityTaskOutputFields(t *testing.T) {
	typ := reflect.TypeFor[outposts.GetCapacityTaskOutput]()
	fields := []struct {
		name string
		typ  reflect.Type
	}{
		{"CapacityTaskId", reflect.TypeFor[*string]()},
		{"OutpostId", reflect.TypeFor[*string]()},
		{"OrderId", reflect.TypeFor[*string]()},
		{"AssetId", reflect.TypeFor[*string]()},
		{"RequestedInstancePools", reflect.TypeFor[[]types.InstanceTypeCapacity]()},
		{"InstancesToExclude", reflect.TypeFor[*types.InstancesToExclude]()},
		{"DryRun", reflect.TypeFor[bool]()},
		{"CapacityTaskStatus", reflect.TypeFor[types.CapacityTaskStatus]()},
		{"Failed", reflect.TypeFor[*types.CapacityTaskFailure]()},
		{"CreationDate", reflect.TypeFor[*time.Time]()},
		{"CompletionDate", reflect.TypeFor[*time.Time]()},
		{"LastModifiedDate", reflect.TypeFor[*time.Time]()},
		{"TaskActionOnBlockingInstances", reflect.TypeFor[types.TaskActionOnBlockingInstances]()},
	}
	var names []string
	for _, f := range fields {
		names = append(names, f.name)
		sf, ok := typ.FieldByName(f.name)
		if !ok {
			t.Errorf("GetCapacityTaskOutput has no field %s", f.name)
			continue
		}
		if sf.Type != f.typ {
			t.Errorf("GetCapacityTaskOutput.%s is %v, want %v", f.name, sf.Type, f.typ)
		}
	}
	var got []string
	for i := range typ.NumField() {
		got = append(got, typ.Field(i).Name)
	}
	if !slices.Equal(got, names) {
		t.Errorf("GetCapacityTaskOutput fields are %v, want %v (AssetId after OrderId)", got, names)
	}

	// The fields can hold a response.
	created := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	out := outposts.GetCapacityTaskOutput{
		CapacityTaskId:         ptr(taskID),
		AssetId:                ptr(assetID),
		RequestedInstancePools: []types.InstanceTypeCapacity{{InstanceType: ptr("m5.large"), Count: 2}},
		CapacityTaskStatus:     types.CapacityTaskStatusFailed,
		Failed:                 &types.CapacityTaskFailure{Reason: ptr("not enough capacity"), Type: types.CapacityTaskFailureType("UNSUPPORTED_CAPACITY_CONFIGURATION")},
		CreationDate:           &created,
	}
	if *out.AssetId != assetID || out.DryRun || !out.CreationDate.Equal(created) {
		t.Errorf("unexpected output %+v", out)
	}
}

func TestStartCapacityTaskAssetID(t *testing.T) {
	m := model(t)
	for _, typ := range []reflect.Type{
		reflect.TypeFor[outposts.StartCapacityTaskInput](),
		reflect.TypeFor[outposts.StartCapacityTaskOutput](),
	} {
		f, ok := typ.FieldByName("AssetId")
		if !ok {
			t.Errorf("%v has no AssetId field", typ)
			continue
		}
		if f.Type != reflect.TypeFor[*string]() {
			t.Errorf("%v.AssetId is %v, want *string", typ, f.Type)
		}
		if prev := typ.Field(f.Index[0] - 1); prev.Name != "OrderId" {
			t.Errorf("%v.AssetId follows %s, want OrderId", typ, prev.Name)
		}
	}
	// Optional in the model, so an input without it is valid...
	in := validStartCapacityTask()
	in.AssetId = nil
	checkValid(t, in)
	for _, mem := range m.Shapes["com.amazonaws.outposts#StartCapacityTaskInput"].Members {
		if mem.Name == "AssetId" {
			if _, ok := mem.Traits["smithy.api#required"]; ok {
				t.Error("StartCapacityTaskInput$AssetId is required in the model, want optional")
			}
		}
	}
	// ...but when set it is checked against the AssetId shape.
	in.AssetId = ptr("asset-1")
	checkViolations(t, in, "StartCapacityTaskInput", want{"AssetId", "pattern", "does not match the pattern ^(\\w+)$"})
	in.AssetId = ptr(strings.Repeat("a", 101))
	checkViolations(t, in, "StartCapacityTaskInput", want{"AssetId", "length", "length 101 is above the maximum 100"})
}
