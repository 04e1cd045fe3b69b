package describe

import (
	"math"
	"testing"
	"time"
)

type union interface{ isUnion() }

type variantA struct{ V string }
type variantB struct{ V string }

func (*variantA) isUnion() {}
func (*variantB) isUnion() {}

type record struct {
	Name    *string
	Count   int64
	Ratio   float64
	Tags    map[string]string
	Items   []string
	Blob    []byte
	When    *time.Time
	Choice  union
	private string
}

func ptr[T any](v T) *T { return &v }

func TestValueTellsApartWhatDiffers(t *testing.T) {
	when := time.Date(2026, 12, 6, 10, 0, 0, 5e8, time.UTC)
	base := func() record {
		return record{
			Name: ptr("a"), Count: 1, Ratio: 0.5,
			Tags:  map[string]string{"k1": "v1", "k2": "v2"},
			Items: []string{"x", "y"}, Blob: []byte{1, 2}, When: &when,
			Choice: &variantA{"u"}, private: "p",
		}
	}
	same := Value(base())
	if again := Value(base()); again != same {
		t.Fatalf("two equal values described differently:\n%s\n%s", same, again)
	}
	for name, change := range map[string]func(*record){
		"a pointed-to string":    func(r *record) { r.Name = ptr("b") },
		"a nil pointer":          func(r *record) { r.Name = nil },
		"an integer":             func(r *record) { r.Count = 2 },
		"a float":                func(r *record) { r.Ratio = 0.25 },
		"a map value":            func(r *record) { r.Tags["k2"] = "v3" },
		"a map key":              func(r *record) { delete(r.Tags, "k2"); r.Tags["k3"] = "v2" },
		"an empty map":           func(r *record) { r.Tags = map[string]string{} },
		"a nil map":              func(r *record) { r.Tags = nil },
		"an element":             func(r *record) { r.Items[1] = "z" },
		"an empty slice":         func(r *record) { r.Items = []string{} },
		"a nil slice":            func(r *record) { r.Items = nil },
		"a byte":                 func(r *record) { r.Blob[0] = 9 },
		"an instant":             func(r *record) { w := when.Add(time.Millisecond); r.When = &w },
		"a union's variant":      func(r *record) { r.Choice = &variantB{"u"} },
		"a union's value":        func(r *record) { r.Choice = &variantA{"w"} },
		"an unexported field":    func(r *record) { r.private = "q" },
		"a string with a quote":  func(r *record) { r.Name = ptr(`a" Count:1`) },
		"a map entry's boundary": func(r *record) { r.Tags = map[string]string{"k1": "v1: \"k2\": \"v2\""} },
	} {
		r := base()
		change(&r)
		if got := Value(r); got == same {
			t.Errorf("%s changed, but the description did not: %s", name, got)
		}
	}
}

func TestValueHoldsNaNEqualToItself(t *testing.T) {
	a, b := Value([]float64{math.NaN(), 1}), Value([]float64{math.NaN(), 1})
	if a != b {
		t.Fatalf("NaN described unequal to itself: %s, %s", a, b)
	}
	if Value([]float64{math.NaN()}) == Value([]float64{math.Inf(1)}) {
		t.Fatal("NaN and +Inf described alike")
	}
}

func TestValueIgnoresMapOrder(t *testing.T) {
	m := map[string]int{}
	for i := range 100 {
		m[string(rune('a'+i%26))+string(rune('a'+i/26))] = i
	}
	first := Value(m)
	for range 10 {
		if got := Value(m); got != first {
			t.Fatalf("one map described two ways:\n%s\n%s", first, got)
		}
	}
}
