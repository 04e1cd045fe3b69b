package httpbind

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/smithygo/smithygo/runtime/textfmt"
)

// Cases named Rest... come from the official Smithy restJson1 protocol tests
// (smithy-aws-protocol-tests, model/restJson1), by test ID.

func TestEscapePath(t *testing.T) {
	tests := []struct {
		in     string
		greedy bool
		want   string
	}{
		{"", false, ""},
		{"string", false, "string"},
		{"AZaz09-._~", false, "AZaz09-._~"},
		// RestJsonHttpRequestLabelEscaping
		{" %:/?#[]@!$&'()*+,;=😹", false, "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"},
		// RestJsonHttpRequestWithGreedyLabelInPath
		{"hello/escape", false, "hello%2Fescape"},
		{"there/guy", true, "there/guy"},
		{"a b/c d", true, "a%20b/c%20d"},
		{"//", true, "//"},
		// RestJsonHttpRequestWithLabelsAndTimestampFormat
		{"2019-12-16T23:48:18Z", false, "2019-12-16T23%3A48%3A18Z"},
		{"Mon, 16 Dec 2019 23:48:18 GMT", false, "Mon%2C%2016%20Dec%202019%2023%3A48%3A18%20GMT"},
		{"é", false, "%C3%A9"},
		{"\x00\xff", false, "%00%FF"},
	}
	for _, tt := range tests {
		if got := EscapePath(tt.in, tt.greedy); got != tt.want {
			t.Errorf("EscapePath(%q, %v) = %q, want %q", tt.in, tt.greedy, got, tt.want)
		}
	}
	if !raceEnabled && testing.AllocsPerRun(100, func() { EscapePath("plain-label_1.2~", false) }) != 0 {
		t.Error("EscapePath allocates when nothing needs escaping")
	}
}

func TestEscapeQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Hello there", "Hello%20there"}, // RestJsonAllQueryStringTypes
		{" %:/?#[]@!$&'()*+,;=😹", "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"}, // RestJsonQueryStringEscaping
		{"1970-01-01T00:00:01Z", "1970-01-01T00%3A00%3A01Z"},
		{"a+b", "a%2Bb"},
		{"a/b", "a%2Fb"},
	}
	for _, tt := range tests {
		if got := EscapeQuery(tt.in); got != tt.want {
			t.Errorf("EscapeQuery(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestQuery(t *testing.T) {
	var q Query
	if q.Encode() != "" || q.Has("a") {
		t.Error("zero Query is not empty")
	}
	// RestJsonConstantQueryString: /ConstantQueryString/{hello}?foo=bar&hello
	q.AddLiteral("foo=bar")
	q.AddLiteral("hello")
	if got := q.Encode(); got != "foo=bar&hello" {
		t.Errorf("literals: %q", got)
	}
	// RestJsonConstantAndVariableQueryStringAllParameters
	q.Add("baz", "bam")
	q.Add("maybeSet", "yes")
	if got := q.Encode(); got != "foo=bar&hello&baz=bam&maybeSet=yes" {
		t.Errorf("%q", got)
	}
	for _, k := range []string{"foo", "hello", "baz", "maybeSet"} {
		if !q.Has(k) {
			t.Errorf("Has(%q) = false", k)
		}
	}
	if q.Has("bar") || q.Has("ba") || q.Has("") {
		t.Error("Has reports a name not added")
	}

	// RestJsonOmitsNullSerializesEmptyString: empty value is "Empty=".
	var q2 Query
	q2.Add("Empty", "")
	// Lists repeat the name: RestJsonAllQueryStringTypes.
	for _, v := range []string{"a", "b", "c"} {
		q2.Add("StringList", v)
	}
	q2.Add("Hello there", "a&b=c")
	if got := q2.Encode(); got != "Empty=&StringList=a&StringList=b&StringList=c&Hello%20there=a%26b%3Dc" {
		t.Errorf("%q", got)
	}
	if !q2.Has("Hello there") {
		t.Error("Has compares unescaped names")
	}

	// RestJsonQueryPrecedence: the named member wins over the map entry.
	var q3 Query
	q3.Add("bar", "named")
	for _, kv := range [][2]string{{"bar", "fromMap"}, {"qux", "alsoFromMap"}} {
		if !q3.Has(kv[0]) {
			q3.Add(kv[0], kv[1])
		}
	}
	if got := q3.Encode(); got != "bar=named&qux=alsoFromMap" {
		t.Errorf("%q", got)
	}
}

func TestAddLiteral(t *testing.T) {
	tests := []struct {
		raw, want, name string
	}{
		{"foo=bar", "foo=bar", "foo"},
		{"flag", "flag", "flag"},
		{"a=", "a=", "a"},
		{"a=b=c", "a=b=c", "a"},
		{"list=a,b;c:d@e/f?g", "list=a,b;c:d@e/f?g", "list"},
		{"x=%2F%3a", "x=%2F%3a", "x"}, // existing escapes kept
		{"sp ace=a b", "sp%20ace=a%20b", "sp ace"},
		{"pct=100%", "pct=100%25", "pct"}, // a bare '%' is encoded
		{"n%41me=v", "n%41me=v", "nAme"},  // Has sees the decoded name
		{"uni=é", "uni=%C3%A9", "uni"},
		{"hash=a#b", "hash=a%23b", "hash"},
	}
	for _, tt := range tests {
		var q Query
		q.AddLiteral(tt.raw)
		if got := q.Encode(); got != tt.want {
			t.Errorf("AddLiteral(%q) = %q, want %q", tt.raw, got, tt.want)
		}
		if !q.Has(tt.name) {
			t.Errorf("AddLiteral(%q): Has(%q) = false", tt.raw, tt.name)
		}
	}
}

func TestHeaderLists(t *testing.T) {
	quote := []struct{ in, want string }{
		{"a", "a"},
		{"b,c", `"b,c"`},
		{`"def"`, `"\"def\""`},
		{`a\b`, `a\b`},
		{`a,\b`, `"a,\\b"`},
		{"", `""`},
		{" lead", `" lead"`},
		{"trail\t", "\"trail\t\""},
		{"in side", "in side"},
	}
	for _, tt := range quote {
		if got := QuoteHeaderItem(tt.in); got != tt.want {
			t.Errorf("QuoteHeaderItem(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
	// RestJsonInputAndOutputWithQuotedStringHeaders
	items := []string{"b,c", `"def"`, "a"}
	var quoted []string
	for _, it := range items {
		quoted = append(quoted, QuoteHeaderItem(it))
	}
	if got := JoinHeaderList(quoted); got != `"b,c", "\"def\"", a` {
		t.Errorf("JoinHeaderList = %s", got)
	}
	if got := JoinHeaderList(nil); got != "" {
		t.Errorf("JoinHeaderList(nil) = %q", got)
	}

	split := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  ", nil},
		{"a", []string{"a"}},
		{"a, b, c", []string{"a", "b", "c"}}, // RestJsonInputAndOutputWithStringHeaders
		{"a,b,c", []string{"a", "b", "c"}},
		{" a ,\tb\t, c ", []string{"a", "b", "c"}},
		{`"b,c", "\"def\"", a`, []string{"b,c", `"def"`, "a"}},
		{"a, , b,", []string{"a", "b"}}, // empty items are ignored
		{`a, "", b`, []string{"a", "", "b"}},
		{`"x\\y"`, []string{`x\y`}},
		{`" spaced "`, []string{" spaced "}},
		{`"unterminated`, []string{"unterminated"}},
		{`"q"junk, b`, []string{"qjunk", "b"}},
		{"1, 2, 3", []string{"1", "2", "3"}},
		{"true, false, true", []string{"true", "false", "true"}},
		{`in "side"`, []string{`in "side"`}},
	}
	for _, tt := range split {
		if got := SplitHeaderList(tt.in); !slices.Equal(got, tt.want) || (got == nil) != (tt.want == nil) {
			t.Errorf("SplitHeaderList(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestHeaderListRoundTrip checks that any items survive
// QuoteHeaderItem, JoinHeaderList and SplitHeaderList.
func TestHeaderListRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "b", " ", "\t", ",", `"`, `\`, "é", "x y"}
	for range 5000 {
		items := make([]string, r.IntN(5))
		var quoted []string
		for i := range items {
			var b strings.Builder
			for range r.IntN(5) {
				b.WriteString(pieces[r.IntN(len(pieces))])
			}
			items[i] = b.String()
			quoted = append(quoted, QuoteHeaderItem(items[i]))
		}
		got := SplitHeaderList(JoinHeaderList(quoted))
		if len(items) == 0 {
			items = nil
		}
		if !slices.Equal(got, items) {
			t.Fatalf("round trip of %q via %q = %q", items, JoinHeaderList(quoted), got)
		}
	}
}

func TestSplitHTTPDateList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{" ", nil},
		// RestJsonInputAndOutputWithTimestampHeaders
		{"Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT",
			[]string{"Mon, 16 Dec 2019 23:48:18 GMT", "Mon, 16 Dec 2019 23:48:18 GMT"}},
		{"Mon, 16 Dec 2019 23:48:18 GMT", []string{"Mon, 16 Dec 2019 23:48:18 GMT"}},
		{"Mon, 16 Dec 2019 23:48:18 GMT,Tue, 17 Dec 2019 23:48:18 GMT,Wed, 18 Dec 2019 23:48:18 GMT",
			[]string{"Mon, 16 Dec 2019 23:48:18 GMT", "Tue, 17 Dec 2019 23:48:18 GMT", "Wed, 18 Dec 2019 23:48:18 GMT"}},
		{`"Mon, 16 Dec 2019 23:48:18 GMT", "Tue, 17 Dec 2019 23:48:18 GMT"`,
			[]string{"Mon, 16 Dec 2019 23:48:18 GMT", "Tue, 17 Dec 2019 23:48:18 GMT"}},
		{"Mon, 16 Dec 2019 23:48:18 GMT, Tue", []string{"Mon, 16 Dec 2019 23:48:18 GMT", "Tue"}}, // malformed: left to the parser
	}
	for _, tt := range tests {
		got := SplitHTTPDateList(tt.in)
		if !slices.Equal(got, tt.want) || (got == nil) != (tt.want == nil) {
			t.Errorf("SplitHTTPDateList(%q) = %q, want %q", tt.in, got, tt.want)
		}
		for _, item := range got {
			if _, err := textfmt.ParseHTTPDate(item); err != nil && !strings.HasSuffix(tt.in, "Tue") {
				t.Errorf("item %q: %v", item, err)
			}
		}
	}
}

// TestTimestamps checks the timestamp formatters (textfmt's, as a few
// cases show; runtime/textfmt tests the formats themselves) and that they
// read back with the parsers generated code calls for HTTP bindings.
func TestTimestamps(t *testing.T) {
	ts := time.Unix(1576540098, 0)
	if got := FormatHTTPDate(time.Unix(1576540098, 999e6)); got != "Mon, 16 Dec 2019 23:48:18 GMT" {
		t.Errorf("FormatHTTPDate = %q", got)
	}
	if got := FormatDateTime(time.Unix(946845296, 123456789)); got != "2000-01-02T20:34:56.123Z" {
		t.Errorf("FormatDateTime = %q", got)
	}
	if got := FormatEpochSeconds(time.Unix(1576540098, 5e8)); got != "1576540098.5" {
		t.Errorf("FormatEpochSeconds = %q", got)
	}
	// RestJsonAllQueryStringTypes: timestamps in a query.
	if got := EscapeQuery(FormatDateTime(time.Unix(1, 0))); got != "1970-01-01T00%3A00%3A01Z" {
		t.Errorf("query timestamp = %q", got)
	}
	parse := []struct {
		name string
		f    func(string) (time.Time, error)
		good string
		bad  string
	}{
		{"http-date", textfmt.ParseHTTPDate, "Mon, 16 Dec 2019 23:48:18 GMT", "Mon, 16 Dec 2019 23:48:18 UTC"},
		{"date-time", textfmt.ParseDateTime, "2019-12-17T00:48:18+01:00", "2019-12-16T23:48:18"},
		{"epoch-seconds", textfmt.ParseEpochSeconds, "1.576540098E9", "0x42"},
	}
	for _, tt := range parse {
		if got, err := tt.f(tt.good); err != nil || !got.Equal(ts) || got.Location() != time.UTC {
			t.Errorf("%s %q = %v, %v; want %v in UTC", tt.name, tt.good, got, err, ts.UTC())
		}
		if got, err := tt.f(tt.bad); err == nil {
			t.Errorf("%s %q = %v, want an error", tt.name, tt.bad, got)
		} else if want := "invalid " + tt.name + " " + strconv.Quote(tt.bad); err.Error() != want {
			t.Errorf("%s %q: error %q, want %q", tt.name, tt.bad, err, want)
		}
	}
}

// TestFloats checks that FormatFloat and ParseFloat are textfmt's, as a few
// cases show; runtime/textfmt tests the format itself.
func TestFloats(t *testing.T) {
	format := []struct {
		v    float64
		bits int
		want string
	}{
		{float64(float32(1.1)), 32, "1.1"}, // RestJsonAllQueryStringTypes, float member
		{1e-7, 64, "1e-7"},
		{math.NaN(), 64, "NaN"},         // RestJsonSupportsNaNFloatQueryValues
		{math.Inf(1), 32, "Infinity"},   // RestJsonSupportsInfinityFloatQueryValues
		{math.Inf(-1), 64, "-Infinity"}, // RestJsonSupportsNegativeInfinityFloatQueryValues
	}
	for _, tt := range format {
		if got := FormatFloat(tt.v, tt.bits); got != tt.want {
			t.Errorf("FormatFloat(%v, %d) = %q, want %q", tt.v, tt.bits, got, tt.want)
		}
	}
	if got, err := ParseFloat("1.1", 32); err != nil || got != float64(float32(1.1)) {
		t.Errorf("ParseFloat(1.1, 32) = %v, %v", got, err)
	}
	if got, err := ParseFloat("-Infinity", 64); err != nil || !math.IsInf(got, -1) {
		t.Errorf("ParseFloat(-Infinity, 64) = %v, %v", got, err)
	}
	if got, err := ParseFloat("3.5e38", 32); err == nil {
		t.Errorf("ParseFloat(3.5e38, 32) = %v, want an error", got)
	}
}

func TestParseBool(t *testing.T) {
	for in, want := range map[string]bool{"true": true, "false": false} {
		if got, err := ParseBool(in); err != nil || got != want {
			t.Errorf("ParseBool(%q) = %v, %v", in, got, err)
		}
	}
	// RestJsonHeaderBooleanStringsRejected and friends.
	for _, in := range []string{"True", "TRUE", "y", "Y", "yes", "1", "on", "False", "FALSE", "n", "no", "0", "off", "", " true", "true "} {
		if got, err := ParseBool(in); err == nil {
			t.Errorf("ParseBool(%q) = %v, want an error", in, got)
		}
	}
}

func TestParseInt(t *testing.T) {
	tests := []struct {
		in   string
		bits int
		want int64
		ok   bool
	}{
		{"123", 32, 123, true},
		{"-1", 8, -1, true},
		{"127", 8, 127, true},
		{"128", 8, 0, false},
		{"-129", 8, 0, false},
		{"256", 8, 0, false}, // RestJsonHeaderByteUnderflowOverflow
		{"32768", 16, 0, false},
		{"2147483648", 32, 0, false},
		{"9223372036854775807", 64, math.MaxInt64, true},
		{"9223372000000000000", 32, 0, false},   // RestJsonHeaderIntegerUnderflowOverflow
		{"184467440737095500000", 64, 0, false}, // RestJsonHeaderLongUnderflowOverflow
		{"123000000000000000000000", 64, 0, false},
		{"1.001", 32, 0, false}, // float_truncation
		{"1e2", 32, 0, false},
		{"true", 32, 0, false},
		{"2ABC", 32, 0, false},
		{"0x42", 32, 0, false},
		{"1_0", 32, 0, false},
		{"+1", 32, 0, false},
		{"", 32, 0, false},
		{"NaN", 32, 0, false},
	}
	for _, tt := range tests {
		got, err := ParseInt(tt.in, tt.bits)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseInt(%q, %d) = %v, %v; want %v, ok %v", tt.in, tt.bits, got, err, tt.want, tt.ok)
		}
	}
}
