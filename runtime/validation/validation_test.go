package validation

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestPathString(t *testing.T) {
	root := &Path{Name: "InstancePools"}
	idx := &Path{Parent: root, Index: 2, IsIndex: true}
	count := &Path{Parent: idx, Name: "Count"}
	tags := &Path{Name: "Tags"}
	key := &Path{Parent: tags, Name: "env", IsKey: true}
	nested := &Path{Parent: &Path{Parent: &Path{Parent: key, Name: "Values"}, Index: 0, IsIndex: true}, Name: "Id"}
	for _, tc := range []struct {
		p    *Path
		want string
	}{
		{nil, ""},
		{root, "InstancePools"},
		{idx, "InstancePools[2]"},
		{count, "InstancePools[2].Count"},
		{key, "Tags[env]"},
		// The key itself, not the value under it.
		{&Path{Parent: tags, Name: "env", IsKey: true, KeyItself: true}, "Tags{env}"},
		{&Path{Parent: &Path{Parent: tags, Name: "a", IsKey: true}, Name: "b", IsKey: true, KeyItself: true}, "Tags[a]{b}"},
		{nested, "Tags[env].Values[0].Id"},
		{&Path{Parent: &Path{Parent: root, Index: 1, IsIndex: true}, Index: 3, IsIndex: true}, "InstancePools[1][3]"},
		{&Path{Parent: &Path{Parent: tags, Name: "a.b", IsKey: true}, Name: "c", IsKey: true}, "Tags[a.b][c]"},
		{&Path{Parent: &Path{Name: "Outer"}, Name: "Inner"}, "Outer.Inner"},
	} {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
}

func TestValidatorCollectsInOrder(t *testing.T) {
	var v Validator
	if err := v.Err("In"); err != nil {
		t.Fatalf("Err with no violations = %v, want nil", err)
	}
	v.Required(&Path{Name: "Zeta"})
	v.Length(&Path{Name: "Alpha"}, 0, 1, 10)
	err := v.Err("CreateThingInput")
	var ipe *InvalidParamsError
	if !errors.As(err, &ipe) {
		t.Fatalf("Err = %T, want *InvalidParamsError", err)
	}
	want := []Violation{
		{Path: "Zeta", Constraint: "required", Message: "is required"},
		{Path: "Alpha", Constraint: "length", Message: "length 0 is below the minimum 1"},
	}
	if ipe.Context != "CreateThingInput" || len(ipe.Violations) != 2 || ipe.Violations[0] != want[0] || ipe.Violations[1] != want[1] {
		t.Errorf("got %+v, want %+v in the order added", ipe, want)
	}
	if got, want := err.Error(), "CreateThingInput: 2 invalid parameters: Zeta: is required; Alpha: length 0 is below the minimum 1"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	one := &InvalidParamsError{Context: "X", Violations: want[:1]}
	if got := one.Error(); got != "X: 1 invalid parameter: Zeta: is required" {
		t.Errorf("Error() with one violation = %q", got)
	}
}

func TestSortFromSortsOnlyTheTail(t *testing.T) {
	var v Validator
	for _, name := range []string{"b", "a"} {
		v.Required(&Path{Name: name})
	}
	start := len(v.List)
	m := &Path{Name: "Map"}
	for _, k := range []string{"zz", "aa", "mm", "aa"} {
		v.Add(&Path{Parent: m, Name: k, IsKey: true}, "length", "for "+k+strconv.Itoa(len(v.List)))
	}
	v.SortFrom(start)
	var got []string
	for _, x := range v.List {
		got = append(got, x.Path+" "+x.Message)
	}
	want := "b is required|a is required|Map[aa] for aa3|Map[aa] for aa5|Map[mm] for mm4|Map[zz] for zz2"
	if strings.Join(got, "|") != want {
		t.Errorf("after SortFrom(%d): %q, want %q (head untouched, tail sorted stably)", start, strings.Join(got, "|"), want)
	}
	// Nothing or one item after start: a no-op.
	before := strings.Join(got, "|")
	v.SortFrom(len(v.List))
	v.SortFrom(len(v.List) - 1)
	got = got[:0]
	for _, x := range v.List {
		got = append(got, x.Path+" "+x.Message)
	}
	if strings.Join(got, "|") != before {
		t.Errorf("SortFrom at the end changed the list")
	}
}

func TestMessages(t *testing.T) {
	p := &Path{Name: "M"}
	for _, tc := range []struct {
		name                string
		add                 func(v *Validator)
		constraint, message string
	}{
		{"below min length", func(v *Validator) { v.Length(p, 0, 1, 5) }, "length", "length 0 is below the minimum 1"},
		{"above max length", func(v *Validator) { v.Length(p, 6, 1, 5) }, "length", "length 6 is above the maximum 5"},
		{"above max, no min", func(v *Validator) { v.Length(p, 300, -1, 256) }, "length", "length 300 is above the maximum 256"},
		{"below min, no max", func(v *Validator) { v.Length(p, 2, 3, -1) }, "length", "length 2 is below the minimum 3"},
		{"string below min, in runes", func(v *Validator) { v.StringLength(p, "日本", 3, 5) }, "length", "length 2 is below the minimum 3"},
		{"string above max, in runes", func(v *Validator) { v.StringLength(p, "ééé", -1, 2) }, "length", "length 3 is above the maximum 2"},
		{"range both", func(v *Validator) { v.OutOfRange(p, "11", "1", "10") }, "range", "value 11 is outside the range 1 to 10"},
		{"range min", func(v *Validator) { v.OutOfRange(p, "-0.5", "0", "") }, "range", "value -0.5 is below the minimum 0"},
		{"range max", func(v *Validator) { v.OutOfRange(p, "1e3", "", "100") }, "range", "value 1e3 is above the maximum 100"},
		{"enum", func(v *Validator) { v.Enum(p, `bad"value`) }, "enum", `"bad\"value" is not one of the known values`},
		{"pattern", func(v *Validator) { v.Pattern(p, "^[a-z]+$") }, "pattern", "does not match the pattern ^[a-z]+$"},
		{"duplicate", func(v *Validator) { v.Duplicate(p, 1, 4) }, "uniqueItems", "items 1 and 4 are equal"},
		{"required", func(v *Validator) { v.Required(p) }, "required", "is required"},
	} {
		var v Validator
		tc.add(&v)
		if len(v.List) != 1 || v.List[0] != (Violation{Path: "M", Constraint: tc.constraint, Message: tc.message}) {
			t.Errorf("%s: got %+v, want %s %q", tc.name, v.List, tc.constraint, tc.message)
		}
	}
	// Lengths within bounds, and unbounded ones, add nothing.
	var v Validator
	v.Length(p, 1, 1, 5)
	v.Length(p, 5, 1, 5)
	v.Length(p, 1<<20, -1, -1)
	v.Length(p, 0, 0, -1)
	v.StringLength(p, "日本語", 3, 3)      // 9 bytes, 3 runes
	v.StringLength(p, "\xff\xfe", 2, 2) // invalid bytes count one rune each
	if len(v.List) != 0 {
		t.Errorf("lengths within bounds reported: %+v", v.List)
	}
}

func TestDuplicateOf(t *testing.T) {
	for _, tc := range []struct {
		items        []string
		wantI, wantJ int
	}{
		{nil, -1, -1},
		{[]string{"a"}, -1, -1},
		{[]string{"a", "b", "c"}, -1, -1},
		{[]string{"a", "a"}, 0, 1},
		{[]string{"a", "b", "a"}, 0, 2},
		{[]string{"a", "b", "b", "a"}, 1, 2}, // the first item that repeats an earlier one
		{[]string{"x", "b", "c", "c"}, 2, 3},
	} {
		if i, j := DuplicateOf(tc.items); i != tc.wantI || j != tc.wantJ {
			t.Errorf("DuplicateOf(%q) = %d, %d; want %d, %d", tc.items, i, j, tc.wantI, tc.wantJ)
		}
	}
}

// The pairwise search of small lists and the map of large ones find the
// same pair, whatever the length.
func TestDuplicateOfSmallAndLargeAgree(t *testing.T) {
	for _, n := range []int{4, 63, 64, 65, 200} {
		items := make([]int, n)
		for i := range items {
			items[i] = i * 7
		}
		if i, j := DuplicateOf(items); i != -1 || j != -1 {
			t.Errorf("%d distinct items: DuplicateOf = %d, %d", n, i, j)
		}
		items[n-1] = items[0]
		if i, j := DuplicateOf(items); i != 0 || j != n-1 {
			t.Errorf("%d items, the last equal to the first: DuplicateOf = %d, %d", n, i, j)
		}
		// Overlapping pairs: items 1 and 2 are equal, and the first and last.
		items[2] = items[1]
		if i, j := DuplicateOf(items); i != 1 || j != 2 {
			t.Errorf("%d items: DuplicateOf = %d, %d, want 1, 2", n, i, j)
		}
		eq := func(a, b int) bool { return a == b }
		if i, j := DuplicateOfFunc(items, eq); i != 1 || j != 2 {
			t.Errorf("%d items: DuplicateOfFunc = %d, %d, want 1, 2", n, i, j)
		}
	}
}

func TestDuplicateOfSmallListAllocatesNothing(t *testing.T) {
	items := []string{"a", "b", "c", "d"}
	if n := testing.AllocsPerRun(100, func() { DuplicateOf(items) }); n != 0 {
		t.Errorf("DuplicateOf of 4 items allocates %v times", n)
	}
}

func TestDuplicateOfFunc(t *testing.T) {
	type tag struct{ Key, Values []string }
	eq := func(a, b tag) bool { return strings.Join(a.Key, ",") == strings.Join(b.Key, ",") }
	items := []tag{{Key: []string{"a"}}, {Key: []string{"b"}}, {Key: []string{"a"}, Values: []string{"differs"}}}
	if i, j := DuplicateOfFunc(items, eq); i != 0 || j != 2 {
		t.Errorf("DuplicateOfFunc = %d, %d; want 0, 2", i, j)
	}
	if i, j := DuplicateOfFunc(items[:2], eq); i != -1 || j != -1 {
		t.Errorf("DuplicateOfFunc without duplicates = %d, %d", i, j)
	}
	if i, j := DuplicateOfFunc([]tag(nil), eq); i != -1 || j != -1 {
		t.Errorf("DuplicateOfFunc(nil) = %d, %d", i, j)
	}
}

func TestValidHostLabel(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"", false},
		{"a", true},
		{"abc-123", true},
		{"ABC", true},
		{"0starts-with-digit", true},
		{"-leading", false},
		{"trailing-", true}, // only a leading hyphen is refused
		{"has.dot", false},
		{"has_underscore", false},
		{"has space", false},
		{"ünicode", false},
		{strings.Repeat("a", 63), true},
		{strings.Repeat("a", 64), false},
	} {
		if got := ValidHostLabel(tc.s); got != tc.want {
			t.Errorf("ValidHostLabel(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

func TestLabelErrors(t *testing.T) {
	for _, tc := range []struct {
		err        error
		constraint string
	}{
		{EmptyLabel("GetThingInput", "ThingId"), "required"},
		{InvalidHostLabel("GetThingInput", "AccountId"), "hostLabel"},
	} {
		var ipe *InvalidParamsError
		if !errors.As(tc.err, &ipe) || ipe.Context != "GetThingInput" || len(ipe.Violations) != 1 || ipe.Violations[0].Constraint != tc.constraint {
			t.Errorf("got %+v, want one %s violation of GetThingInput", tc.err, tc.constraint)
			continue
		}
		if !strings.HasPrefix(tc.err.Error(), "GetThingInput: 1 invalid parameter: "+ipe.Violations[0].Path+": ") {
			t.Errorf("Error() = %q", tc.err)
		}
	}
}

func TestModeDefaultIsRequired(t *testing.T) {
	var m Mode
	if m != Required || Required == All || All == None || Required == None {
		t.Errorf("modes: zero %d, Required %d, All %d, None %d", m, Required, All, None)
	}
}

// thing and validateThing are what a generated Validate method looks like:
// Paths on the stack, handed down by pointer.
type thing struct {
	Name  *string
	Pools []pool
	Tags  map[string]string
}

type pool struct{ Count *int32 }

func validateThing(v *Validator, p *Path, in *thing) {
	name := Path{Parent: p, Name: "Name"}
	if in.Name == nil {
		v.Required(&name)
	} else if n := len(*in.Name); n < 1 || n > 64 {
		v.Length(&name, n, 1, 64)
	}
	pools := Path{Parent: p, Name: "Pools"}
	for i := range in.Pools {
		item := Path{Parent: &pools, Index: i, IsIndex: true}
		count := Path{Parent: &item, Name: "Count"}
		if c := in.Pools[i].Count; c == nil {
			v.Required(&count)
		} else if *c < 1 {
			v.OutOfRange(&count, strconv.Itoa(int(*c)), "1", "")
		}
	}
	tags := Path{Parent: p, Name: "Tags"}
	start := len(v.List)
	for k, val := range in.Tags {
		key := Path{Parent: &tags, Name: k, IsKey: true}
		if len(val) > 8 {
			v.Length(&key, len(val), -1, 8)
		}
	}
	v.SortFrom(start)
}

func TestValidWalkAllocatesNothing(t *testing.T) {
	name := "ok"
	one := int32(1)
	in := &thing{Name: &name, Pools: []pool{{Count: &one}, {Count: &one}}, Tags: map[string]string{"env": "prod"}}
	var v Validator
	allocs := testing.AllocsPerRun(100, func() {
		v.List = v.List[:0]
		validateThing(&v, nil, in)
		if v.Err("ThingInput") != nil {
			panic("valid input reported")
		}
	})
	if allocs != 0 {
		t.Errorf("validating a valid input allocates %v times, want 0", allocs)
	}

	// The same walk reports violations at the right paths.
	zero := int32(0)
	bad := &thing{Pools: []pool{{Count: &one}, {}, {Count: &zero}}, Tags: map[string]string{"b": "123456789", "a": "far too long"}}
	v = Validator{}
	validateThing(&v, nil, bad)
	want := "ThingInput: 5 invalid parameters: Name: is required; Pools[1].Count: is required; " +
		"Pools[2].Count: value 0 is below the minimum 1; Tags[a]: length 12 is above the maximum 8; Tags[b]: length 9 is above the maximum 8"
	if err := v.Err("ThingInput"); err == nil || err.Error() != want {
		t.Errorf("Err = %v, want %s", err, want)
	}
}

// The check in a Validate walk and the serialiser's error word an empty
// label the same way.
func TestEmptyLabelAgrees(t *testing.T) {
	var v Validator
	v.EmptyLabel(&Path{Parent: &Path{Name: "Thing"}, Name: "Id"})
	err := v.Err("PutThingInput")
	var walked, direct *InvalidParamsError
	if !errors.As(err, &walked) || !errors.As(EmptyLabel("PutThingInput", "Thing.Id"), &direct) {
		t.Fatalf("errors %v", err)
	}
	if len(walked.Violations) != 1 || walked.Violations[0] != direct.Violations[0] {
		t.Errorf("Validator.EmptyLabel gives %+v, EmptyLabel %+v", walked.Violations, direct.Violations)
	}
	if !strings.Contains(walked.Violations[0].Message, "URI path") {
		t.Errorf("message %q does not say why", walked.Violations[0].Message)
	}
}
