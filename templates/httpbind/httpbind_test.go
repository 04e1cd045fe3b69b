package httpbind

import (
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
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
			if _, err := ParseHTTPDate(item); err != nil && !strings.HasSuffix(tt.in, "Tue") {
				t.Errorf("item %q: %v", item, err)
			}
		}
	}
}

func TestTimestamps(t *testing.T) {
	ts := time.Unix(1576540098, 0)
	if got := FormatHTTPDate(ts); got != "Mon, 16 Dec 2019 23:48:18 GMT" {
		t.Errorf("FormatHTTPDate = %q", got)
	}
	if got := FormatHTTPDate(time.Unix(1576540098, 999e6)); got != "Mon, 16 Dec 2019 23:48:18 GMT" {
		t.Errorf("FormatHTTPDate with fraction = %q", got)
	}
	if got := FormatDateTime(ts); got != "2019-12-16T23:48:18Z" {
		t.Errorf("FormatDateTime = %q", got)
	}
	if got := FormatDateTime(time.Unix(946845296, 123456789)); got != "2000-01-02T20:34:56.123Z" {
		t.Errorf("FormatDateTime with fraction = %q", got)
	}
	if got := FormatEpochSeconds(ts); got != "1576540098" {
		t.Errorf("FormatEpochSeconds = %q", got)
	}
	if got := FormatEpochSeconds(time.Unix(1576540098, 5e8)); got != "1576540098.5" {
		t.Errorf("FormatEpochSeconds with fraction = %q", got)
	}
	// RestJsonAllQueryStringTypes: timestamps in a query.
	if got := EscapeQuery(FormatDateTime(time.Unix(1, 0))); got != "1970-01-01T00%3A00%3A01Z" {
		t.Errorf("query timestamp = %q", got)
	}

	parse := []struct {
		name string
		f    func(string) (time.Time, error)
		in   string
		want time.Time // zero: an error is expected
	}{
		{"http-date", ParseHTTPDate, "Mon, 16 Dec 2019 23:48:18 GMT", ts},
		{"http-date", ParseHTTPDate, "Tue, 29 Apr 2014 18:30:38 GMT", time.Date(2014, 4, 29, 18, 30, 38, 0, time.UTC)},
		{"http-date", ParseHTTPDate, "Sun, 02 Jan 2000 20:34:56.000 GMT", time.Unix(946845296, 0)},
		{"http-date", ParseHTTPDate, "Sun, 02 Jan 2000 20:34:56.123 GMT", time.Unix(946845296, 123e6)},
		{"http-date", ParseHTTPDate, "Sun, 02 Jan 2000 20:34:56.123456789999 GMT", time.Unix(946845296, 123456789)},
		{"http-date", ParseHTTPDate, "Thu, 29 Feb 2024 00:00:00 GMT", time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
		{"http-date", ParseHTTPDate, "Mon, 16 Dec 2019 23:48:18 UTC", time.Time{}},
		{"http-date", ParseHTTPDate, "Mon, 16 Dec 2019 23:48:18 gmt", time.Time{}},
		{"http-date", ParseHTTPDate, "mon, 16 Dec 2019 23:48:18 GMT", time.Time{}},
		{"http-date", ParseHTTPDate, "Mon, 16 dec 2019 23:48:18 GMT", time.Time{}},
		{"http-date", ParseHTTPDate, "Xyz, 16 Dec 2019 23:48:18 GMT", time.Time{}},
		{"http-date", ParseHTTPDate, "Mon, 6 Dec 2019 23:48:18 GMT", time.Time{}},
		{"http-date", ParseHTTPDate, "Mon, 16 Dec 2019 24:48:18 GMT", time.Time{}},
		{"http-date", ParseHTTPDate, "Mon, 16 Dec 2019 23:60:18 GMT", time.Time{}},
		{"http-date", ParseHTTPDate, "Mon, 16 Dec 2019 23:48:60 GMT", time.Time{}},
		{"http-date", ParseHTTPDate, "Mon, 32 Dec 2019 23:48:18 GMT", time.Time{}},
		{"http-date", ParseHTTPDate, "Mon, 29 Feb 2019 23:48:18 GMT", time.Time{}},
		{"http-date", ParseHTTPDate, "Mon, 16 Dec 2019 23:48:18. GMT", time.Time{}},
		{"http-date", ParseHTTPDate, "Mon, 16 Dec 2019 23:48:18 GMT ", time.Time{}},
		{"http-date", ParseHTTPDate, "Monday, 16-Dec-19 23:48:18 GMT", time.Time{}},
		{"http-date", ParseHTTPDate, "Mon Dec 16 23:48:18 2019", time.Time{}},
		{"http-date", ParseHTTPDate, "2019-12-16T23:48:18Z", time.Time{}},
		{"http-date", ParseHTTPDate, "1576540098", time.Time{}},
		{"http-date", ParseHTTPDate, "", time.Time{}},

		{"date-time", ParseDateTime, "2019-12-16T23:48:18Z", ts},
		{"date-time", ParseDateTime, "2019-12-16t23:48:18z", ts},
		{"date-time", ParseDateTime, "2019-12-16T22:48:18-01:00", ts}, // RestJsonDateTimeWithNegativeOffset
		{"date-time", ParseDateTime, "2019-12-17T00:48:18+01:00", ts}, // RestJsonDateTimeWithPositiveOffset
		{"date-time", ParseDateTime, "2019-12-16T23:48:18+00:00", ts},
		{"date-time", ParseDateTime, "2019-12-16T23:48:18-00:00", ts},
		{"date-time", ParseDateTime, "2000-01-02T20:34:56.123Z", time.Unix(946845296, 123e6)}, // RestJsonDateTimeWithFractionalSeconds
		{"date-time", ParseDateTime, "1985-04-12T23:20:50.52Z", time.Date(1985, 4, 12, 23, 20, 50, 52e7, time.UTC)},
		{"date-time", ParseDateTime, "1996-12-19T16:39:57-08:00", time.Date(1996, 12, 20, 0, 39, 57, 0, time.UTC)},
		{"date-time", ParseDateTime, "0001-01-01T00:00:01Z", time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC)},
		{"date-time", ParseDateTime, "9999-12-31T23:59:59.999999999Z", time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)},
		{"date-time", ParseDateTime, "2000-02-29T00:00:00Z", time.Date(2000, 2, 29, 0, 0, 0, 0, time.UTC)},
		{"date-time", ParseDateTime, "1900-02-29T00:00:00Z", time.Time{}},
		{"date-time", ParseDateTime, "2019-13-16T23:48:18Z", time.Time{}},
		{"date-time", ParseDateTime, "2019-00-16T23:48:18Z", time.Time{}},
		{"date-time", ParseDateTime, "2019-04-31T23:48:18Z", time.Time{}},
		{"date-time", ParseDateTime, "2019-12-16T23:48:18+24:00", time.Time{}},
		{"date-time", ParseDateTime, "2019-12-16T23:48:18+01:60", time.Time{}},
		{"date-time", ParseDateTime, "2019-12-16T23:48:18+0100", time.Time{}},
		{"date-time", ParseDateTime, "2019-12-16T23:48:18+01:00:00", time.Time{}},
		{"date-time", ParseDateTime, "2019-12-16T23:48:18.Z", time.Time{}},
		{"date-time", ParseDateTime, "2019-12-16T23:48:18,5Z", time.Time{}},
		{"date-time", ParseDateTime, "2019-12-16T23:48:18.5", time.Time{}},
		{"date-time", ParseDateTime, "+2019-12-16T23:48:18Z", time.Time{}},
		{"date-time", ParseDateTime, "2019-12-16T23:48:18ZZ", time.Time{}},
		{"date-time", ParseDateTime, "Tue, 29 Apr 2014 18:30:38 GMT", time.Time{}},
		{"date-time", ParseDateTime, "1576540098", time.Time{}},
		{"date-time", ParseDateTime, "", time.Time{}},
		// RestJsonHeaderTimestampDateTimeRejectsDifferent8601Formats
		{"date-time", ParseDateTime, "1996-12-19T16:39:57+00", time.Time{}},
		{"date-time", ParseDateTime, "1996-12-19T16:39:57+00Z", time.Time{}},
		{"date-time", ParseDateTime, "1996-12-19T16:39:57", time.Time{}},
		{"date-time", ParseDateTime, "1996-12-19T163957", time.Time{}},
		{"date-time", ParseDateTime, "19961219T163957Z", time.Time{}},
		{"date-time", ParseDateTime, "19961219T163957", time.Time{}},
		{"date-time", ParseDateTime, "19961219T16:39:57Z", time.Time{}},
		{"date-time", ParseDateTime, "19961219T16:39:57", time.Time{}},
		{"date-time", ParseDateTime, "1996-12-19T16:39Z", time.Time{}},
		{"date-time", ParseDateTime, "1996-12-19T16:39", time.Time{}},
		{"date-time", ParseDateTime, "1996-12-19T1639", time.Time{}},
		{"date-time", ParseDateTime, "1996-12-19T16Z", time.Time{}},
		{"date-time", ParseDateTime, "1996-12-19T16", time.Time{}},
		{"date-time", ParseDateTime, "1996-12-19 16:39:57Z", time.Time{}},
		{"date-time", ParseDateTime, "2011-12-03T10:15:30+01:00[Europe/Paris]", time.Time{}},

		{"epoch-seconds", ParseEpochSeconds, "1576540098", ts},
		{"epoch-seconds", ParseEpochSeconds, "1576540098.123", time.Unix(1576540098, 123e6)},
		{"epoch-seconds", ParseEpochSeconds, "1515531081.1234", time.Unix(1515531081, 123.4e6)},
		{"epoch-seconds", ParseEpochSeconds, "1.576540098E9", ts},
		{"epoch-seconds", ParseEpochSeconds, "-1.5", time.Unix(-2, 5e8)},
		{"epoch-seconds", ParseEpochSeconds, "0", time.Unix(0, 0)},
		// RestJsonHeaderTimestampEpochRejectsMalformedValues and friends
		{"epoch-seconds", ParseEpochSeconds, "true", time.Time{}},
		{"epoch-seconds", ParseEpochSeconds, "1515531081ABC", time.Time{}},
		{"epoch-seconds", ParseEpochSeconds, "0x42", time.Time{}},
		{"epoch-seconds", ParseEpochSeconds, "1515531081.123.456", time.Time{}},
		{"epoch-seconds", ParseEpochSeconds, "Infinity", time.Time{}},
		{"epoch-seconds", ParseEpochSeconds, "-Infinity", time.Time{}},
		{"epoch-seconds", ParseEpochSeconds, "NaN", time.Time{}},
		{"epoch-seconds", ParseEpochSeconds, "+1576540098", time.Time{}},
		{"epoch-seconds", ParseEpochSeconds, " 1576540098", time.Time{}},
		{"epoch-seconds", ParseEpochSeconds, "1e300", time.Time{}},
		{"epoch-seconds", ParseEpochSeconds, "", time.Time{}},
		{"epoch-seconds", ParseEpochSeconds, "2019-12-16T23:48:18Z", time.Time{}},
		{"epoch-seconds", ParseEpochSeconds, "Mon, 16 Dec 2019 23:48:18 GMT", time.Time{}},
	}
	for _, tt := range parse {
		got, err := tt.f(tt.in)
		if tt.want.IsZero() {
			if err == nil {
				t.Errorf("%s %q = %v, want an error", tt.name, tt.in, got)
			} else if !strings.Contains(err.Error(), tt.name) {
				t.Errorf("%s %q: error %q does not name the format", tt.name, tt.in, err)
			}
			continue
		}
		if err != nil || !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("%s %q = %v, %v; want %v in UTC", tt.name, tt.in, got, err, tt.want.UTC())
		}
	}
}

func TestTimestampRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 10000 {
		ts := time.Unix(r.Int64N(253402300800+62135596800)-62135596800, r.Int64N(1000)*1e6)
		if got, err := ParseDateTime(FormatDateTime(ts)); err != nil || !got.Equal(ts) {
			t.Fatalf("date-time round trip of %v: %v, %v", ts, got, err)
		}
		if got, err := ParseEpochSeconds(FormatEpochSeconds(ts)); err != nil || !got.Equal(ts) {
			t.Fatalf("epoch-seconds round trip of %v (%s): %v, %v", ts, FormatEpochSeconds(ts), got, err)
		}
		sec := ts.Truncate(time.Second)
		if got, err := ParseHTTPDate(FormatHTTPDate(ts)); err != nil || !got.Equal(sec) {
			t.Fatalf("http-date round trip of %v: %v, %v", ts, got, err)
		}
		if want := ts.UTC().Format("Mon, 02 Jan 2006 15:04:05 GMT"); FormatHTTPDate(ts) != want {
			t.Fatalf("FormatHTTPDate(%v) = %q, want %q", ts, FormatHTTPDate(ts), want)
		}
		if want := ts.UTC().Format("2006-01-02T15:04:05.999Z07:00"); FormatDateTime(ts) != want {
			t.Fatalf("FormatDateTime(%v) = %q, want %q", ts, FormatDateTime(ts), want)
		}
	}
}

func TestFloats(t *testing.T) {
	format := []struct {
		v    float64
		bits int
		want string
	}{
		{float64(float32(1.1)), 32, "1.1"}, // RestJsonAllQueryStringTypes, float member
		{1.1, 64, "1.1"},
		{4.1, 64, "4.1"}, // RestJsonInputWithHeadersAndAllParams
		{float64(float32(4.1)), 32, "4.1"},
		{0, 64, "0"},
		{-2.5, 64, "-2.5"},
		{1e21, 64, "1e+21"},
		{1e-7, 64, "1e-7"},
		{123456789, 64, "123456789"},
		{math.NaN(), 64, "NaN"},         // RestJsonSupportsNaNFloatQueryValues
		{math.Inf(1), 32, "Infinity"},   // RestJsonSupportsInfinityFloatQueryValues
		{math.Inf(-1), 64, "-Infinity"}, // RestJsonSupportsNegativeInfinityFloatQueryValues
	}
	for _, tt := range format {
		if got := FormatFloat(tt.v, tt.bits); got != tt.want {
			t.Errorf("FormatFloat(%v, %d) = %q, want %q", tt.v, tt.bits, got, tt.want)
		}
	}
	parse := []struct {
		in   string
		bits int
		want float64
		ok   bool
	}{
		{"1.1", 64, 1.1, true},
		{"1.1", 32, float64(float32(1.1)), true},
		{"-0", 64, math.Copysign(0, -1), true},
		{"1e3", 64, 1000, true},
		{"1E-3", 64, 0.001, true},
		{"NaN", 64, math.NaN(), true},
		{"Infinity", 32, math.Inf(1), true},
		{"-Infinity", 64, math.Inf(-1), true},
		{"1e309", 64, 0, false},
		{"3.5e38", 32, 0, false},
		{"nan", 64, 0, false},
		{"inf", 64, 0, false},
		{"+Inf", 64, 0, false},
		{"infinity", 64, 0, false},
		{"true", 64, 0, false},  // RestJsonHeaderFloatMalformedValueRejected: boolean_coercion
		{"2ABC", 64, 0, false},  // trailing_chars
		{"0x42", 64, 0, false},  // hex
		{"0x1p3", 64, 0, false}, // hex float
		{"1_000", 64, 0, false},
		{"+1", 64, 0, false},
		{".5", 64, 0, false},
		{"5.", 64, 0, false},
		{"01", 64, 0, false},
		{"", 64, 0, false},
		{" 1", 64, 0, false},
	}
	for _, tt := range parse {
		got, err := ParseFloat(tt.in, tt.bits)
		same := got == tt.want && math.Signbit(got) == math.Signbit(tt.want) || math.IsNaN(got) && math.IsNaN(tt.want)
		if (err == nil) != tt.ok || (tt.ok && !same) {
			t.Errorf("ParseFloat(%q, %d) = %v, %v; want %v, ok %v", tt.in, tt.bits, got, err, tt.want, tt.ok)
		}
	}
	r := rand.New(rand.NewPCG(5, 6))
	for range 10000 {
		f := math.Float64frombits(r.Uint64())
		got, err := ParseFloat(FormatFloat(f, 64), 64)
		if err != nil || !(got == f || math.IsNaN(f) && math.IsNaN(got)) {
			t.Fatalf("float64 round trip of %v: %v, %v", f, got, err)
		}
		f32 := math.Float32frombits(r.Uint32())
		got, err = ParseFloat(FormatFloat(float64(f32), 32), 32)
		if err != nil || !(float32(got) == f32 || math.IsNaN(float64(f32)) && math.IsNaN(got)) {
			t.Fatalf("float32 round trip of %v: %v, %v", f32, got, err)
		}
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

// TestTextFormatShared checks that textfmt.go is the same file in jsonwire
// and httpbind but for the package clause, so that bodies and bindings
// format values alike.
func TestTextFormatShared(t *testing.T) {
	mine, err := os.ReadFile("textfmt.go")
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := os.ReadFile("../jsonwire/textfmt.go")
	if os.IsNotExist(err) {
		t.Skip("../jsonwire not present")
	}
	if err != nil {
		t.Fatal(err)
	}
	a := strings.TrimPrefix(string(mine), "package httpbind\n")
	b := strings.TrimPrefix(string(theirs), "package jsonwire\n")
	if a == string(mine) || b == string(theirs) || a != b {
		t.Error("textfmt.go differs between templates/httpbind and templates/jsonwire; copy one over the other")
	}
}
