package shapes

import (
	"strings"
	"testing"
)

func load(t *testing.T, files ...string) (*Model, error) {
	t.Helper()
	var srcs []Source
	for i, f := range files {
		srcs = append(srcs, Source{Name: "m" + string(rune('0'+i)) + ".json", Data: []byte(f)})
	}
	return Load(srcs...)
}

func mustLoad(t *testing.T, files ...string) *Model {
	t.Helper()
	m, err := load(t, files...)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func shape(t *testing.T, m *Model, id string) *Shape {
	t.Helper()
	sid, err := ParseID(id)
	if err != nil {
		t.Fatal(err)
	}
	s := m.Shape(sid)
	if s == nil {
		t.Fatalf("shape %s not found", id)
	}
	return s
}

func TestParseID(t *testing.T) {
	for _, good := range []string{"a#B", "a.b.c#D_1", "a#B$c", "_a#_b"} {
		if _, err := ParseID(good); err != nil {
			t.Errorf("ParseID(%q): %v", good, err)
		}
	}
	for _, bad := range []string{"", "B", "#B", "a#", "a#1B", "a..b#C", "a#B$", "a#B$1", "a#B-c", "a#_"} {
		if _, err := ParseID(bad); err == nil {
			t.Errorf("ParseID(%q) succeeded", bad)
		}
	}
	id, _ := ParseID("ns.x#Shape$member")
	if id.String() != "ns.x#Shape$member" || id.Shape().String() != "ns.x#Shape" {
		t.Errorf("round trip: %v", id)
	}
}

func TestEveryShapeType(t *testing.T) {
	m := mustLoad(t, `{"smithy":"2.0","shapes":{
	 "ex#Blob":{"type":"blob"}, "ex#Bool":{"type":"boolean"}, "ex#Str":{"type":"string"},
	 "ex#B":{"type":"byte"}, "ex#S":{"type":"short"}, "ex#I":{"type":"integer"}, "ex#L":{"type":"long"},
	 "ex#F":{"type":"float"}, "ex#D":{"type":"double"}, "ex#BI":{"type":"bigInteger"}, "ex#BD":{"type":"bigDecimal"},
	 "ex#T":{"type":"timestamp"}, "ex#Doc":{"type":"document"},
	 "ex#E":{"type":"enum","members":{"A":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":"a"}},"B":{"target":"smithy.api#Unit"}}},
	 "ex#IE":{"type":"intEnum","members":{"ONE":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":1}}}},
	 "ex#List":{"type":"list","member":{"target":"ex#Str"}},
	 "ex#Map":{"type":"map","key":{"target":"ex#Str"},"value":{"target":"ex#I"}},
	 "ex#St":{"type":"structure","members":{"z":{"target":"ex#Str"},"a":{"target":"ex#I"},"m":{"target":"ex#Map"}}},
	 "ex#U":{"type":"union","members":{"s":{"target":"ex#Str"},"u":{"target":"smithy.api#Unit"}}},
	 "ex#Op":{"type":"operation","input":{"target":"ex#St"},"output":{"target":"ex#St"}},
	 "ex#R":{"type":"resource","identifiers":{"id":"ex#Str"},"read":{"target":"ex#Op"}},
	 "ex#Svc":{"type":"service","version":"1","resources":[{"target":"ex#R"}]}
	}}`)
	kinds := map[string]Kind{"Blob": KindBlob, "Bool": KindBoolean, "Str": KindString, "B": KindByte, "S": KindShort,
		"I": KindInteger, "L": KindLong, "F": KindFloat, "D": KindDouble, "BI": KindBigInteger, "BD": KindBigDecimal,
		"T": KindTimestamp, "Doc": KindDocument, "E": KindEnum, "IE": KindIntEnum, "List": KindList, "Map": KindMap,
		"St": KindStructure, "U": KindUnion, "Op": KindOperation, "R": KindResource, "Svc": KindService}
	for name, k := range kinds {
		if got := shape(t, m, "ex#"+name).Kind; got != k {
			t.Errorf("%s: kind %s, want %s", name, got, k)
		}
	}
	st := shape(t, m, "ex#St")
	var order []string
	for _, mem := range st.Members {
		order = append(order, mem.Name)
	}
	if strings.Join(order, ",") != "z,a,m" {
		t.Errorf("member order %v, want declaration order z,a,m", order)
	}
	ev := shape(t, m, "ex#E").EnumValues()
	if len(ev) != 2 || ev[0].Value != "a" || ev[1].Value != "B" {
		t.Errorf("enum values %+v", ev)
	}
	if iv := shape(t, m, "ex#IE").EnumValues(); iv[0].IntValue != 1 {
		t.Errorf("intEnum values %+v", iv)
	}
	sv, err := m.Service("ex#Svc")
	if err != nil {
		t.Fatal(err)
	}
	if len(sv.Operations) != 1 || sv.Operations[0].ID.Name != "Op" {
		t.Errorf("closure through resources: operations %v", sv.Operations)
	}
	var names []string
	for _, s := range sv.Shapes {
		names = append(names, s.ID.Name)
	}
	if got := strings.Join(names, ","); got != "I,Map,R,St,Str" {
		t.Errorf("closure %s", got)
	}
}

func TestApplyAndMixins(t *testing.T) {
	m := mustLoad(t, `{"smithy":"2.0","shapes":{
	 "ex#Base":{"type":"structure","mixins":[],"members":{"id":{"target":"smithy.api#String","traits":{"smithy.api#required":{}}}},
	   "traits":{"smithy.api#mixin":{"localTraits":["ex#private"]},"ex#private":{},"smithy.api#tags":["a"]}},
	 "ex#Named":{"type":"structure","members":{"name":{"target":"smithy.api#String"}},"traits":{"smithy.api#mixin":{}}},
	 "ex#private":{"type":"structure","traits":{"smithy.api#trait":{}}},
	 "ex#Thing":{"type":"structure","mixins":[{"target":"ex#Base"},{"target":"ex#Named"}],"traits":{"smithy.api#tags":["a"]},
	   "members":{"id":{"target":"smithy.api#String","traits":{"smithy.api#documentation":"local"}},"size":{"target":"smithy.api#Integer"}}},
	 "ex#Thing$name":{"type":"apply","traits":{"smithy.api#length":{"min":1}}},
	 "ex#Thing$size":{"type":"apply","traits":{"smithy.api#range":{"max":9}}},
	 "ex#Thing2":{"type":"apply","traits":{"smithy.api#tags":["b"]}},
	 "ex#Thing2":{"type":"structure"}
	}}`, `{"smithy":"2.0","shapes":{"ex#Thing":{"type":"apply","traits":{"smithy.api#tags":["c"]}}}}`)
	th := shape(t, m, "ex#Thing")
	var order []string
	for _, mem := range th.Members {
		order = append(order, mem.Name)
	}
	if strings.Join(order, ",") != "id,name,size" {
		t.Errorf("mixin member order %v, want id,name,size", order)
	}
	id := th.Member("id")
	if !id.Traits.Required() || id.Traits.Documentation() != "local" {
		t.Errorf("redeclared member should keep mixin traits and add local ones: %v", id.Traits.IDs())
	}
	if b, ok := th.Member("name").Traits.Length(); !ok || b.Min != "1" {
		t.Error("apply to an inherited member was lost")
	}
	if th.Traits.Has(TraitMixin) || th.Traits.Has("ex#private") {
		t.Errorf("mixin and local traits must not be inherited: %v", th.Traits.IDs())
	}
	if raw, _ := th.Traits.Raw("smithy.api#tags"); raw != `["a","c"]` {
		t.Errorf("list traits concatenate on apply: got %s", raw)
	}
	if raw, _ := shape(t, m, "ex#Thing2").Traits.Raw("smithy.api#tags"); raw != `["b"]` {
		t.Errorf("apply before the shape's definition: got %s", raw)
	}
}

func TestSmithy10(t *testing.T) {
	m := mustLoad(t, `{"smithy":"1.0","shapes":{
	 "ex#Count":{"type":"integer"},
	 "ex#Boxed":{"type":"integer","traits":{"smithy.api#box":{}}},
	 "ex#Tags":{"type":"set","member":{"target":"smithy.api#String"}},
	 "ex#Color":{"type":"string","traits":{"smithy.api#enum":[{"value":"red","name":"RED"},{"value":"green"}]}},
	 "ex#S":{"type":"structure","members":{
	   "a":{"target":"ex#Count"}, "b":{"target":"ex#Boxed"}, "c":{"target":"smithy.api#Integer"},
	   "d":{"target":"smithy.api#PrimitiveBoolean"}, "e":{"target":"ex#Count","traits":{"smithy.api#box":{}}},
	   "f":{"target":"smithy.api#PrimitiveInteger","traits":{"smithy.api#box":{}}},
	   "t":{"target":"ex#Tags"}, "k":{"target":"ex#Color"}}}
	}}`)
	s := shape(t, m, "ex#S")
	// f: @box on the member wins over its prelude target's @default(0).
	for name, want := range map[string]bool{"a": true, "b": false, "c": false, "d": true, "e": false, "f": false} {
		if got := s.Member(name).Traits.HasNonNullDefault(); got != want {
			t.Errorf("1.0 member %s: has default %v, want %v", name, got, want)
		}
	}
	tags := shape(t, m, "ex#Tags")
	if tags.Kind != KindList || !tags.Traits.UniqueItems() {
		t.Errorf("set should load as a list with uniqueItems")
	}
	color := shape(t, m, "ex#Color")
	if !color.IsEnum() || len(color.EnumValues()) != 2 || color.EnumValues()[1].Value != "green" {
		t.Errorf("enum trait: %+v", color.EnumValues())
	}
}

func TestRename(t *testing.T) {
	model := `{"smithy":"2.0","shapes":{
	 "a#Svc":{"type":"service","operations":[{"target":"a#Op"}],"rename":{"b#Thing":"OtherThing"}},
	 "a#Op":{"type":"operation","input":{"target":"a#In"}},
	 "a#In":{"type":"structure","members":{"x":{"target":"a#Thing"},"y":{"target":"b#Thing"}}},
	 "a#Thing":{"type":"structure"}, "b#Thing":{"type":"structure"}}}`
	m := mustLoad(t, model)
	sv, err := m.Service("")
	if err != nil {
		t.Fatal(err)
	}
	if got := sv.Name(shape(t, m, "b#Thing")); got != "OtherThing" {
		t.Errorf("renamed name %q", got)
	}
	// Without the rename the two Things clash.
	m = mustLoad(t, strings.Replace(model, `,"rename":{"b#Thing":"OtherThing"}`, "", 1))
	if _, err := m.Service(""); err == nil || !strings.Contains(err.Error(), "conflicts") {
		t.Errorf("want a name conflict, got %v", err)
	}
}

func TestBadModels(t *testing.T) {
	cases := []struct {
		name  string
		files []string
		want  []string // substrings of the error
	}{
		{"invalid JSON", []string{`{"smithy":"2.0","shapes":{`}, []string{"m0.json", "invalid JSON", "line 1"}},
		{"not an object", []string{`[1]`}, []string{"m0.json", "JSON object"}},
		{"no version", []string{`{"shapes":{}}`}, []string{"m0.json", "missing Smithy version"}},
		{"bad version", []string{`{"smithy":"3.0"}`}, []string{"unsupported Smithy version"}},
		{"unknown type", []string{`{"smithy":"2.0","shapes":{"a#B":{"type":"widget"}}}`}, []string{"m0.json", "a#B", `shapes["a#B"].type`, `unknown shape type "widget"`}},
		{"missing type", []string{`{"smithy":"2.0","shapes":{"a#B":{}}}`}, []string{"a#B", "missing shape type"}},
		{"bad shape ID", []string{`{"smithy":"2.0","shapes":{"B":{"type":"string"}}}`}, []string{"invalid shape ID"}},
		{"dangling member target", []string{`{"smithy":"2.0","shapes":{"a#S":{"type":"structure","members":{"x":{"target":"a#Nope"}}}}}`},
			[]string{"m0.json", "a#S$x", `shapes["a#S"].members.x.target`, "target a#Nope not found"}},
		{"dangling operation input", []string{`{"smithy":"2.0","shapes":{"a#Op":{"type":"operation","input":{"target":"a#In"}}}}`},
			[]string{"a#Op", "input.target", "a#In not found"}},
		{"conflicting duplicate", []string{`{"smithy":"2.0","shapes":{"a#S":{"type":"string"}}}`, `{"smithy":"2.0","shapes":{"a#S":{"type":"integer"}}}`},
			[]string{"m1.json", "a#S", "defined differently in m0.json"}},
		{"conflicting traits", []string{`{"smithy":"2.0","shapes":{"a#S":{"type":"string","traits":{"smithy.api#pattern":"a"}},"a#S$x":{"type":"apply"}}}`,
			`{"smithy":"2.0","shapes":{"a#S":{"type":"apply","traits":{"smithy.api#pattern":"b"}}}}`},
			[]string{"m1.json", "a#S", "conflicting values for trait smithy.api#pattern"}},
		{"apply to nothing", []string{`{"smithy":"2.0","shapes":{"a#S":{"type":"apply","traits":{"smithy.api#sensitive":{}}}}}`}, []string{"a#S", "does not exist"}},
		{"member targets operation", []string{`{"smithy":"2.0","shapes":{"a#S":{"type":"structure","members":{"x":{"target":"a#Op"}}},"a#Op":{"type":"operation"}}}`},
			[]string{"a#S", "members.x.target", "a operation"}},
		{"map key not string", []string{`{"smithy":"2.0","shapes":{"a#M":{"type":"map","key":{"target":"smithy.api#Integer"},"value":{"target":"smithy.api#String"}}}}`},
			[]string{"a#M", "key.target", "must target a string"}},
		{"input not a structure", []string{`{"smithy":"2.0","shapes":{"a#Op":{"type":"operation","input":{"target":"smithy.api#String"}}}}`},
			[]string{"a#Op", "input must be a structure"}},
		{"error without trait", []string{`{"smithy":"2.0","shapes":{"a#Op":{"type":"operation","errors":[{"target":"a#E"}]},"a#E":{"type":"structure"}}}`},
			[]string{"a#Op", "errors[0]", "not a structure with the error trait"}},
		{"service operation is not an operation", []string{`{"smithy":"2.0","shapes":{"a#Svc":{"type":"service","operations":[{"target":"a#S"}]},"a#S":{"type":"structure"}}}`},
			[]string{"a#Svc", "operations[0]", "not an operation"}},
		{"bad trait value", []string{`{"smithy":"2.0","shapes":{"a#S":{"type":"string","traits":{"smithy.api#length":{"min":"one"}}}}}`},
			[]string{"a#S", "traits", "smithy.api#length"}},
		{"case-insensitive member clash", []string{`{"smithy":"2.0","shapes":{"a#S":{"type":"structure","members":{"x":{"target":"smithy.api#String"},"X":{"target":"smithy.api#String"}}}}}`},
			[]string{"a#S", "conflicts with member"}},
		{"enum member not unit", []string{`{"smithy":"2.0","shapes":{"a#E":{"type":"enum","members":{"A":{"target":"smithy.api#String"}}}}}`},
			[]string{"a#E", "must target smithy.api#Unit"}},
		{"mixin cycle", []string{`{"smithy":"2.0","shapes":{"a#A":{"type":"structure","mixins":[{"target":"a#B"}],"traits":{"smithy.api#mixin":{}}},"a#B":{"type":"structure","mixins":[{"target":"a#A"}],"traits":{"smithy.api#mixin":{}}}}}`},
			[]string{"mixin cycle"}},
		{"list without member", []string{`{"smithy":"2.0","shapes":{"a#L":{"type":"list"}}}`}, []string{"a#L", "needs a member"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := load(t, c.files...)
			if err == nil {
				t.Fatal("loaded without error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestServiceErrors(t *testing.T) {
	m := mustLoad(t, `{"smithy":"2.0","shapes":{"a#S":{"type":"structure"},
	  "a#Svc1":{"type":"service"},"a#Svc2":{"type":"service"}}}`)
	for id, want := range map[string]string{
		"":        "several services",
		"a#Nope":  "service not found",
		"a#S":     "not a service",
		"garbage": "invalid shape ID",
	} {
		if _, err := m.Service(id); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Service(%q) = %v, want %q", id, err, want)
		}
	}
}

// TestMixinServiceIsNotAService: a service marked @mixin lends its
// operations to the services that use it; it is not one of the model's
// services, so the one that uses it is the model's only service.
func TestMixinServiceIsNotAService(t *testing.T) {
	m := mustLoad(t, `{"smithy":"2.0","shapes":{
	  "a#Base":{"type":"service","version":"1","operations":[{"target":"a#Ping"}],"traits":{"smithy.api#mixin":{}}},
	  "a#Svc":{"type":"service","version":"1","mixins":[{"target":"a#Base"}]},
	  "a#Ping":{"type":"operation"}}}`)
	if all := m.Services(); len(all) != 1 || all[0].ID.String() != "a#Svc" {
		t.Errorf("Services() = %v, want only a#Svc", all)
	}
	svc, err := m.Service("")
	if err != nil {
		t.Fatal(err)
	}
	if svc.Shape.ID.String() != "a#Svc" || len(svc.Operations) != 1 {
		t.Errorf("the only service is %s with %d operations; want a#Svc with Ping from its mixin", svc.Shape.ID, len(svc.Operations))
	}
	if _, err := m.Service("a#Base"); err == nil || !strings.Contains(err.Error(), "is a mixin") {
		t.Errorf(`Service("a#Base") = %v, want a refusal naming it a mixin`, err)
	}
}

func TestIdenticalDuplicatesMerge(t *testing.T) {
	f := `{"smithy":"2.0","shapes":{"a#S":{"type":"string","traits":{"smithy.api#length":{"min":1}}}}}`
	m := mustLoad(t, f, strings.ReplaceAll(f, `"min":1`, `"min": 1.0`))
	if b, _ := shape(t, m, "a#S").Traits.Length(); b.Min != "1" {
		t.Errorf("min %q", b.Min)
	}
}

func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		`{"smithy":"2.0","shapes":{"a#S":{"type":"structure","members":{"x":{"target":"smithy.api#String","traits":{"smithy.api#required":{}}}}}}}`,
		`{"smithy":"1.0","shapes":{"a#T":{"type":"set","member":{"target":"smithy.api#String"}}}}`,
		`{"smithy":"2.0","shapes":{"a#A":{"type":"structure","mixins":[{"target":"a#B"}]},"a#B":{"type":"structure","traits":{"smithy.api#mixin":{}},"members":{"b":{"target":"a#A"}}}}}`,
		`{"smithy":"2.0","shapes":{"a#Svc":{"type":"service","operations":[{"target":"a#Op"}],"rename":{"a#S":"T"}},"a#Op":{"type":"operation","input":{"target":"a#S"}},"a#S":{"type":"structure"}}}`,
		`{"smithy":"2.0","shapes":{"a#E":{"type":"enum","members":{"A":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":"a"}}}},"a#E$A":{"type":"apply","traits":{"smithy.api#tags":["x"]}}}}`,
		`{"smithy":"2.0","shapes":{"a#M":{"type":"map","key":{"target":"smithy.api#String"},"value":{"target":"a#M"}}}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Load(Source{Name: "fuzz.json", Data: data})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.json: ") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, s := range m.Services() {
			m.Service(s.ID.String())
		}
		for s := range m.Shapes() {
			s.EnumValues()
		}
	})
}
