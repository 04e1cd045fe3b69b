package jsonwire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// memberValues decodes an object with Member, returning "index=value" for
// each member it reports (values read as raw JSON), and the error.
func memberValues(m *Members, input string) ([]string, error) {
	d := NewDecoderString(input)
	var got []string
	if d.BeginObject() {
		for i := d.Member(m, -1); i >= 0; i = d.Member(m, i) {
			got = append(got, fmt.Sprintf("%d=%s", i, d.Raw()))
		}
	}
	d.End()
	return got, d.Err()
}

func TestMemberFindsEachNameHoweverWritten(t *testing.T) {
	m := &Members{Names: []string{"SiteId", "SiteArn", "a", "Tags", "Ω", `q"uote`, "Si"}}
	cases := []struct {
		input string
		want  []string
	}{
		{`{}`, nil},
		{` { } `, nil},
		{`{"SiteId":"x","SiteArn":"y"}`, []string{`0="x"`, `1="y"`}},
		// Names sharing their first four bytes, in either order.
		{`{"SiteArn":1,"SiteId":2}`, []string{`1=1`, `0=2`}},
		// A name that begins another's word but is shorter.
		{`{"Si":1,"SiteI":2,"SiteIdX":3}`, []string{`6=1`}},
		// Unknown members are skipped, whatever their value.
		{`{"Other":{"SiteId":[1,2,{"a":3}]},"a":4,"zz":null}`, []string{`2=4`}},
		// Null leaves a member unset.
		{`{"SiteId":null,"Tags":null,"Si":null}`, nil},
		{`{"SiteId": null ,"Tags":[]}`, []string{`3=[]`}},
		// Escaped names, space around names and ':', non-ASCII and names
		// needing escapes all go the slow way.
		{`{"Site\u0049d":1}`, []string{`0=1`}},
		{`{ "SiteId" : 1 , "SiteArn"  :2}`, []string{`0=1`, `1=2`}},
		{`{"Ω":1,"q\"uote":2}`, []string{`4=1`, `5=2`}},
		// A repeated member is reported each time; the last value wins in
		// generated code.
		{`{"Tags":1,"Tags":2}`, []string{`3=1`, `3=2`}},
	}
	for _, c := range cases {
		got, err := memberValues(m, c.input)
		if err != nil {
			t.Errorf("%s: %v", c.input, err)
			continue
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.input, got, c.want)
		}
	}
}

func TestMemberReportsSyntaxErrors(t *testing.T) {
	m := &Members{Names: []string{"SiteId"}}
	for _, input := range []string{`{"SiteId"1}`, `{"SiteId":1 "x":2}`, `{"SiteId":1,}`, `{"SiteId":`, `{"Site`, `{,"SiteId":1}`} {
		if _, err := memberValues(m, input); err == nil {
			t.Errorf("%s: no error", input)
		}
	}
}

// TestMemberAgreesWithNextKey decodes random objects over random name sets
// with Member and with NextKey and a map, which must agree: names known and
// unknown, escaped or not, values of every kind, compact or with space
// between tokens, and with room after the object for Member's fast paths,
// whose words reach 25 bytes past a name's quote. Each object is decoded
// twice, the second time with the guesses the first left.
func TestMemberAgreesWithNextKey(t *testing.T) {
	values := []string{"0", "-12.5e3", "null", "true", `""`, `"v"`, `"a\"b\u00e9"`, `"` + strings.Repeat("long ", 9) + `"`,
		"[]", "{}", `[1,"x",[null]]`, `{"x":[1,{"y":"z"}],"SiteId":2}`, `{ "Id" : [ ] }`}
	separators := []string{",", ",", ", ", ",\n  "}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"A", "b", "Id", "Arn", "Site", "Name", "x", "é", `\u0041`, "Status"}
	randName := func() string {
		var b strings.Builder
		for n := 1 + r.IntN(4); n > 0; n-- {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	unescape := func(s string) string { return strings.ReplaceAll(s, `\u0041`, "A") }
	for round := range 2000 {
		var names []string
		index := map[string]int{}
		for range 1 + r.IntN(40) {
			n := unescape(randName())
			if _, dup := index[n]; !dup {
				index[n] = len(names)
				names = append(names, n)
			}
		}
		m := &Members{Names: names}
		sep := separators[r.IntN(len(separators))]
		var in strings.Builder
		in.WriteString("{")
		for k := range r.IntN(12) {
			if k > 0 {
				in.WriteString(sep)
			}
			key := randName()
			if r.IntN(3) == 0 {
				key = names[r.IntN(len(names))]
			}
			value := fmt.Sprint(k)
			if r.IntN(2) == 0 {
				value = values[r.IntN(len(values))]
			}
			colon := ":"
			if r.IntN(10) == 0 {
				colon = " : "
			}
			fmt.Fprintf(&in, "%q%s%s", key, colon, value)
		}
		in.WriteString("}")
		if r.IntN(2) == 0 {
			in.WriteString(strings.Repeat(" ", 32))
		}
		input := strings.ReplaceAll(in.String(), `\\u0041`, `\u0041`)

		got, err := memberValues(m, input)
		if err != nil {
			t.Fatalf("round %d: %s: %v", round, input, err)
		}
		again, err := memberValues(m, input)
		if err != nil {
			t.Fatalf("round %d, again: %s: %v", round, input, err)
		}
		var want []string
		d := NewDecoderString(input)
		d.BeginObject()
		for {
			key, ok := d.NextKey()
			if !ok {
				break
			}
			i, known := index[string(key)]
			if !known {
				d.Skip()
				continue
			}
			if d.Null() {
				continue
			}
			want = append(want, fmt.Sprintf("%d=%s", i, d.Raw()))
		}
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: names %q, input %s: got %q, want %q", round, names, input, got, want)
		}
		if !slices.Equal(again, want) {
			t.Fatalf("round %d, again: names %q, input %s: got %q, want %q", round, names, input, again, want)
		}
	}
}

func TestMemberTableIsSharedSafely(t *testing.T) {
	m := &Members{Names: []string{"One", "Two", "Three"}}
	done := make(chan []string)
	for range 4 {
		go func() {
			got, _ := memberValues(m, `{"Two":2,"Three":3,"One":1}`)
			done <- got
		}()
	}
	for range 4 {
		if got := <-done; !slices.Equal(got, []string{"1=2", "2=3", "0=1"}) {
			t.Errorf("got %q", got)
		}
	}
}

// BenchmarkMember reads objects of Site's members: "all" has every member
// in the model's order, as Member guesses; "omit30" is a page of objects
// each leaving out members at random (three in ten), as services leave
// out members without a value, so that the member after one left out is
// not the guess.
func BenchmarkMember(b *testing.B) {
	names := []string{"SiteId", "AccountId", "Name", "Description", "Tags", "SiteArn", "Notes",
		"OperatingAddressCountryCode", "OperatingAddressStateOrRegion", "OperatingAddressCity", "RackPhysicalProperties"}
	page := func(objects int, omit float64) []byte {
		r := rand.New(rand.NewPCG(5, 6))
		var in strings.Builder
		in.WriteString("[")
		for o := range objects {
			if o > 0 {
				in.WriteString(",")
			}
			in.WriteString("{")
			first := true
			for i, name := range names {
				if r.Float64() < omit {
					continue
				}
				if !first {
					in.WriteString(",")
				}
				first = false
				fmt.Fprintf(&in, "%q:%d", name, i)
			}
			in.WriteString("}")
		}
		in.WriteString("]")
		return []byte(in.String())
	}
	for _, c := range []struct {
		name  string
		input []byte
	}{{"all", page(1, 0)}, {"omit30", page(64, 0.3)}} {
		b.Run(c.name, func(b *testing.B) {
			m := &Members{Names: names}
			b.SetBytes(int64(len(c.input)))
			d0 := NewDecoder(c.input)
			for b.Loop() {
				d := d0
				d.s, d.pos, d.depth = c.input, 0, 0
				d.BeginArray()
				for d.NextElem() {
					d.BeginObject()
					for i := d.Member(m, -1); i >= 0; i = d.Member(m, i) {
						d.Int32()
					}
				}
			}
		})
	}
}

// TestMemberFastPath decodes documents whose members come in the same
// order every time, some left out, so that Member's guess of the next
// name is mostly right after the first and sometimes wrong (the fast path
// then looks the name up in the table): names of every length
// around the sixteen bytes (with quote and ':') that it confirms by
// itself, null and spaced values after a guessed name, '}' right after a
// member, and each document also cut short, so that its last members are
// within 25 bytes of the end of the input. Each document is decoded a few
// times over (the guesses persist in the Members) and checked against
// NextKey.
func TestMemberFastPath(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	names := []string{"ab", "abc", "abcd", "Name", "Names", "SiteArnXY", "abcdefghijklm", "abcdefghijklmn",
		"abcdefghijklmno", "abcdefghijklmnop", "OperatingAddressCity", "OperatingAddressCountryCode"}
	index := map[string]int{}
	for i, n := range names {
		index[n] = i
	}
	values := []string{"1", "null", `"x"`, ` 2`, ` null`, `{"ab":1}`, `[]`, `"abcdefghijklmnopqrstuvwxyz"`}
	reference := func(input string) []string {
		var want []string
		d := NewDecoderString(input)
		d.BeginObject()
		for {
			key, ok := d.NextKey()
			if !ok {
				break
			}
			i, known := index[string(key)]
			if !known {
				d.Skip()
				continue
			}
			if d.Null() {
				continue
			}
			want = append(want, fmt.Sprintf("%d=%s", i, d.Raw()))
		}
		return want
	}
	for round := range 300 {
		m := &Members{Names: names}
		order := r.Perm(len(names))[:1+r.IntN(len(names))]
		var docs []string
		for range 3 {
			var in strings.Builder
			in.WriteString("{")
			written := 0
			for _, i := range order {
				if r.IntN(5) == 0 {
					continue // left out: the guess after the one before misses
				}
				if written > 0 {
					in.WriteString(",")
				}
				written++
				name := names[i]
				switch r.IntN(8) {
				case 0:
					name += "Z" // unknown: skipped
				case 1:
					// Unknown too, but with the same first and last
					// eight bytes, for the names longer than sixteen.
					name = name[:len(name)/2] + "_" + name[len(name)/2+1:]
				}
				fmt.Fprintf(&in, "%q:%s", name, values[r.IntN(len(values))])
			}
			in.WriteString("}")
			docs = append(docs, in.String(), in.String()+strings.Repeat(" ", 30))
		}
		for _, input := range docs {
			got, err := memberValues(m, input)
			if err != nil {
				t.Fatalf("round %d: %s: %v", round, input, err)
			}
			if want := reference(input); !slices.Equal(got, want) {
				t.Fatalf("round %d: input %s: got %q, want %q", round, input, got, want)
			}
		}
	}
}

// TestMemberGuessKeepsNearestFollower checks what Member learns of a
// service's order: once the input has shown the members in order, a member
// left out does not move the guess after the one before it (the left-out
// member is still the likeliest next time), while a different order
// replaces the guesses; and the model's order, which the guesses start
// from, is not trusted where the service's differs.
func TestMemberGuessKeepsNearestFollower(t *testing.T) {
	names := []string{"Alpha", "Bravo", "Charlie", "Delta", "Echo"}
	m := &Members{Names: names}
	decode := func(input string) {
		t.Helper()
		// Spaces after the object keep its last name 25 bytes from the
		// end, as the table's lookup needs.
		if _, err := memberValues(m, input+strings.Repeat(" ", 25)); err != nil {
			t.Fatalf("%s: %v", input, err)
		}
	}
	guesses := func() []uint32 {
		table := (*memberTable)(m.table)
		var g []uint32
		for k := range table.after {
			g = append(g, table.after[k].Load())
		}
		return g
	}
	// The guesses start in the model's order, and a guess that matches is
	// not stored: two other orders first, then the model's, store every
	// link the model's order uses.
	const inOrder = `{"Alpha":1,"Bravo":2,"Charlie":3,"Delta":4,"Echo":5}`
	decode(`{"Echo":5,"Delta":4,"Charlie":3,"Bravo":2,"Alpha":1}`)
	decode(`{"Alpha":1,"Echo":5,"Delta":4,"Charlie":3,"Bravo":2}`)
	decode(inOrder)
	want := guesses()
	if !slices.Equal(want, []uint32{0, 1, 2, 3, 4, 3}) { // Echo, last, keeps Delta
		t.Fatalf("in order: guesses %v", want)
	}
	// One left out, then two in a row, then the first and the last.
	for _, input := range []string{
		`{"Alpha":1,"Charlie":3,"Delta":4,"Echo":5}`,
		`{"Alpha":1,"Delta":4,"Echo":5}`,
		`{"Bravo":2,"Charlie":3,"Delta":4}`,
	} {
		decode(input)
		if got := guesses(); !slices.Equal(got, want) {
			t.Fatalf("after %s: guesses %v, want them kept as %v", input, got, want)
		}
	}
	// Three left out in a row is no longer a skip: the guess moves, and the
	// next object with the nearer member moves it back.
	decode(`{"Alpha":1,"Echo":5}`)
	if got := guesses(); got[0+1] != 4 {
		t.Fatalf("after three left out: guess after Alpha %d, want 4 (Echo)", got[1])
	}
	decode(inOrder)
	if got := guesses(); !slices.Equal(got, want) {
		t.Fatalf("back in order: guesses %v, want %v", got, want)
	}
	// Another order altogether, as a service writing names alphabetically
	// backwards would: an object read once moves the guesses to it.
	decode(`{"Echo":5,"Delta":4,"Charlie":3,"Bravo":2,"Alpha":1}`)
	// after[k+1] is what followed member k; '}' is looked for before any
	// guess, so the one after Alpha, now last, stays.
	if got, want := guesses(), []uint32{4, 1, 0, 1, 2, 3}; !slices.Equal(got, want) {
		t.Fatalf("reversed: guesses %v, want %v", got, want)
	}

	// Services whose order differs from the model's by a swap: the model's
	// links say Charlie follows Bravo, which would make the miss after
	// Alpha (Charlie where Bravo was guessed) look like Bravo left out; and
	// for two members written the other way round (as an alphabetical
	// order writes InstanceType and Count), that the second follows the
	// first, for ever. Only links the input showed count, so the guesses
	// follow the service from the first object.
	m = &Members{Names: names}
	decode(`{"Alpha":1,"Charlie":3,"Bravo":2,"Delta":4,"Echo":5}`)
	if got, want := guesses(), []uint32{0, 2, 3, 1, 4, 5}; !slices.Equal(got, want) {
		t.Fatalf("swapped: guesses %v, want %v", got, want)
	}
	m = &Members{Names: []string{"InstanceType", "Count"}}
	for range 3 {
		decode(`{"Count":1,"InstanceType":"m5.large"}`)
	}
	// Count first, InstanceType after Count; InstanceType, last, keeps its
	// guess (see above).
	if got, want := guesses(), []uint32{1, 1, 0}; !slices.Equal(got, want) {
		t.Fatalf("two members the other way round: guesses %v, want %v", got, want)
	}
}

// TestNextKeyStringAgreesWithNextKey reads objects with NextKeyString,
// whose fast path keeps short plain names with scanString, and with
// NextKey: names of every length up to 24 bytes, escaped and non-ASCII
// ones, space around ',' and ':', empty objects and malformed ones, each
// ending at every distance from the end of the input. The names, values
// and errors must agree, and the names NextKeyString returned must not
// change as the rest is read.
func TestNextKeyStringAgreesWithNextKey(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	names := []string{"", "a", "ab"}
	for n := 3; n <= 24; n++ {
		names = append(names, strings.Repeat("k", n-1)+fmt.Sprint(n%10))
	}
	names = append(names, `a\nb`, `é`, `\u0041BC`, "GgMJDXpmuf")
	seps := []string{",", ",", ",", " ,", ", "}
	colons := []string{":", ":", ":", " :", ": "}
	type result struct {
		keys, values []string
		err          string
	}
	readWith := func(input string, keyString bool) result {
		var res result
		d := NewDecoderString(input)
		if d.BeginObject() {
			for {
				var k string
				var ok bool
				if keyString {
					k, ok = d.NextKeyString()
				} else {
					var b []byte
					b, ok = d.NextKey()
					k = string(b)
				}
				if !ok {
					break
				}
				res.keys = append(res.keys, k)
				res.values = append(res.values, d.String())
			}
		}
		d.End()
		if d.Err() != nil {
			res.err = d.Err().Error()
		}
		return res
	}
	for round := range 5000 {
		var in strings.Builder
		in.WriteString("{")
		if r.IntN(10) == 0 {
			in.WriteString(",") // malformed
		}
		for k := range r.IntN(8) {
			if k > 0 {
				in.WriteString(seps[r.IntN(len(seps))])
			}
			fmt.Fprintf(&in, `"%s"%s"v%d"`, names[r.IntN(len(names))], colons[r.IntN(len(colons))], k)
		}
		if r.IntN(10) == 0 {
			in.WriteString(",") // malformed
		}
		in.WriteString("}")
		input := in.String() + strings.Repeat(" ", r.IntN(20))
		got, want := readWith(input, true), readWith(input, false)
		if !slices.Equal(got.keys, want.keys) || !slices.Equal(got.values, want.values) || got.err != want.err {
			t.Fatalf("round %d: %s: NextKeyString %q %q %q; NextKey %q %q %q", round, input, got.keys, got.values, got.err, want.keys, want.values, want.err)
		}
	}
}

// TestMemberEntryMatches holds the table's comparison of a name with the
// input, which Member's fast path and its guess rely on, to the name's
// exact bytes for names of every length from 2 to 48 bytes: the name
// itself, followed by '"' and ':', must match, and so must nothing that
// differs from it in one byte. A name the comparison fails on is still
// found, by the slow path; this is what keeps it off that path.
func TestMemberEntryMatches(t *testing.T) {
	const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	for n := 2; n <= 48; n++ {
		name := strings.Repeat(chars, 2)[n%7 : n%7+n]
		tab := newMemberTable([]string{"x0", name, "Other"}, `":`)
		e := &tab.entries[1]
		match := func(in string) bool {
			b := []byte(in + strings.Repeat(" ", 24))
			return e.matches(b) && (!e.long || e.matchesTail(b))
		}
		if !match(name + `":1`) {
			t.Fatalf("a name of %d bytes does not match itself", n)
		}
		q := []byte(name + `":`)
		for i := range q {
			for _, c := range []byte{'A', 'z', '"', 0} {
				if c == q[i] {
					continue
				}
				changed := slices.Clone(q)
				changed[i] = c
				if match(string(changed)) {
					t.Fatalf("the name %q matches %q", q, changed)
				}
			}
		}
	}
}

// TestIndentedDocuments reads pages of objects (scalar members, some null,
// some unknown, a nested list of strings, a map) written compact and
// spaced: json.Indent with spaces, with tabs, and with "\r\n" line ends;
// with ", " and ": " between tokens, as Python's json.dumps writes; and with
// a random run of whitespace at every place JSON allows one (runs of up to
// twenty bytes, so that the word-at-a-time spaces of skipIndent stop at
// every offset of a word). It checks that Member, NextKeyString, NextElem
// and the value readers give the same values from each, and that a form
// feed in any one run (not JSON whitespace) is an error, as
// encoding/json finds it.
func TestIndentedDocuments(t *testing.T) {
	names := []string{"SiteId", "Name", "Count", "Enabled", "Labels", "Description", "Tags"}
	m := &Members{Names: names}
	r := rand.New(rand.NewPCG(9, 10))
	read := func(input string) ([]string, error) {
		d := NewDecoderString(input)
		var got []string
		for d.BeginArray(); d.NextElem(); {
			d.BeginObject()
			for i := d.Member(m, -1); i >= 0; i = d.Member(m, i) {
				switch names[i] {
				case "Count":
					got = append(got, fmt.Sprint(i, "=", d.Int64()))
				case "Enabled":
					got = append(got, fmt.Sprint(i, "=", d.Bool()))
				case "Labels":
					var labels []string
					for d.BeginArray(); d.NextElem(); {
						labels = append(labels, d.String())
					}
					got = append(got, fmt.Sprint(i, "=", labels))
				case "Tags":
					var tags []string
					if d.BeginObject() {
						for {
							k, ok := d.NextKeyString()
							if !ok {
								break
							}
							tags = append(tags, k+":"+d.String())
						}
					}
					got = append(got, fmt.Sprint(i, "=", tags))
				default:
					got = append(got, fmt.Sprint(i, "=", d.String()))
				}
			}
		}
		d.End()
		return got, d.Err()
	}
	for round := range 100 {
		var page strings.Builder
		page.WriteString("[")
		for o := range 1 + r.IntN(20) {
			if o > 0 {
				page.WriteString(",")
			}
			page.WriteString("{")
			first := true
			for _, k := range r.Perm(len(names) + 1) {
				if r.IntN(4) == 0 {
					continue
				}
				if !first {
					page.WriteString(",")
				}
				first = false
				name := "Unknown"
				if k < len(names) {
					name = names[k]
				}
				var v string
				switch {
				case r.IntN(6) == 0:
					v = "null"
				case name == "Count":
					v = fmt.Sprint(r.IntN(1e6))
				case name == "Enabled":
					v = fmt.Sprint(r.IntN(2) == 0)
				case name == "Labels":
					v = []string{`[]`, `["a"]`, `["a", "b c"]`, `["a", "b c", "é"]`}[r.IntN(4)]
				case name == "Tags":
					v = []string{`{}`, `{"k":"v"}`, `{"env":"prod","team":"a b","x":""}`}[r.IntN(3)]
				default:
					v = fmt.Sprintf("%q", strings.Repeat("x", r.IntN(40)))
				}
				fmt.Fprintf(&page, "%q:%s", name, v)
			}
			page.WriteString("}")
		}
		page.WriteString("]")
		compact := new(bytes.Buffer)
		if err := json.Compact(compact, []byte(page.String())); err != nil {
			t.Fatalf("round %d: %v\n%s", round, err, page.String())
		}
		want, err := read(compact.String())
		if err != nil {
			t.Fatalf("round %d: compact: %v\n%s", round, err, compact)
		}
		var docs []string
		for _, indent := range []string{"  ", "\t", "    "} {
			var out bytes.Buffer
			if err := json.Indent(&out, compact.Bytes(), "", indent); err != nil {
				t.Fatal(err)
			}
			docs = append(docs, out.String(), strings.ReplaceAll(out.String(), "\n", "\r\n"))
		}
		docs = append(docs,
			respace(compact.String(), func() string { return " " }),
			respace(compact.String(), func() string { return randomSpace(r) }))
		for _, doc := range docs {
			got, err := read(doc)
			if err != nil || !slices.Equal(got, want) {
				t.Fatalf("round %d: got %q, %v; want %q\n%s", round, got, err, want, doc)
			}
		}
		// A form feed in one run of whitespace, placed at random.
		places := 0
		respace(compact.String(), func() string { places++; return "" })
		at := r.IntN(places)
		doc := respace(compact.String(), func() string {
			s := randomSpace(r)
			if at--; at == -1 {
				k := r.IntN(len(s) + 1)
				s = s[:k] + "\f" + s[k:]
			}
			return s
		})
		if json.Valid([]byte(doc)) {
			t.Fatalf("round %d: encoding/json reads the form feed as whitespace", round)
		}
		if _, err := read(doc); err == nil {
			t.Fatalf("round %d: a form feed in the whitespace was read without an error\n%q", round, doc)
		}
	}
}

// respace returns the compact JSON text with space() written after every
// ',' and ':' and on both sides of every bracket, outside strings: every
// place JSON allows whitespace but the ends.
func respace(compact string, space func() string) string {
	var b strings.Builder
	inString, escaped := false, false
	for i := range len(compact) {
		c := compact[i]
		switch {
		case inString:
			b.WriteByte(c)
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		case c == '"':
			inString = true
		case c == '}' || c == ']':
			b.WriteString(space())
		}
		b.WriteByte(c)
		if c == ',' || c == ':' || c == '{' || c == '[' {
			b.WriteString(space())
		}
	}
	return b.String()
}

// randomSpace is a run of zero to twenty JSON whitespace bytes, most often
// a newline and spaces, as indenting encoders write.
func randomSpace(r *rand.Rand) string {
	n := r.IntN(21)
	if r.IntN(3) > 0 {
		return "\n" + strings.Repeat(" ", n)
	}
	b := make([]byte, n)
	for i := range b {
		b[i] = " \t\n\r"[r.IntN(4)]
	}
	return string(b)
}

// TestTableKeysOnSharedLength builds tables of names that begin alike, as
// an enum's values do: the table hashes as many bytes as the shortest name
// has (with its end; names shorter than that can be are compared one by
// one), so names that differ within them each get a slot of their own, and
// each is found by the input.
func TestTableKeysOnSharedLength(t *testing.T) {
	for _, tc := range []struct {
		end   string
		names []string
	}{
		{`"`, []string{"POWER_5_KVA", "POWER_10_KVA", "POWER_15_KVA", "POWER_20_KVA", "POWER_30_KVA"}},
		{`"`, []string{"UPLINK_COUNT_1", "UPLINK_COUNT_2", "UPLINK_COUNT_3", "UPLINK_COUNT_4", "UPLINK_COUNT_12", "UPLINK_COUNT_16"}},
		{`":`, []string{"InstanceType", "InstanceFamilies", "InstanceId", "InstanceCount"}},
		// Names too short to hash are compared one by one.
		{`"`, []string{"S3", "EBS", "A", "ABCDEFGH"}},
		{`":`, []string{"x", "y", "Name"}},
	} {
		tab := newMemberTable(tc.names, tc.end)
		for slot, k := range tab.slots {
			if k != 0 && tab.entries[k-1].next != 0 {
				t.Errorf("%q: slot %d holds %q and %q", tc.names, slot, tc.names[k-1], tc.names[tab.entries[k-1].next-1])
			}
		}
		for i, name := range tc.names {
			in := []byte(name + tc.end + strings.Repeat(" ", 24))
			if got := tab.index(in); got != i {
				t.Errorf("%q: index(%q) = %d, want %d", tc.names, in, got, i)
			}
		}
	}
}

// TestMemberFollowing checks the miss path's first try: the member one or
// two after the guess that missed, in the order the guesses hold, is found
// without the hash, and one further on is left to it (-1); what is found
// replaces the guess as lookup's would.
func TestMemberFollowing(t *testing.T) {
	m := &Members{Names: []string{"Alpha", "Bravo", "Charlie", "Delta", "Echo"}}
	table := m.build()
	rest := func(name string) []byte {
		return []byte(`"` + name + `":1` + strings.Repeat(" ", 24))[1:]
	}
	// After Alpha (prev 0) the guess is Bravo (1), which the input left out.
	for _, c := range []struct {
		name string
		want int
	}{{"Charlie", 2}, {"Delta", 3}, {"Echo", -1}, {"Bravo", -1}, {"Zulu", -1}} {
		table.after[1].Store(1)
		if got := table.following(rest(c.name), 0, 1); got != c.want {
			t.Errorf("%s after a missed Bravo: %d, want %d", c.name, got, c.want)
		}
		if c.want >= 0 {
			// Nothing was seen in the input yet: the guess moves, as
			// lookup moves it.
			if g := table.after[1].Load(); g != uint32(c.want) {
				t.Errorf("%s: guess after Alpha %d, want %d", c.name, g, c.want)
			}
		}
	}
	// Once the links were seen, a skip keeps the guess.
	for k := range table.seen {
		table.seen[k].Store(true)
	}
	table.after[1].Store(1)
	if got := table.following(rest("Delta"), 0, 1); got != 3 || table.after[1].Load() != 1 {
		t.Errorf("Delta after a missed Bravo, links seen: %d, guess %d; want 3, guess kept 1", got, table.after[1].Load())
	}
}

// TestMemberScatteredOrder decodes a page of objects whose members come in
// an order of their own in each, and one whose members come in one order
// with a third of them left out, checking each member Member reports
// against what was written, and how often the Decoder switched to finding
// names by the hash alone (see scatterLimit): in the first, it must, and
// in the second, written in one order (not the model's) and where
// following finds most names, never.
func TestMemberScatteredOrder(t *testing.T) {
	var names []string
	for _, suffix := range []string{"", "Id", "Arn"} {
		for _, n := range []string{"Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"} {
			names = append(names, n+suffix)
		}
	}
	for _, c := range []struct {
		name      string
		shuffle   bool
		omit      float64
		minSwitch int
		maxSwitch int
	}{
		{"shuffled", true, 0, 2, 1 << 20},
		// In an order other than the model's, which the guesses start
		// from: the first object misses them all (24, more than
		// scatterLimit) until they are learned.
		{"omitted", false, 0.3, 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(7, 8))
			m := &Members{Names: names}
			var in strings.Builder
			var want [][]int
			in.WriteString("[")
			for k := range 600 {
				if k > 0 {
					in.WriteString(",")
				}
				order := make([]int, len(names))
				for i := range order {
					order[i] = i
				}
				if c.shuffle {
					r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
				} else {
					slices.Reverse(order)
				}
				var obj []int
				in.WriteString("{")
				for _, i := range order {
					if r.Float64() < c.omit {
						continue
					}
					if len(obj) > 0 {
						in.WriteString(",")
					}
					fmt.Fprintf(&in, "%q:%d", names[i], k*len(names)+i)
					obj = append(obj, i)
				}
				in.WriteString("}")
				want = append(want, obj)
			}
			in.WriteString("]")

			d := NewDecoderString(in.String())
			switches, scattered := 0, false
			d.BeginArray()
			for k := 0; d.NextElem(); k++ {
				var got []int
				d.BeginObject()
				for i := d.Member(m, -1); i >= 0; i = d.Member(m, i) {
					if v := d.Int64(); v != int64(k*len(names)+i) {
						t.Fatalf("object %d, member %s: value %d", k, names[i], v)
					}
					got = append(got, i)
					if d.scatter < 0 && !scattered {
						switches++
					}
					scattered = d.scatter < 0
				}
				if !slices.Equal(got, want[k]) {
					t.Fatalf("object %d: members %v, want %v", k, got, want[k])
				}
			}
			d.End()
			if err := d.Err(); err != nil {
				t.Fatal(err)
			}
			if switches < c.minSwitch || switches > c.maxSwitch {
				t.Errorf("switched to the hash alone %d times, want %d to %d", switches, c.minSwitch, c.maxSwitch)
			}
		})
	}
}

// TestMemberGuessSettles decodes objects whose members, in the model's
// order, are each left out at random, and counts how often the guess of an
// object's first member changes once the first objects have been read. A
// member's absence is a miss only where another member follows: with two
// members the link from the first to the last is never moved by the input,
// and a guess that trusted only moved links would swap between the two with
// every object that left the first out (a miss, a store and a hash lookup
// each time). Every value must still be read.
func TestMemberGuessSettles(t *testing.T) {
	for _, names := range [][]string{
		{"InstanceType", "VCPUs"},
		// The first present member is at most two places after the guess,
		// which following finds without moving it.
		{"SiteId", "AccountId", "Name"},
	} {
		t.Run(names[0], func(t *testing.T) {
			r := rand.New(rand.NewPCG(3, 4))
			m := &Members{Names: names}
			var in strings.Builder
			var want [][]int
			in.WriteString("[")
			for k := range 400 {
				if k > 0 {
					in.WriteString(",")
				}
				var obj []int
				in.WriteString("{")
				for i := range names {
					if r.Float64() < 0.3 {
						continue
					}
					if len(obj) > 0 {
						in.WriteString(",")
					}
					fmt.Fprintf(&in, "%q:%d", names[i], k*len(names)+i)
					obj = append(obj, i)
				}
				in.WriteString("}")
				want = append(want, obj)
			}
			in.WriteString("]")

			d := NewDecoderString(in.String())
			changes := 0
			d.BeginArray()
			for k := 0; d.NextElem(); k++ {
				var before uint32
				if tab := (*memberTable)(m.table); tab != nil {
					before = tab.after[0].Load()
				}
				var got []int
				d.BeginObject()
				for i := d.Member(m, -1); i >= 0; i = d.Member(m, i) {
					if v := d.Int64(); v != int64(k*len(names)+i) {
						t.Fatalf("object %d, member %s: value %d", k, names[i], v)
					}
					got = append(got, i)
				}
				if !slices.Equal(got, want[k]) {
					t.Fatalf("object %d: members %v, want %v", k, got, want[k])
				}
				if after := (*memberTable)(m.table).after[0].Load(); k >= 20 && after != before {
					changes++
				}
			}
			d.End()
			if err := d.Err(); err != nil {
				t.Fatal(err)
			}
			if changes > 0 {
				t.Errorf("the guess of the first member changed %d times after the first 20 objects", changes)
			}
		})
	}
}
