package shapes

import (
	"strings"
	"testing"
)

// firstLine is an error's message without the excerpt of the source line.
func firstLine(err error) string {
	if err == nil {
		return "<nil>"
	}
	line, _, _ := strings.Cut(err.Error(), "\n")
	return line
}

func TestUnknownTraitsInIDL(t *testing.T) {
	const head = "$version: \"2\"\nnamespace example\n"
	for _, c := range []struct{ name, src, want string }{
		{"relative typo", head + "@lenght(min: 1)\nstring S\n",
			"m0.smithy:3:1: example#S: unknown trait @lenght: no use statement imports lenght, namespace example defines no trait lenght, and the prelude has none either; did you mean @length?"},
		{"absolute typo", head + "@smithy.api#sensitve\nstring S\n",
			"m0.smithy:3:1: example#S: unknown trait @smithy.api#sensitve: no trait definition has this ID; did you mean @smithy.api#sensitive?"},
		{"not imported", head + "@restJson1\nservice S {}\n",
			`m0.smithy:3:1: example#S: unknown trait @restJson1: no use statement imports restJson1, namespace example defines no trait restJson1, and the prelude has none either; aws.protocols#restJson1 is a trait: add "use aws.protocols#restJson1"`},
		{"imported but undefined", head + "use aws.api#servce\n@servce\nservice S {}\n",
			"m0.smithy:3:5: use aws.api#servce: no shape aws.api#servce is defined; did you mean aws.api#service?"},
		{"member", head + "structure S {\n    @requird\n    x: String\n}\n",
			"m0.smithy:4:5: example#S$x: unknown trait @requird: no use statement imports requird, namespace example defines no trait requird, and the prelude has none either; did you mean @required?"},
		{"apply", head + "string S\napply S @sensitve\n",
			"m0.smithy:4:9: example#S: unknown trait @sensitve: no use statement imports sensitve, namespace example defines no trait sensitve, and the prelude has none either; did you mean @sensitive?"},
		{"not a trait", head + "@String\nstring S\n",
			"m0.smithy:3:1: example#S: @String is not a trait: the shape it names has no @trait"},
		{"nothing close", head + "@zzzzzzzz\nstring S\n",
			"m0.smithy:3:1: example#S: unknown trait @zzzzzzzz: no use statement imports zzzzzzzz, namespace example defines no trait zzzzzzzz, and the prelude has none either"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := loadIDL(t, c.src)
			if got := firstLine(err); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

// Traits defined in the model resolve, through the namespace or a use
// statement, in IDL and JSON alike, and their values are checked against
// the model's definition.
func TestModelDefinedTraits(t *testing.T) {
	defs := "$version: \"2\"\nnamespace my.traits\n@trait(selector: \"string\")\nstructure tag { @required name: String }\n"
	m := mustLoadIDL(t, defs, "$version: \"2\"\nnamespace example\nuse my.traits#tag\n@tag(name: \"x\")\nstring S\n")
	if raw, _ := shape(t, m, "example#S").Traits.Raw("my.traits#tag"); raw != `{"name":"x"}` {
		t.Errorf("trait value %s", raw)
	}
	_, err := loadIDL(t, defs, "$version: \"2\"\nnamespace example\nuse my.traits#tag\n@tag(nme: \"x\")\nstring S\n")
	if got := firstLine(err); got != `m1.smithy:4:6: example#S: trait my.traits#tag: nme: unknown member "nme"; did you mean "name"?` {
		t.Errorf("got %s", got)
	}
	_, err = loadIDL(t, defs, "$version: \"2\"\nnamespace example\nuse my.traits#tag\n@tag\nstring S\n")
	if got := firstLine(err); got != `m1.smithy:4:1: example#S: trait my.traits#tag: missing required member "name"` {
		t.Errorf("got %s", got)
	}
	// The definition may be a JSON file, the use an IDL file.
	mustLoadIDL(t, `{"smithy":"2.0","shapes":{"my.traits#flag":{"type":"structure","traits":{"smithy.api#trait":{}}}}}`,
		"$version: \"2\"\nnamespace example\nuse my.traits#flag\n@flag\nstring S\n")
}

func TestUnknownTraitInJSONApply(t *testing.T) {
	_, err := load(t, `{"smithy":"2.0","shapes":{"a#S":{"type":"string"},
	  "a#S$x":{"type":"apply","traits":{"smithy.api#lenght":{"min":1}}}}}`)
	want := `m0.json: a#S$x: shapes["a#S$x"].traits["smithy.api#lenght"]: unknown trait smithy.api#lenght: no trait definition has this ID; did you mean smithy.api#length?`
	if got := firstLine(err); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// With AllowUnknownTraits an unknown trait is kept, unchecked, and
// reported as a warning; everything else stays an error.
func TestAllowUnknownTraits(t *testing.T) {
	src := Source{Name: "m.smithy", Data: []byte("$version: \"2\"\nnamespace example\nuse other#thing\n@thing\n@custom(x: 1)\nstring S\n")}
	m, err := Options{AllowUnknownTraits: true}.Load(src)
	if err != nil {
		t.Fatal(err)
	}
	if raw, ok := shape(t, m, "example#S").Traits.Raw("example#custom"); !ok || raw != `{"x":1}` {
		t.Errorf("the unknown trait must be kept: %q %v", raw, ok)
	}
	var got []string
	for _, w := range m.Warnings() {
		got = append(got, firstLine(w))
	}
	want := []string{ // use statements first, then traits by shape and trait ID
		"m.smithy:3:5: use other#thing: no shape other#thing is defined",
		"m.smithy:5:1: example#S: unknown trait @custom: no use statement imports custom, namespace example defines no trait custom, and the prelude has none either",
		"m.smithy:4:1: example#S: unknown trait @thing: the use statement at line 3 imports other#thing, which is not defined",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	bad := Source{Name: "m.smithy", Data: []byte("$version: \"2\"\nnamespace example\n@length(min: true)\nstring S\n")}
	if _, err := (Options{AllowUnknownTraits: true}).Load(bad); err == nil {
		t.Error("an invalid value of a known trait must stay an error")
	}
	if _, err := Load(src); err == nil {
		t.Error("without the option, an unknown trait is an error")
	}
}

func TestTraitValuesAreChecked(t *testing.T) {
	const head = "$version: \"2\"\nnamespace example\n"
	for _, c := range []struct{ name, src, want string }{
		{"string for a number", head + "@length(min: \"a\")\nstring S\n",
			`m0.smithy:3:14: example#S: trait smithy.api#length: min: want an integer, got a string "a"`},
		{"enum value", head + "@timestampFormat(\"iso\")\ntimestamp T\n",
			`m0.smithy:3:1: example#T: trait smithy.api#timestampFormat: "iso" is not one of "date-time", "epoch-seconds", "http-date"`},
		{"list element", head + "@tags([\"a\", 1])\nstring S\n",
			`m0.smithy:3:13: example#S: trait smithy.api#tags: [1]: want a string, got a number 1`},
		{"required member", head + "@http(method: \"GET\")\noperation O {}\n",
			`m0.smithy:3:1: example#O: trait smithy.api#http: missing required member "uri"`},
		{"range of a member", head + "@http(method: \"GET\", uri: \"/\", code: 42)\noperation O {}\n",
			`m0.smithy:3:38: example#O: trait smithy.api#http: code: 42 is out of range [100, 999]`},
		{"length of a target", head + "@http(method: \"\", uri: \"/\")\noperation O {}\n",
			`m0.smithy:3:15: example#O: trait smithy.api#http: method: the length 0 is out of range (min 1)`},
		{"annotation with a value", head + "@required(\"yes\")\nstring S\n",
			`m0.smithy:3:1: example#S: trait smithy.api#required: want {} (an annotation trait takes no value), got a string "yes"`},
		{"typo in a member name", head + "@length(mni: 1)\nstring S\n",
			`m0.smithy:3:9: example#S: trait smithy.api#length: mni: unknown member "mni"; did you mean "min"?`},
		{"union with two members", head + "use smithy.test#smokeTests\n@smokeTests([{id: \"ab\", params: {}, expect: {success: {}, failure: {}}}])\noperation O {}\n",
			`m0.smithy:4:45: example#O: trait smithy.test#smokeTests: [0].expect: a union value takes exactly one member, got 2`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := loadIDL(t, c.src)
			if got := firstLine(err); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

// Definitions gain members over time, and models carry the members of the
// definitions they were built with: an unknown member that is no typo is a
// warning, as in Smithy.
func TestUnknownTraitMemberIsAWarning(t *testing.T) {
	m := mustLoad(t, `{"smithy":"2.0","shapes":{"a#Svc":{"type":"service","traits":{"aws.api#service":{"sdkId":"X","somethingNew":1}}}}}`)
	w := m.Warnings()
	want := `m0.json: a#Svc: shapes["a#Svc"].traits["aws.api#service"].somethingNew: trait aws.api#service: somethingNew: unknown member "somethingNew"`
	if len(w) != 1 || !strings.HasPrefix(w[0].Error(), want) {
		t.Errorf("warnings %v, want %s...", w, want)
	}
}

// A trait applied where its selector excludes it is reported (as a
// warning, see checkSelector); one applied where it belongs is not.
func TestTraitSelectors(t *testing.T) {
	const head = "$version: \"2\"\nnamespace example\n"
	for _, c := range []struct{ name, src, want string }{
		{"length on a structure", head + "@length(min: 1)\nstructure S {}\n",
			`m0.smithy:3:1: example#S: trait smithy.api#length does not apply to example#S, a structure: its selector is ":test(list, map, string, blob, member > :is(list, map, string, blob))"`},
		{"httpLabel on an optional member", head + "structure S { @httpLabel x: String }\n",
			`m0.smithy:3:15: example#S$x: trait smithy.api#httpLabel does not apply to example#S$x, a member: its selector is "structure > member[trait|required] :test(> :test(string, number, boolean, timestamp))"`},
		{"httpError without error", head + "@httpError(404)\nstructure E {}\n",
			`m0.smithy:3:1: example#E: trait smithy.api#httpError does not apply to example#E, a structure: its selector is "structure[trait|error]"`},
		{"fine", head + "@length(min: 1)\nlist L { @length(max: 3) member: String }\n@error(\"client\") @httpError(404)\nstructure E {}\n", ""},
		{"enum through string", head + "@length(min: 1)\nenum E { A }\n", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, err := loadIDL(t, c.src)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range m.Warnings() {
				got = append(got, firstLine(w))
			}
			if strings.Join(got, "\n") != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestParseSelectorRefusesWhatItCannotEvaluate(t *testing.T) {
	for sel, ok := range map[string]bool{
		"structure > member":                                    true,
		":test(string, member > string)":                        true,
		"operation -[input, output]-> structure > member":       true,
		"service [trait|xmlNamespace]":                          true,
		"[trait|smithy.rules#endpointRuleSet]":                  true,
		"[id=smithy.api#Unit]":                                  true,
		"service[trait|aws.auth#cognitoUserPools] ~> operation": true,
		"[trait|error = client]":                                false,
		"member :in(${x})":                                      false,
		"dataType":                                              false,
		"structure <":                                           false,
		":test(string":                                          false,
	} {
		if _, got := parseSelector(sel); got != ok {
			t.Errorf("parseSelector(%q) ok=%v, want %v", sel, got, ok)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"length", "length", 0}, {"lenght", "length", 1}, {"sensitve", "sensitive", 1}, {"", "abc", 3}, {"restJsonOne", "restJson1", 3}} {
		if got := editDistance(c.a, c.b); got != c.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
	if got := closest("restJsonOne", []string{"restXml", "restJson1"}); got != "restJson1" {
		t.Errorf("closest: %q", got)
	}
	if got := closest("zzz", []string{"length"}); got != "" {
		t.Errorf("closest suggests %q for an unrelated name", got)
	}
}

// The embedded definitions cover the namespaces the generator knows, and
// give IDL files the prelude's public names (and not its private ones).
func TestEmbeddedDefinitions(t *testing.T) {
	k := embeddedDefs()
	for _, id := range []string{"smithy.api#length", "smithy.api#sensitive", "aws.api#service", "aws.auth#sigv4",
		"aws.protocols#restJson1", "aws.customizations#s3UnwrappedXmlOutput", "aws.iam#actionPermissionDescription",
		"aws.cloudformation#cfnResource", "aws.apigateway#integration", "aws.endpoints#standardRegionalEndpoints",
		"smithy.rules#endpointRuleSet", "smithy.waiters#waitable", "smithy.test#httpRequestTests", "smithy.test#smokeTests",
		"smithy.protocols#rpcv2Cbor", "smithy.mqtt#publish"} {
		if id, _ := ParseID(id); !k.traits[id] {
			t.Errorf("%s is not an embedded trait", id)
		}
	}
	if !isPreludeName("String") || !isPreludeName("length") || isPreludeName("NonEmptyString") {
		t.Error("prelude names: want public shapes only")
	}
}
