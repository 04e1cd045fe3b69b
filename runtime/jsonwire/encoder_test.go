package jsonwire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func encode(f func(e *Encoder)) string {
	e := NewEncoder(nil)
	f(e)
	return string(e.Bytes())
}

func TestEncoderStructure(t *testing.T) {
	got := encode(func(e *Encoder) {
		e.BeginObject()
		e.Key("a")
		e.Int(1)
		e.Key("b")
		e.BeginArray()
		e.String("x")
		e.BeginObject()
		e.EndObject()
		e.BeginArray()
		e.EndArray()
		e.Null()
		e.Bool(true)
		e.Bool(false)
		e.EndArray()
		e.Key("c")
		e.BeginObject()
		e.Key("d")
		e.Uint(math.MaxUint64)
		e.EndObject()
		e.Key("e")
		e.Raw([]byte(`{"raw":[1, 2]}`))
		e.Key("f")
		e.Raw(nil)
		e.EndObject()
	})
	want := `{"a":1,"b":["x",{},[],null,true,false],"c":{"d":18446744073709551615},"e":{"raw":[1, 2]},"f":null}`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if !json.Valid([]byte(got)) {
		t.Error("output is not valid JSON")
	}
	// Top-level sequences of values get commas too, and NewEncoder appends.
	e := NewEncoder([]byte("prefix:"))
	e.Int(-5)
	e.String("s")
	if got := string(e.Bytes()); got != `prefix:-5,"s"` {
		t.Errorf("got %s", got)
	}
}

func TestEncoderString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `""`},
		{"abc", `"abc"`},
		{`a"b\c/d`, `"a\"b\\c/d"`},
		{"<>&", `"<>&"`},
		{"\n\r\t\b\f", `"\n\r\t\b\f"`},
		{"\x00\x01\x1f\x7f", `"\u0000\u0001\u001f` + "\x7f" + `"`},
		{"héllo 😀", `"héllo 😀"`},
		{"a\xffb", `"a` + "\uFFFD" + `b"`},
		{"\xed\xa0\x80", `"` + strings.Repeat("\uFFFD", 3) + `"`},
		{"\u2028", "\"\u2028\""},
		{"tail\xc3", `"tail` + "\uFFFD" + `"`},
	}
	for _, tt := range tests {
		if got := encode(func(e *Encoder) { e.String(tt.in) }); got != tt.want {
			t.Errorf("String(%q) = %s, want %s", tt.in, got, tt.want)
		}
		if got := encode(func(e *Encoder) { e.BeginObject(); e.Key(tt.in); e.Int(1); e.EndObject() }); got != "{"+tt.want+":1}" {
			t.Errorf("Key(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestEncoderStringMatchesEncodingJSON compares with encoding/json (without
// HTML escaping) on random strings; the two differ only in how encoding/json
// escapes U+2028 and U+2029, which are valid JSON as they are.
func TestEncoderStringMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "Z", "0", " ", `"`, `\`, "/", "<", "&", "\x00", "\x1f", "\n", "\t", "\x7f", "é", "€", "😀", "\xff", "\xc3", "\xed\xa0\x80", "\u2028"}
	for range 5000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		s := b.String()
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		w := strings.TrimSuffix(want.String(), "\n")
		w = strings.ReplaceAll(w, `\u2028`, "\u2028")
		w = strings.ReplaceAll(w, `\ufffd`, "\uFFFD")
		got := encode(func(e *Encoder) { e.String(s) })
		if got != w {
			t.Fatalf("String(%q) = %s, encoding/json %s", s, got, w)
		}
	}
}

func TestEncoderNumbers(t *testing.T) {
	tests := []struct {
		f    func(e *Encoder)
		want string
	}{
		{func(e *Encoder) { e.Int(0) }, "0"},
		{func(e *Encoder) { e.Int(math.MinInt64) }, "-9223372036854775808"},
		{func(e *Encoder) { e.Uint(0) }, "0"},
		{func(e *Encoder) { e.Float(0, 64) }, "0"},
		{func(e *Encoder) { e.Float(math.Copysign(0, -1), 64) }, "-0"},
		{func(e *Encoder) { e.Float(1.5, 64) }, "1.5"},
		{func(e *Encoder) { e.Float(1e20, 64) }, "100000000000000000000"},
		{func(e *Encoder) { e.Float(1e21, 64) }, "1e+21"},
		{func(e *Encoder) { e.Float(1e-6, 64) }, "0.000001"},
		{func(e *Encoder) { e.Float(1e-7, 64) }, "1e-7"},
		{func(e *Encoder) { e.Float(1.5e-10, 64) }, "1.5e-10"},
		{func(e *Encoder) { e.Float(-1.5e300, 64) }, "-1.5e+300"},
		{func(e *Encoder) { e.Float(float64(float32(1.1)), 32) }, "1.1"},
		{func(e *Encoder) { e.Float(float64(float32(1.1)), 64) }, "1.100000023841858"},
		{func(e *Encoder) { e.Float(float64(float32(1e-7)), 32) }, "1e-7"},
		{func(e *Encoder) { e.Float(float64(float32(1e21)), 32) }, "1e+21"},
		{func(e *Encoder) { e.Float(math.NaN(), 64) }, `"NaN"`},
		{func(e *Encoder) { e.Float(math.Inf(1), 64) }, `"Infinity"`},
		{func(e *Encoder) { e.Float(math.Inf(-1), 32) }, `"-Infinity"`},
		{func(e *Encoder) { e.BigInt(nil) }, "null"},
		{func(e *Encoder) { e.BigInt(big.NewInt(-42)) }, "-42"},
		{func(e *Encoder) {
			v, _ := new(big.Int).SetString("123456789012345678901234567890", 10)
			e.BigInt(v)
		}, "123456789012345678901234567890"},
		{func(e *Encoder) { e.BigFloat(nil) }, "null"},
		{func(e *Encoder) { e.BigFloat(big.NewFloat(0)) }, "0"},
		{func(e *Encoder) { e.BigFloat(big.NewFloat(1.5)) }, "1.5"},
		{func(e *Encoder) { e.BigFloat(big.NewFloat(1e20)) }, "100000000000000000000"},
		{func(e *Encoder) { e.BigFloat(big.NewFloat(1e-20)) }, "0.00000000000000000001"},
		{func(e *Encoder) { e.BigFloat(big.NewFloat(1e40)) }, "1e+40"},
		{func(e *Encoder) { e.BigFloat(new(big.Float).SetInf(false)) }, `"Infinity"`},
		{func(e *Encoder) { e.BigFloat(new(big.Float).SetInf(true)) }, `"-Infinity"`},
		{func(e *Encoder) { e.Base64(nil) }, `""`},
		{func(e *Encoder) { e.Base64([]byte("blob")) }, `"YmxvYg=="`},
		{func(e *Encoder) { e.Base64([]byte{0xfb, 0xff}) }, `"+/8="`},
	}
	for _, tt := range tests {
		if got := encode(tt.f); got != tt.want {
			t.Errorf("got %s, want %s", got, tt.want)
		}
	}
}

// TestEncoderFloatMatchesEncodingJSON checks finite floats against
// encoding/json, bit patterns and all.
func TestEncoderFloatMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 20000 {
		var f64 float64
		switch i % 3 {
		case 0:
			f64 = math.Float64frombits(r.Uint64())
		case 1:
			f64 = r.NormFloat64() * math.Pow(10, float64(r.IntN(60)-30))
		default:
			f64 = float64(r.IntN(2000000)) / 1000
		}
		if math.IsNaN(f64) || math.IsInf(f64, 0) {
			continue
		}
		want, _ := json.Marshal(f64)
		if got := encode(func(e *Encoder) { e.Float(f64, 64) }); got != string(want) {
			t.Fatalf("Float(%v, 64) = %s, encoding/json %s", f64, got, want)
		}
		f32 := float32(f64)
		if math.IsInf(float64(f32), 0) {
			continue
		}
		want, _ = json.Marshal(f32)
		if got := encode(func(e *Encoder) { e.Float(float64(f32), 32) }); got != string(want) {
			t.Fatalf("Float(%v, 32) = %s, encoding/json %s", f32, got, want)
		}
	}
}

func TestEncoderTimestamps(t *testing.T) {
	tests := []struct {
		t                         time.Time
		epoch, dateTime, httpDate string
	}{
		{time.Unix(1576540098, 0), "1576540098", `"2019-12-16T23:48:18Z"`, `"Mon, 16 Dec 2019 23:48:18 GMT"`},
		{time.Unix(946845296, 123e6), "946845296.123", `"2000-01-02T20:34:56.123Z"`, `"Sun, 02 Jan 2000 20:34:56 GMT"`},
		{time.Unix(946845296, 120e6), "946845296.12", `"2000-01-02T20:34:56.12Z"`, `"Sun, 02 Jan 2000 20:34:56 GMT"`},
		{time.Unix(946845296, 100e6), "946845296.1", `"2000-01-02T20:34:56.1Z"`, `"Sun, 02 Jan 2000 20:34:56 GMT"`},
		{time.Unix(946845296, 1e6), "946845296.001", `"2000-01-02T20:34:56.001Z"`, `"Sun, 02 Jan 2000 20:34:56 GMT"`},
		{time.Unix(946845296, 999999), "946845296", `"2000-01-02T20:34:56Z"`, `"Sun, 02 Jan 2000 20:34:56 GMT"`}, // below a millisecond: truncated
		{time.Unix(946845296, 123999999), "946845296.123", `"2000-01-02T20:34:56.123Z"`, `"Sun, 02 Jan 2000 20:34:56 GMT"`},
		{time.Unix(0, 0), "0", `"1970-01-01T00:00:00Z"`, `"Thu, 01 Jan 1970 00:00:00 GMT"`},
		{time.Unix(-2, 5e8), "-1.5", `"1969-12-31T23:59:58.5Z"`, `"Wed, 31 Dec 1969 23:59:58 GMT"`},
		{time.Unix(-1, 75e7), "-0.25", `"1969-12-31T23:59:59.75Z"`, `"Wed, 31 Dec 1969 23:59:59 GMT"`},
		{time.Date(2019, 12, 17, 0, 48, 18, 0, time.FixedZone("", 3600)), "1576540098", `"2019-12-16T23:48:18Z"`, `"Mon, 16 Dec 2019 23:48:18 GMT"`},
		{time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), "-62135596800", `"0001-01-01T00:00:00Z"`, `"Mon, 01 Jan 0001 00:00:00 GMT"`},
		{time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), "253402300799", `"9999-12-31T23:59:59Z"`, `"Fri, 31 Dec 9999 23:59:59 GMT"`},
	}
	for _, tt := range tests {
		if got := encode(func(e *Encoder) { e.EpochSeconds(tt.t) }); got != tt.epoch {
			t.Errorf("EpochSeconds(%v) = %s, want %s", tt.t, got, tt.epoch)
		}
		if got := encode(func(e *Encoder) { e.DateTime(tt.t) }); got != tt.dateTime {
			t.Errorf("DateTime(%v) = %s, want %s", tt.t, got, tt.dateTime)
		}
		if got := encode(func(e *Encoder) { e.HTTPDate(tt.t) }); got != tt.httpDate {
			t.Errorf("HTTPDate(%v) = %s, want %s", tt.t, got, tt.httpDate)
		}
	}
	// Years outside RFC 3339 still give a value, in Go's notation.
	if got := encode(func(e *Encoder) { e.DateTime(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)) }); got != `"10000-01-01T00:00:00Z"` {
		t.Errorf("year 10000: %s", got)
	}
}

// TestRoundTrip writes values with the Encoder and reads them back with the
// Decoder.
func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	alphabet := []string{"a", " ", `"`, `\`, "/", "\x00", "\x1f", "\n", "é", "😀", "\u2028", "<"}
	randString := func() string {
		var b strings.Builder
		for range r.IntN(10) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	for range 2000 {
		var (
			s    = randString()
			key  = randString()
			i64  = int64(r.Uint64())
			i32  = int32(r.Uint32())
			f64  = math.Float64frombits(r.Uint64())
			f32  = math.Float32frombits(r.Uint32())
			blob = []byte(randString())
			ts   = time.Unix(r.Int64N(1e11)-5e10, r.Int64N(1000)*1e6).UTC()
			bi   = new(big.Int).Lsh(big.NewInt(r.Int64()), uint(r.IntN(200)))
			bf   = new(big.Float).SetMantExp(big.NewFloat(r.Float64()), r.IntN(400)-200)
			b    = r.IntN(2) == 0
		)
		e := NewEncoder(nil)
		e.BeginObject()
		e.Key(key)
		e.BeginArray()
		e.String(s)
		e.Int(i64)
		e.Int(int64(i32))
		e.Float(f64, 64)
		e.Float(float64(f32), 32)
		e.Base64(blob)
		e.EpochSeconds(ts)
		e.DateTime(ts)
		e.HTTPDate(ts.Truncate(time.Second))
		e.BigInt(bi)
		e.BigFloat(bf)
		e.Bool(b)
		e.Null()
		e.EndArray()
		e.EndObject()
		out := e.Bytes()
		if !json.Valid(out) {
			t.Fatalf("invalid JSON: %s", out)
		}

		d := NewDecoder(out)
		if !d.BeginObject() {
			t.Fatal("BeginObject")
		}
		k, _ := d.NextKey()
		if string(k) != strings.ToValidUTF8(key, "\uFFFD") {
			t.Fatalf("key %q, want %q", k, key)
		}
		d.BeginArray()
		check := func(name string, ok bool) {
			t.Helper()
			if !ok {
				t.Fatalf("%s differs in %s (%v)", name, out, d.Err())
			}
		}
		d.NextElem()
		check("string", d.String() == s)
		d.NextElem()
		check("int64", d.Int64() == i64)
		d.NextElem()
		check("int32", d.Int32() == i32)
		d.NextElem()
		g64 := d.Float64()
		check("float64", g64 == f64 || math.IsNaN(f64) && math.IsNaN(g64))
		d.NextElem()
		g32 := d.Float32()
		check("float32", g32 == f32 || math.IsNaN(float64(f32)) && math.IsNaN(float64(g32)))
		d.NextElem()
		check("blob", bytes.Equal(d.Base64(), blob))
		d.NextElem()
		check("epoch-seconds", d.EpochSeconds().Equal(ts))
		d.NextElem()
		check("date-time", d.DateTime().Equal(ts))
		d.NextElem()
		check("http-date", d.HTTPDate().Equal(ts.Truncate(time.Second)))
		d.NextElem()
		check("big int", d.BigInt().Cmp(bi) == 0)
		d.NextElem()
		// Shortest decimal text does not keep every bit of a binary
		// value, but reading it back gives the same text, and the
		// same value at the original precision.
		gbf := d.BigFloat()
		check("big float", encode(func(e *Encoder) { e.BigFloat(gbf) }) == encode(func(e *Encoder) { e.BigFloat(bf) }) &&
			new(big.Float).SetPrec(bf.Prec()).Set(gbf).Cmp(bf) == 0)
		d.NextElem()
		check("bool", d.Bool() == b)
		d.NextElem()
		check("null", d.Null())
		check("end of array", !d.NextElem())
		_, more := d.NextKey()
		check("end of object", !more)
		d.End()
		check("no error", d.Err() == nil)
	}
}

func TestEncoderAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	e := NewEncoder(make([]byte, 0, 4096))
	ts := time.Unix(946845296, 123e6)
	n := testing.AllocsPerRun(100, func() {
		e.buf = e.buf[:0]
		e.BeginObject()
		e.Key("a")
		e.String("text with \"escapes\"\n")
		e.Key("b")
		e.Float(1.5e-9, 64)
		e.Key("c")
		e.EpochSeconds(ts)
		e.Key("d")
		e.DateTime(ts)
		e.Key("e")
		e.HTTPDate(ts)
		e.Key("f")
		e.Base64([]byte("blob"))
		e.EndObject()
	})
	if n != 0 {
		t.Errorf("encoding allocates %v times", n)
	}
}

func TestQuotedKeyMatchesKey(t *testing.T) {
	for _, name := range []string{"InstanceType", "a", "x-amz-meta", "$id", "with space"} {
		a, b := NewEncoder(nil), NewEncoder(nil)
		for _, e := range []*Encoder{a, b} {
			e.BeginObject()
		}
		a.Key(name)
		b.QuotedKey(strconv.Quote(name))
		for _, e := range []*Encoder{a, b} {
			e.Int(1)
			e.Key("next")
			e.Bool(true)
			e.EndObject()
		}
		if string(a.Bytes()) != string(b.Bytes()) {
			t.Errorf("%q: Key gives %s, QuotedKey %s", name, a.Bytes(), b.Bytes())
		}
	}
}

func TestSortedKeys(t *testing.T) {
	type tag string
	for _, n := range []int{0, 1, 3, 8, 9, 40} {
		m := map[tag]int{}
		for i := range n {
			m[tag(fmt.Sprintf("k%03d", (i*37)%n))] = i
		}
		var got []tag
		for k := range SortedKeys(m) {
			got = append(got, k)
		}
		if len(got) != n || !slices.IsSorted(got) {
			t.Errorf("%d keys: got %v, want all %d in order", n, got, n)
		}
	}
	// The loop may stop early.
	m := map[string]bool{"c": true, "a": true, "b": true}
	var first []string
	for k := range SortedKeys(m) {
		first = append(first, k)
		if len(first) == 2 {
			break
		}
	}
	if !slices.Equal(first, []string{"a", "b"}) {
		t.Errorf("stopped after two keys: got %v, want [a b]", first)
	}
}
