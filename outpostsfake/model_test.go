package outpostsfake

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/types"
	"github.com/smithygo/smithygo/runtime/ecmaregex"
)

// The tests check every response and every error of the fake against the
// constraints of the model (required members, lengths, ranges, patterns,
// enum values), and every error against the errors its operation lists:
// the generated package validates inputs only, so this is the output side.

const modelPath = "../model/outposts.json"

type modelShape struct {
	Type    string                     `json:"type"`
	Members map[string]modelMember     `json:"members"`
	Member  *modelMember               `json:"member"`
	Key     *modelMember               `json:"key"`
	Value   *modelMember               `json:"value"`
	Traits  map[string]json.RawMessage `json:"traits"`
	Output  *modelMember               `json:"output"`
	Errors  []modelMember              `json:"errors"`
}

type modelMember struct {
	Target string                     `json:"target"`
	Traits map[string]json.RawMessage `json:"traits"`
}

const ns = "com.amazonaws.outposts#"

var loadModel = sync.OnceValues(func() (map[string]*modelShape, error) {
	data, err := os.ReadFile(modelPath)
	if err != nil {
		return nil, err
	}
	var m struct {
		Shapes map[string]*modelShape `json:"shapes"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	return m.Shapes, nil
})

func shapes(t testing.TB) map[string]*modelShape {
	t.Helper()
	s, err := loadModel()
	if err != nil {
		t.Fatalf("reading %s: %v", modelPath, err)
	}
	return s
}

var patterns sync.Map // pattern -> *ecmaregex.Regexp

func compiled(t testing.TB, p string) *ecmaregex.Regexp {
	if re, ok := patterns.Load(p); ok {
		return re.(*ecmaregex.Regexp)
	}
	re, err := ecmaregex.Compile(p)
	if err != nil {
		t.Fatalf("pattern %s: %v", p, err)
	}
	patterns.Store(p, re)
	return re
}

// trait returns a trait of the member, else of its target.
func trait(m modelMember, target *modelShape, name string) json.RawMessage {
	if v, ok := m.Traits[name]; ok {
		return v
	}
	return target.Traits[name]
}

type bounds struct {
	Min *float64 `json:"min"`
	Max *float64 `json:"max"`
}

// checkValue checks v against the member m and its target shape, adding a
// failure for each broken constraint.
func checkValue(t testing.TB, path string, v reflect.Value, m modelMember) {
	t.Helper()
	all := shapes(t)
	target := all[m.Target]
	if target == nil {
		if strings.HasPrefix(m.Target, "smithy.api#") {
			return // a prelude shape: no constraints
		}
		t.Fatalf("%s: unknown target %s", path, m.Target)
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			if trait(m, target, "smithy.api#required") != nil {
				t.Errorf("%s: required, but nil", path)
			}
			return
		}
		v = v.Elem()
	}
	var b bounds
	switch target.Type {
	case "structure":
		for i := range v.NumField() {
			name := v.Type().Field(i).Name
			mem, ok := target.Members[name]
			if !ok {
				t.Fatalf("%s: field %s is no member of %s", path, name, m.Target)
			}
			checkValue(t, path+"."+name, v.Field(i), mem)
		}
		return
	case "list":
		if v.IsNil() {
			if trait(m, target, "smithy.api#required") != nil {
				t.Errorf("%s: required, but nil", path)
			}
			return
		}
		checkLength(t, path, v.Len(), trait(m, target, "smithy.api#length"))
		for i := range v.Len() {
			checkValue(t, fmt.Sprintf("%s[%d]", path, i), v.Index(i), *target.Member)
		}
		return
	case "map":
		if v.IsNil() {
			if trait(m, target, "smithy.api#required") != nil {
				t.Errorf("%s: required, but nil", path)
			}
			return
		}
		checkLength(t, path, v.Len(), trait(m, target, "smithy.api#length"))
		for _, k := range v.MapKeys() {
			checkValue(t, path+"{key "+k.String()+"}", k, *target.Key)
			checkValue(t, path+"["+k.String()+"]", v.MapIndex(k), *target.Value)
		}
		return
	case "enum":
		s := v.String()
		if s == "" {
			if trait(m, target, "smithy.api#required") != nil {
				t.Errorf("%s: required enum, but empty", path)
			}
			return
		}
		var values []string
		for _, mem := range target.Members {
			var ev string
			if err := json.Unmarshal(mem.Traits["smithy.api#enumValue"], &ev); err != nil {
				t.Fatalf("%s: enum value: %v", m.Target, err)
			}
			values = append(values, ev)
		}
		if !slices.Contains(values, s) {
			t.Errorf("%s: %q is not a value of enum %s", path, s, m.Target)
		}
		return
	case "string":
		s := v.String()
		checkLength(t, path, utf8.RuneCountInString(s), trait(m, target, "smithy.api#length"))
		if raw := trait(m, target, "smithy.api#pattern"); raw != nil {
			var p string
			if err := json.Unmarshal(raw, &p); err != nil {
				t.Fatal(err)
			}
			if !compiled(t, p).MatchString(s) {
				t.Errorf("%s: %q does not match %s", path, s, p)
			}
		}
		return
	case "integer", "long", "short", "byte", "float", "double":
		if raw := trait(m, target, "smithy.api#range"); raw != nil {
			if err := json.Unmarshal(raw, &b); err != nil {
				t.Fatal(err)
			}
			var x float64
			if v.CanInt() {
				x = float64(v.Int())
			} else {
				x = v.Float()
			}
			if b.Min != nil && x < *b.Min || b.Max != nil && x > *b.Max || math.IsNaN(x) {
				t.Errorf("%s: %v is outside the model's range %s", path, x, compact(raw))
			}
		}
		return
	case "timestamp", "boolean", "document", "blob":
		return
	}
	t.Fatalf("%s: shape type %s is not handled", path, target.Type)
}

func checkLength(t testing.TB, path string, n int, raw json.RawMessage) {
	t.Helper()
	if raw == nil {
		return
	}
	var b bounds
	if err := json.Unmarshal(raw, &b); err != nil {
		t.Fatal(err)
	}
	if b.Min != nil && float64(n) < *b.Min || b.Max != nil && float64(n) > *b.Max {
		t.Errorf("%s: length %d is outside the model's %s", path, n, compact(raw))
	}
}

// compact is a trait's JSON on one line.
func compact(raw json.RawMessage) string {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return string(raw)
	}
	return b.String()
}

// called records, per test, the operations that returned a response.
var called sync.Map // test name -> *sync.Map of operation names

func recordCall(t testing.TB, op string) {
	m, _ := called.LoadOrStore(t.Name(), &sync.Map{})
	m.(*sync.Map).Store(op, true)
}

// must(f.Op(ctx, in))(t) fails the test on err, checks the response
// against the model's output shape of its operation (named by the
// response's type), and returns it. (It takes t last so that the call's
// two results can be its arguments.)
func must[T any](out T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		return checked(t, out, err)
	}
}

func checked[T any](t testing.TB, out T, err error) T {
	t.Helper()
	op := strings.TrimSuffix(reflect.TypeOf(out).Elem().Name(), "Output")
	if err != nil {
		t.Fatalf("%s: %v", op, err)
	}
	shape := shapes(t)[ns+op]
	if shape == nil || shape.Output == nil {
		t.Fatalf("no operation %s in the model", op)
	}
	checkValue(t, op+"Output", reflect.ValueOf(out), modelMember{Target: shape.Output.Target})
	recordCall(t, op)
	return out
}

// wantErr checks that err is a *E that the operation lists in the model,
// with a message the model's error shape allows, and returns it.
func wantErr[E error](t testing.TB, op string, err error) E {
	t.Helper()
	var target E
	if !errors.As(err, &target) {
		t.Fatalf("%s: got error %v (%T), want %T", op, err, err, target)
	}
	name := reflect.TypeOf(target).Elem().Name()
	listed := false
	for _, e := range shapes(t)[ns+op].Errors {
		listed = listed || e.Target == ns+name
	}
	if !listed {
		t.Errorf("%s: the model does not list %s among its errors", op, name)
	}
	checkValue(t, op+":"+name, reflect.ValueOf(target), modelMember{Target: ns + name})
	if msg := reflect.ValueOf(target).Elem().FieldByName("Message"); msg.IsNil() {
		t.Errorf("%s: %s has no message", op, name)
	}
	return target
}

// TestCheckerCatchesViolations makes sure the checker can fail: outputs
// that break a pattern, a length, an enum, a required member and a range.
func TestCheckerCatchesViolations(t *testing.T) {
	for name, out := range map[string]any{
		"pattern":  &outposts.GetOutpostOutput{Outpost: &types.Outpost{OutpostId: ptr("op-XYZ")}},
		"length":   &outposts.ListTagsForResourceOutput{Tags: map[string]string{}},
		"enum":     &outposts.GetOutpostOutput{Outpost: &types.Outpost{SupportedHardwareType: "TOASTER"}},
		"required": &outposts.GetCapacityTaskOutput{Failed: &types.CapacityTaskFailure{Type: types.CapacityTaskFailureTypeInternalServerError}},
		"range": &outposts.GetCapacityTaskOutput{RequestedInstancePools: []types.InstanceTypeCapacity{
			{InstanceType: ptr("m5.large"), Count: 10000},
		}},
	} {
		t.Run(name, func(t *testing.T) {
			ft := &fakeT{TB: t}
			op := strings.TrimSuffix(reflect.TypeOf(out).Elem().Name(), "Output")
			checkValue(ft, op, reflect.ValueOf(out), modelMember{Target: shapes(t)[ns+op].Output.Target})
			if !ft.failed {
				t.Errorf("the checker accepted a %s violation", name)
			}
		})
	}
}

// fakeT records failures instead of reporting them.
type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Errorf(string, ...any) { f.failed = true }
func (f *fakeT) Helper()               {}
