package types_test

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/smithygo/smithygo/generated/outposts/types"
)

// enumType is what every generated enum provides.
type enumType[T any] interface {
	~string
	Values() []T
	IsKnown() bool
}

// enumFuncs exposes one Go enum type through plain strings.
type enumFuncs struct {
	values  func() []string
	isKnown func(string) bool
}

func enumOf[T enumType[T]]() enumFuncs {
	return enumFuncs{
		values: func() []string {
			var zero T
			var out []string
			for _, v := range zero.Values() {
				out = append(out, string(v))
			}
			return out
		},
		isKnown: func(s string) bool { return T(s).IsKnown() },
	}
}

// enums maps the name of every enum shape of the model to its Go type, which
// has the same name.
var enums = map[string]enumFuncs{
	"AWSServiceName":                enumOf[types.AWSServiceName](),
	"AddressType":                   enumOf[types.AddressType](),
	"AssetState":                    enumOf[types.AssetState](),
	"AssetType":                     enumOf[types.AssetType](),
	"CapacityTaskFailureType":       enumOf[types.CapacityTaskFailureType](),
	"CapacityTaskStatus":            enumOf[types.CapacityTaskStatus](),
	"CatalogItemClass":              enumOf[types.CatalogItemClass](),
	"CatalogItemStatus":             enumOf[types.CatalogItemStatus](),
	"ComputeAssetState":             enumOf[types.ComputeAssetState](),
	"FiberOpticCableType":           enumOf[types.FiberOpticCableType](),
	"LineItemStatus":                enumOf[types.LineItemStatus](),
	"MaximumSupportedWeightLbs":     enumOf[types.MaximumSupportedWeightLbs](),
	"OpticalStandard":               enumOf[types.OpticalStandard](),
	"OrderStatus":                   enumOf[types.OrderStatus](),
	"OrderType":                     enumOf[types.OrderType](),
	"PaymentOption":                 enumOf[types.PaymentOption](),
	"PaymentTerm":                   enumOf[types.PaymentTerm](),
	"PowerConnector":                enumOf[types.PowerConnector](),
	"PowerDrawKva":                  enumOf[types.PowerDrawKva](),
	"PowerFeedDrop":                 enumOf[types.PowerFeedDrop](),
	"PowerPhase":                    enumOf[types.PowerPhase](),
	"ResourceType":                  enumOf[types.ResourceType](),
	"ShipmentCarrier":               enumOf[types.ShipmentCarrier](),
	"SupportedHardwareType":         enumOf[types.SupportedHardwareType](),
	"SupportedStorageEnum":          enumOf[types.SupportedStorageEnum](),
	"TaskActionOnBlockingInstances": enumOf[types.TaskActionOnBlockingInstances](),
	"UplinkCount":                   enumOf[types.UplinkCount](),
	"UplinkGbps":                    enumOf[types.UplinkGbps](),
}

func TestCapacityTaskStatusWireValues(t *testing.T) {
	cases := []struct {
		got  types.CapacityTaskStatus
		want string
	}{
		{types.CapacityTaskStatusRequested, "REQUESTED"},
		{types.CapacityTaskStatusInProgress, "IN_PROGRESS"},
		{types.CapacityTaskStatusFailed, "FAILED"},
		{types.CapacityTaskStatusCompleted, "COMPLETED"},
		{types.CapacityTaskStatusWaitingForEvacuation, "WAITING_FOR_EVACUATION"},
		{types.CapacityTaskStatusCancellationInProgress, "CANCELLATION_IN_PROGRESS"},
		{types.CapacityTaskStatusCancelled, "CANCELLED"},
	}
	var want []types.CapacityTaskStatus
	for _, c := range cases {
		if string(c.got) != c.want {
			t.Errorf("constant for %s has the value %q", c.want, c.got)
		}
		if !c.got.IsKnown() {
			t.Errorf("%q.IsKnown() = false, want true", c.got)
		}
		want = append(want, c.got)
	}
	if got := types.CapacityTaskStatus("").Values(); !slices.Equal(got, want) {
		t.Errorf("Values() = %q, want %q", got, want)
	}
	for _, s := range []string{"NOT_A_STATUS", "", "requested", "In_Progress", " FAILED", "FAILED "} {
		if types.CapacityTaskStatus(s).IsKnown() {
			t.Errorf("CapacityTaskStatus(%q).IsKnown() = true, want false", s)
		}
	}
}

// TestEnumValuesMatchModel checks every enum shape of the model against its
// Go type: Values lists exactly the model's enumValue traits, in the model's
// order, and IsKnown accepts exactly those.
func TestEnumValuesMatchModel(t *testing.T) {
	m := model(t)
	ids := m.shapesOfType("enum")
	if len(ids) == 0 {
		t.Fatal("the model has no enum shapes")
	}
	sort.Strings(ids)
	seen := map[string]bool{}
	for _, id := range ids {
		name := shapeName(id)
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			e, ok := enums[name]
			if !ok {
				t.Fatalf("enum shape %s is missing from the test table", id)
			}
			var want []string
			for _, mem := range m.Shapes[id].Members {
				raw, ok := mem.Traits["smithy.api#enumValue"]
				if !ok {
					// Smithy's default enum value is the member name.
					want = append(want, mem.Name)
					continue
				}
				var v string
				if err := json.Unmarshal(raw, &v); err != nil {
					t.Fatalf("member %s: enumValue: %v", mem.Name, err)
				}
				want = append(want, v)
			}
			got := e.values()
			if !slices.Equal(got, want) {
				t.Fatalf("Values() = %q, want the model's %q", got, want)
			}
			for _, v := range want {
				if !e.isKnown(v) {
					t.Errorf("IsKnown(%q) = false, want true", v)
				}
				if l := strings.ToLower(v); l != v && e.isKnown(l) {
					t.Errorf("IsKnown(%q) = true: enum values are case-sensitive", l)
				}
			}
			for _, v := range []string{"", "NOT_A_VALUE", "FUTURE_" + name} {
				if e.isKnown(v) {
					t.Errorf("IsKnown(%q) = true, want false", v)
				}
			}
		})
	}
	for name := range enums {
		if !seen[name] {
			t.Errorf("the test table lists %s, which is not an enum shape of the model", name)
		}
	}
}

func TestEnumValuesReturnsAFreshSlice(t *testing.T) {
	vs := types.CapacityTaskStatus("").Values()
	vs[0] = "CHANGED"
	if got := types.CapacityTaskStatus("").Values()[0]; got != types.CapacityTaskStatusRequested {
		t.Errorf("after changing a returned slice, Values()[0] = %q, want %q", got, types.CapacityTaskStatusRequested)
	}
}

func TestEnumUnknownValueSurvivesJSON(t *testing.T) {
	type doc struct {
		Status  types.CapacityTaskStatus
		Filters []types.CapacityTaskStatus
	}
	in := []byte(`{"Status":"FUTURE_STATUS","Filters":["FAILED","ANOTHER_FUTURE_STATUS"]}`)
	var d doc
	if err := json.Unmarshal(in, &d); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	if d.Status != "FUTURE_STATUS" {
		t.Errorf("Status = %q, want %q", d.Status, "FUTURE_STATUS")
	}
	if d.Status.IsKnown() {
		t.Errorf("%q.IsKnown() = true, want false", d.Status)
	}
	wantFilters := []types.CapacityTaskStatus{types.CapacityTaskStatusFailed, "ANOTHER_FUTURE_STATUS"}
	if !slices.Equal(d.Filters, wantFilters) {
		t.Errorf("Filters = %q, want %q", d.Filters, wantFilters)
	}
	out, err := json.Marshal(d)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	if !strings.Contains(string(out), `"Status":"FUTURE_STATUS"`) || !strings.Contains(string(out), `"ANOTHER_FUTURE_STATUS"`) {
		t.Errorf("Marshal = %s, want the unknown values kept", out)
	}
	var back doc
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatalf("Unmarshal of %s: %v", out, err)
	}
	if back.Status != d.Status || !slices.Equal(back.Filters, d.Filters) {
		t.Errorf("round trip gave %+v, want %+v", back, d)
	}
}
