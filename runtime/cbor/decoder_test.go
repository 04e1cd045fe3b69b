package cbor

import (
	"math"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// malformed are inputs that are not well-formed CBOR, with the error Skip
// (and so any read) reports.
var malformed = []struct{ hex, err string }{
	// truncated
	{"18", "cbor: offset 0: unexpected end of input in the head of a data item"},
	{"1901", "cbor: offset 0: unexpected end of input in the head of a data item"},
	{"1b00000000000000", "cbor: offset 0: unexpected end of input in the head of a data item"},
	{"fb3ff19999", "cbor: offset 0: unexpected end of input in the head of a data item"},
	{"6261", "cbor: offset 0: unexpected end of input in a string of 2 bytes"},
	{"a16161", "cbor: offset 3: unexpected end of input, expected a data item"},
	{"9f0102", "cbor: offset 3: unexpected end of input, expected a data item"},
	{"7f6161", "cbor: offset 3: unexpected end of input in indefinite-length string"},
	{"c1", "cbor: offset 1: unexpected end of input, expected a data item"},
	// lengths longer than the input left
	{"8201", "cbor: offset 0: container of 2 entries is longer than the input left"},
	{"a2616101", "cbor: offset 0: container of 2 entries is longer than the input left"},
	{"9b000000010000000000", "cbor: offset 0: container of 4294967296 entries is longer than the input left"},
	{"7b7fffffffffffffff", "cbor: offset 0: unexpected end of input in a string of 9223372036854775807 bytes"},
	{"5bffffffffffffffff00", "cbor: offset 0: unexpected end of input in a string of 18446744073709551615 bytes"},
	{"7f7bffffffffffffffff00ff", "cbor: offset 1: unexpected end of input in a chunk of 18446744073709551615 bytes"},
	// reserved and ill-formed initial bytes
	{"1c", "cbor: offset 0: reserved initial byte 0x1c"},
	{"7d", "cbor: offset 0: reserved initial byte 0x7d"},
	{"fe", "cbor: offset 0: reserved initial byte 0xfe"},
	{"1f", "cbor: offset 0: initial byte 0x1f is not well-formed: integers have no indefinite length"},
	{"3f", "cbor: offset 0: initial byte 0x3f is not well-formed: integers have no indefinite length"},
	{"df00", "cbor: offset 0: initial byte 0xdf is not well-formed: tags have no indefinite length"},
	{"f818", "cbor: offset 0: simple value 24 in two bytes is not well-formed"},
	// breaks where none may be
	{"ff", "cbor: offset 0: unexpected break"},
	{"81ff", "cbor: offset 1: unexpected break"},
	{"9fc1ff", "cbor: offset 2: unexpected break"},
	{"bf6161ff", "cbor: offset 3: unexpected break"},
	// bad chunks of indefinite-length strings
	{"5f6161ff", "cbor: offset 1: invalid chunk in indefinite-length string: each must be a definite-length string of the same type"},
	{"7f7f6161ffff", "cbor: offset 1: invalid chunk in indefinite-length string: each must be a definite-length string of the same type"},
	{"7f01ff", "cbor: offset 1: invalid chunk in indefinite-length string: each must be a definite-length string of the same type"},
}

func TestMalformed(t *testing.T) {
	for _, tt := range malformed {
		d := NewDecoder(unhex(t, tt.hex))
		d.Skip()
		if errKind(d.Err()) != "syntax" || d.Err().Error() != tt.err {
			t.Errorf("%s: Skip: %v, want %q", tt.hex, d.Err(), tt.err)
		}
		if n, _, brk := wellFormed(unhex(t, tt.hex), 0, false, 0); n >= 0 && !brk {
			t.Errorf("%s: the reference check finds it well-formed", tt.hex)
		}
		// Every read reports the malformed item as such, not as a wrong kind.
		d = NewDecoder(unhex(t, tt.hex))
		walk(d)
		if errKind(d.Err()) != "syntax" {
			t.Errorf("%s: walk: %v, want a SyntaxError", tt.hex, d.Err())
		}
	}
}

// TestTruncated checks that every proper prefix of every Appendix A example
// and protocol-test body is an error, never a panic or a shorter value.
func TestTruncated(t *testing.T) {
	var inputs [][]byte
	for _, tt := range appendixA(t) {
		inputs = append(inputs, unhex(t, tt.hex))
	}
	for _, b := range protocolBodies(t) {
		inputs = append(inputs, b.body)
	}
	for _, in := range inputs {
		for n := 1; n < len(in); n++ {
			d := NewDecoder(in[:n])
			walk(d)
			d.End()
			if errKind(d.Err()) != "syntax" {
				t.Fatalf("%x: walk: %v, want a SyntaxError", in[:n], d.Err())
			}
		}
	}
}

func TestDepth(t *testing.T) {
	nested := func(n int) []byte {
		return []byte(strings.Repeat("\x81", n) + "\x00")
	}
	d := NewDecoder(nested(MaxDepth))
	d.Skip()
	d.End()
	if d.Err() != nil {
		t.Fatalf("%d levels: %v", MaxDepth, d.Err())
	}
	d = NewDecoder(nested(MaxDepth + 1))
	d.Skip()
	if want := "cbor: offset 10000: exceeded max depth of 10000"; d.Err() == nil || d.Err().Error() != want {
		t.Fatalf("%d levels: %v, want %q", MaxDepth+1, d.Err(), want)
	}
	// Begin* counts too, and Skip counts from where Begin* left off.
	d = NewDecoder(nested(MaxDepth + 1))
	for range 10 {
		d.BeginArray()
		d.NextElem()
	}
	d.Skip()
	if errKind(d.Err()) != "syntax" {
		t.Fatalf("Begin* then Skip: %v", d.Err())
	}
	d = NewDecoder(nested(MaxDepth + 1))
	for d.BeginArray() && d.NextElem() {
	}
	if want := "cbor: offset 10000: exceeded max depth of 10000"; d.Err() == nil || d.Err().Error() != want {
		t.Fatalf("BeginArray: %v, want %q", d.Err(), want)
	}
	// Indefinite-length containers count the same.
	d = NewDecoder([]byte(strings.Repeat("\x9f", MaxDepth+1)))
	d.Skip()
	if d.Err() == nil || !strings.Contains(d.Err().Error(), "exceeded max depth") {
		t.Fatalf("indefinite: %v", d.Err())
	}
}

func TestTypeErrors(t *testing.T) {
	tests := []struct {
		hex  string
		read func(*Decoder) any
		err  string
	}{
		{"01", func(d *Decoder) any { return d.String() }, "cbor: offset 0: expected text string, found number"},
		{"4161", func(d *Decoder) any { return d.String() }, "cbor: offset 0: expected text string, found byte string"},
		{"6161", func(d *Decoder) any { return d.Blob() }, "cbor: offset 0: expected byte string, found text string"},
		{"f6", func(d *Decoder) any { return d.String() }, "cbor: offset 0: expected text string, found null"},
		{"83010203", func(d *Decoder) any { return d.BeginObject() }, "cbor: offset 0: expected map, found array"},
		{"a0", func(d *Decoder) any { return d.BeginArray() }, "cbor: offset 0: expected array, found map"},
		{"6161", func(d *Decoder) any { return d.Int32() }, "cbor: offset 0: expected integer, found text string"},
		{"f0", func(d *Decoder) any { return d.Bool() }, "cbor: offset 0: expected boolean, found simple value"},
		{"1a80000000", func(d *Decoder) any { return d.Int32() }, "cbor: offset 0: integer 2147483648 out of range for int32"},
		{"3a80000000", func(d *Decoder) any { return d.Int32() }, "cbor: offset 0: integer -2147483649 out of range for int32"},
		{"1880", func(d *Decoder) any { return d.Int8() }, "cbor: offset 0: integer 128 out of range for int8"},
		{"1b8000000000000000", func(d *Decoder) any { return d.Int64() }, "cbor: offset 0: integer 9223372036854775808 out of range for int64"},
		{"3bffffffffffffffff", func(d *Decoder) any { return d.Int64() }, "cbor: offset 0: integer -18446744073709551616 out of range for int64"},
		{"c249010000000000000000", func(d *Decoder) any { return d.Int64() }, "cbor: offset 0: integer 18446744073709551616 out of range for int64"},
		{"f93e00", func(d *Decoder) any { return d.Int16() }, "cbor: offset 0: number 1.5 is not an integer"},
		{"f97e00", func(d *Decoder) any { return d.Int16() }, "cbor: offset 0: number NaN is not an integer"},
		{"fa4f000000", func(d *Decoder) any { return d.Int32() }, "cbor: offset 0: number 2.147483648e+09 out of range for int32"},
		{"fb7e37e43c8800759c", func(d *Decoder) any { return d.Float32() }, "cbor: offset 0: number 1e+300 out of range for float32"},
		{"6161", func(d *Decoder) any { return d.Float64() }, "cbor: offset 0: expected number, found text string"},
		{"c1fb7ff8000000000000", func(d *Decoder) any { return d.EpochSeconds() }, "cbor: offset 0: epoch-seconds timestamp NaN out of range"},
		{"c11b4000000000000001", func(d *Decoder) any { return d.EpochSeconds() }, "cbor: offset 0: epoch-seconds timestamp out of range"},
		// Kind calls tags 1 to 4 numbers whatever they hold; the message
		// says what they hold.
		{"c16161", func(d *Decoder) any { return d.EpochSeconds() }, "cbor: offset 0: expected number (epoch-seconds timestamp), found tag 1 holding a text string"},
		{"d9d9f7c180", func(d *Decoder) any { return d.EpochSeconds() }, "cbor: offset 0: expected number (epoch-seconds timestamp), found tag 1 holding an array"},
		{"c1c1c1c1c16161", func(d *Decoder) any { return d.EpochSeconds() }, "cbor: offset 0: expected number (epoch-seconds timestamp), found tag 1 holding tag 1 holding tag 1 holding a text string"},
		{"d9d9f76161", func(d *Decoder) any { return d.Int32() }, "cbor: offset 0: expected integer, found text string"},
		{"c483010101", func(d *Decoder) any { return d.BigFloat() }, "cbor: offset 0: a decimal fraction (tag 4) must be an array of an integer exponent and an integer or bignum mantissa"},
		{"c482f93c0001", func(d *Decoder) any { return d.BigFloat() }, "cbor: offset 0: a decimal fraction (tag 4) must be an array of an integer exponent and an integer or bignum mantissa"},
		{"c46161", func(d *Decoder) any { return d.BigFloat() }, "cbor: offset 0: a decimal fraction (tag 4) must be an array of an integer exponent and an integer or bignum mantissa"},
		{"c4821b000000010000000001", func(d *Decoder) any { return d.BigFloat() }, "cbor: offset 0: decimal fraction exponent 4294967296 out of range"},
		{"c48239271001", func(d *Decoder) any { return d.BigFloat() }, "cbor: offset 0: decimal fraction exponent -10001 out of range"},
		{"c48219271101", func(d *Decoder) any { return d.BigFloat() }, "cbor: offset 0: decimal fraction exponent 10001 out of range"},
		{"f97e00", func(d *Decoder) any { return d.BigFloat() }, "cbor: offset 0: NaN is not a big decimal"},
		{"0102", func(d *Decoder) any { return d.Int64() }, "cbor: offset 1: unexpected number after the top-level data item"},
		{"01ff", func(d *Decoder) any { return d.Int64() }, "cbor: offset 1: unexpected break after the top-level data item"},
	}
	for _, tt := range tests {
		_, kind, err := read(unhex(t, tt.hex), tt.read)
		want := "type"
		if strings.Contains(tt.err, "after the top-level") {
			want = "syntax"
		}
		if kind != want || err.Error() != tt.err {
			t.Errorf("%s: %v (%s), want %q (%s)", tt.hex, err, kind, tt.err, want)
		}
	}
}

func TestNumbers(t *testing.T) {
	tests := []struct {
		hex  string
		read func(*Decoder) any
		want any
	}{
		{"1a7fffffff", func(d *Decoder) any { return d.Int32() }, int32(math.MaxInt32)},
		{"3a7fffffff", func(d *Decoder) any { return d.Int32() }, int32(math.MinInt32)},
		{"3b7fffffffffffffff", func(d *Decoder) any { return d.Int64() }, int64(math.MinInt64)},
		{"387f", func(d *Decoder) any { return d.Int8() }, int8(math.MinInt8)},
		{"17", func(d *Decoder) any { return d.Int8() }, int8(23)},
		{"37", func(d *Decoder) any { return d.Int8() }, int8(-24)},
		{"f93c00", func(d *Decoder) any { return d.Int16() }, int16(1)},
		{"fbc1e0000000000000", func(d *Decoder) any { return d.Int32() }, int32(math.MinInt32)},
		{"c24105", func(d *Decoder) any { return d.Int64() }, int64(5)},
		{"c34105", func(d *Decoder) any { return d.Int64() }, int64(-6)},
		{"d9d9f71864", func(d *Decoder) any { return d.Int32() }, int32(100)}, // an unknown tag (55799) is read past
		{"fb3ff199999999999a", func(d *Decoder) any { return d.Float32() }, float32(1.1)},
		{"f93e00", func(d *Decoder) any { return d.Float32() }, float32(1.5)},
		{"fa40f40000", func(d *Decoder) any { return d.Float64() }, 7.625},
		{"1903e8", func(d *Decoder) any { return d.Float64() }, 1000.0},
		{"3903e7", func(d *Decoder) any { return d.Float32() }, float32(-1000)},
		{"1bffffffffffffffff", func(d *Decoder) any { return d.Float64() }, 18446744073709551615.0},
		{"c249010000000000000000", func(d *Decoder) any { return d.Float64() }, 18446744073709551616.0},
		// The rpcv2Cbor Float16 protocol tests' values.
		{"f97c00", func(d *Decoder) any { return d.Float64() }, math.Inf(1)},
		{"f9fc00", func(d *Decoder) any { return d.Float64() }, math.Inf(-1)},
		{"f90050", func(d *Decoder) any { return d.Float64() }, 0.00000476837158203125},
		{"f97bff", func(d *Decoder) any { return d.Float32() }, float32(65504)},
		{"f4", func(d *Decoder) any { return d.Bool() }, false},
		{"c0f5", func(d *Decoder) any { return d.Bool() }, true},
	}
	for _, tt := range tests {
		got, _, err := read(unhex(t, tt.hex), tt.read)
		if err != nil || got != tt.want {
			t.Errorf("%s: got %v (%T), %v; want %v (%T)", tt.hex, got, got, err, tt.want, tt.want)
		}
	}
	for _, h := range []string{"f97c01", "f97e00", "fa7fc00001", "fb7ff8000000000001", "f9fe00"} {
		if got, _, err := read(unhex(t, h), (*Decoder).Float32); err != nil || got == got {
			t.Errorf("%s: Float32 = %v, %v; want NaN", h, got, err)
		}
	}
}

func TestEpochSeconds(t *testing.T) {
	tests := []struct {
		hex  string
		want time.Time
	}{
		{"c1fb41cc37db380fbe77", time.UnixMilli(946845296123)}, // RpcV2CborDateTimeWithFractionalSeconds
		{"c1fb41d4d7fbf3800000", time.Unix(1398796238, 0)},
		{"c100", time.Unix(0, 0)},
		{"c120", time.Unix(-1, 0)},
		{"c1f93e00", time.Unix(1, 500_000_000)},
		{"c1fbbff8000000000000", time.Unix(-2, 500_000_000)}, // -1.5 s
		{"c1fb3fefffffffffffff", time.Unix(0, 999_999_999)},  // just under 1 s: 0.9999999999999999 truncated
		{"c1fb3fb999999999999a", time.Unix(0, 100_000_000)},  // 0.1
		{"c1fb3e45798ee2308c3a", time.Unix(0, 10)},           // 1e-8
		{"c1fb3ddb7cdfd9d7bdbb", time.Unix(0, 0)},            // 1e-10, truncated
		{"c1fbc3d0000000000000", time.Unix(-1<<62, 0)},
		{"c1fb42d0000000000000", time.Unix(1<<46, 0)},
		{"1a514b67b0", time.Unix(1363896240, 0)},     // untagged
		{"c1c11a514b67b0", time.Unix(1363896240, 0)}, // tagged twice
	}
	for _, tt := range tests {
		got, _, err := read(unhex(t, tt.hex), (*Decoder).EpochSeconds)
		if err != nil || !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("%s: got %v, %v; want %v", tt.hex, got, err, tt.want.UTC())
		}
	}
	// Every millisecond of a day around now and around 1970 reads back.
	for _, base := range []int64{1_700_000_000_000, -1000, 4_102_444_800_000 - 86_400_000, 1<<42*1000 - 86_400_000} {
		for ms := base; ms < base+86_400_000; ms += 997 {
			want := time.UnixMilli(ms)
			e := NewEncoder(nil)
			e.EpochSeconds(want.Add(999_999)) // truncated to the millisecond
			if got, _, err := read(e.Bytes(), (*Decoder).EpochSeconds); err != nil || !got.Equal(want) {
				t.Fatalf("%v: wrote %x, read %v, %v", want, e.Bytes(), got, err)
			}
		}
	}
}

func TestBig(t *testing.T) {
	for _, tt := range []struct{ hex, want string }{
		{"c25f410142 0100ff", "65792"}, // indefinite-length bignum bytes: 0x010100
		{"c240", "0"},
		{"c340", "-1"},
		{"c349000000000000000000", "-1"}, // leading zeros
		{"3bffffffffffffffff", "-18446744073709551616"},
		{"05", "5"},
	} {
		got, _, err := read(unhex(t, tt.hex), (*Decoder).BigInt)
		if err != nil || got.String() != tt.want {
			t.Errorf("%s: BigInt = %v, %v; want %s", tt.hex, got, err, tt.want)
		}
	}
	for _, tt := range []struct{ hex, want string }{
		{"c48221196ab3", "273.15"}, // RFC 8949 section 3.4.4's example
		{"c4822005", "0.5"},
		{"c4820105", "50"},
		{"c48220c349010000000000000000", "-1.8446744073709551617e+18"},
		{"c49f2005ff", "0.5"}, // an indefinite-length array
		{"c48239270f01", "1e-10000"},
		{"c48219271001", "1e+10000"},
		{"f93e00", "1.5"},
		{"c34100", "-1"},
		{"1a000f4240", "1e+06"},
	} {
		got, _, err := read(unhex(t, tt.hex), (*Decoder).BigFloat)
		if err != nil || got.Text('g', -1) != tt.want {
			t.Errorf("%s: BigFloat = %v, %v; want %s", tt.hex, got, err, tt.want)
			continue
		}
		// The Encoder writes the same decimal digits back.
		e := NewEncoder(nil)
		e.BigFloat(got)
		again, _, err := read(e.Bytes(), (*Decoder).BigFloat)
		if err != nil || again.Text('g', -1) != tt.want {
			t.Errorf("%s: wrote %x, read back %v, %v", tt.hex, e.Bytes(), again, err)
		}
	}
}

func TestStrings(t *testing.T) {
	tests := []struct{ hex, want string }{
		{"62c328", "\uFFFD("},              // invalid UTF-8, one U+FFFD per bad byte
		{"63eda080", "\uFFFD\uFFFD\uFFFD"}, // an encoded surrogate is invalid
		{"7f61c36128ff", "\uFFFD("},        // a character split between chunks is valid once joined, a bad one not
		{"7f61c361bcff", "ü"},
		{"7fff", ""},
		{"7818" + strings.Repeat("61", 24), strings.Repeat("a", 24)},
		{"79000161", "a"}, // a longer head than needed is still well-formed
		{"d8206161", "a"},
	}
	for _, tt := range tests {
		got, _, err := read(unhex(t, tt.hex), (*Decoder).String)
		if err != nil || got != tt.want {
			t.Errorf("%s: String = %q, %v; want %q", tt.hex, got, err, tt.want)
		}
	}
	// Keys: NextKey copies into its buffer; NextKeyString reads any form.
	d := NewDecoder(unhex(t, "a2 7f6161616bff 01 62c328 02"))
	d.BeginObject()
	k, _ := d.NextKey()
	if string(k) != "ak" || d.Int64() != 1 {
		t.Errorf("NextKey = %q", k)
	}
	ks, _ := d.NextKeyString()
	if ks != "\uFFFD(" || d.Int64() != 2 {
		t.Errorf("NextKeyString = %q", ks)
	}
	if _, ok := d.NextKeyString(); ok || d.Err() != nil {
		t.Errorf("end of map: %v, %v", ok, d.Err())
	}
}

func TestKind(t *testing.T) {
	for _, tt := range []struct {
		hex  string
		want Kind
	}{
		{"00", Number}, {"3b00", Number}, {"f93c00", Number}, {"c100", Number}, {"c240", Number},
		{"c4820101", Number}, {"d9d9f76161", String}, {"c0c06161", String}, {"40", Bytes},
		{"7f", String}, {"9f", Array}, {"a0", Object}, {"f4", Bool}, {"f6", Null}, {"f7", Null},
		{"f0", Simple}, {"ff", Invalid}, {"1c", Invalid}, {"1f", Invalid}, {"df", Invalid},
		{"d9", Invalid}, {"d9d9", Invalid}, {"d9d9f7ff", Invalid},
	} {
		if got := NewDecoder(unhex(t, tt.hex)).Kind(); got != tt.want {
			t.Errorf("%s: Kind = %v, want %v", tt.hex, got, tt.want)
		}
	}
	if got := NewDecoder(nil).Kind(); got != Null {
		t.Errorf("empty input: Kind = %v, want null", got)
	}
}

// TestNull: Null consumes null and undefined, tagged or not, as Kind calls
// them null, and nothing else.
func TestNull(t *testing.T) {
	for _, tt := range []struct {
		hex  string
		want bool
		pos  int64
	}{
		{"f6", true, 1}, {"f7", true, 1}, {"d0f7", true, 2}, {"c0c0f6", true, 3},
		{"00", false, 0}, {"c100", false, 0}, {"f4", false, 0}, {"c0", false, 0}, {"d9", false, 0},
	} {
		d := NewDecoder(unhex(t, tt.hex))
		if got := d.Null(); got != tt.want || d.Offset() != tt.pos || d.Err() != nil {
			t.Errorf("%s: Null = %v at offset %d, %v; want %v at %d", tt.hex, got, d.Offset(), d.Err(), tt.want, tt.pos)
		}
	}
}

// TestEmptyInput: an empty body reads as null, as with jsonwire.
func TestEmptyInput(t *testing.T) {
	d := NewDecoder(nil)
	if d.BeginObject() {
		t.Fatal("BeginObject on empty input = true")
	}
	d.End()
	if d.Err() != nil {
		t.Fatal(d.Err())
	}
}

func TestRawKeepsTags(t *testing.T) {
	data := unhex(t, "a2 6161 c1fb41d452d9ec200000 6162 d8209f6178ff")
	d := NewDecoder(data)
	d.BeginObject()
	var got []string
	for {
		_, ok := d.NextKeyString()
		if !ok {
			break
		}
		got = append(got, string(d.Raw()))
	}
	d.End()
	if d.Err() != nil || len(got) != 2 || got[0] != string(data[3:13]) || got[1] != string(data[15:]) {
		t.Fatalf("Raw = %x, %v", got, d.Err())
	}
}

// TestStickyErrors: after an error every read returns a zero value and
// moves nothing.
func TestStickyErrors(t *testing.T) {
	d := NewDecoder(unhex(t, "a2 6161 6162 6163 01"))
	d.BeginObject()
	d.NextKeyString()
	d.Int64() // a text string: TypeError
	pos := d.Offset()
	if d.String() != "" || d.Int64() != 0 || d.NextElem() || d.BeginObject() || d.Raw() != nil || d.Kind() != Invalid {
		t.Error("a read after an error returned a value")
	}
	if _, ok := d.NextKeyString(); ok || d.Offset() != pos || errKind(d.Err()) != "type" {
		t.Errorf("after an error: offset %d (was %d), %v", d.Offset(), pos, d.Err())
	}
}

// TestAllocations: strings and keys of definite length are substrings of
// the input, and nesting up to 16 levels costs nothing, so reading an
// object of strings costs the Decoder alone.
func TestAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	e := NewEncoder(nil)
	e.BeginObject()
	for _, k := range []string{"Name", "Description", "Arn"} {
		e.Key(k)
		e.String(strings.Repeat(k, 10))
	}
	e.Key("Nested")
	for range 10 {
		e.BeginArray()
	}
	e.Int(1)
	for range 10 {
		e.EndArray()
	}
	e.EndObject()
	s := string(e.Bytes())
	allocs := testing.AllocsPerRun(100, func() {
		d := NewDecoderString(s)
		d.BeginObject()
		for {
			k, ok := d.NextKeyString()
			if !ok {
				break
			}
			if k == "Nested" {
				d.Skip()
				continue
			}
			_ = d.String()
		}
		d.End()
		if d.Err() != nil {
			t.Fatal(d.Err())
		}
	})
	if allocs != 1 {
		t.Errorf("%v allocations, want 1 (the Decoder)", allocs)
	}
}

// bytesAllocated returns how many bytes f allocates: the least of five
// runs, since the runtime allocates now and then for itself.
func bytesAllocated(f func()) uint64 {
	least := uint64(math.MaxUint64)
	for range 5 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		least = min(least, after.TotalAlloc-before.TotalAlloc)
	}
	return least
}

// TestHostileLengths: a length from the wire sizes nothing beyond what the
// input left can back. Each input claims far more than it holds.
func TestHostileLengths(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	junk := strings.Repeat("\x1c", 100) // reserved bytes: an error at the first element
	type big [256]byte
	for _, in := range []string{
		"\x9b\x00\x00\x00\x00\xff\xff\xff\xff" + junk, // an array of 4 billion elements
		"\x9a\x00\x01\x00\x00" + junk,                 // 65536 elements
		"\x98\x64" + junk,                             // 100 elements in 100 bytes: 25,600 bytes of Go
		"\x5b\x00\x00\x00\x00\xff\xff\xff\xff" + junk, // a byte string of 4 GB
		"\x7a\x00\x01\x00\x00" + junk,                 // a text string of 64 kB
		"\xbb\x00\x00\x00\x00\xff\xff\xff\xff" + junk, // a map of 4 billion pairs
	} {
		var list []big
		n := bytesAllocated(func() {
			d := NewDecoderString(in)
			switch in[0] >> 5 {
			case majorArray:
				var b ListBuilder[big]
				for d.NextElem() || d.BeginArray() && d.NextElem() {
					p := b.NextIn(d) // sized here, before the element proves bad
					d.Skip()
					*p = big{}
				}
				list = b.Slice()
			case majorMap:
				if d.BeginObject() {
					d.NextKeyString()
				}
			case majorBytes:
				d.Blob()
			default:
				_ = d.String()
			}
			if errKind(d.Err()) != "syntax" {
				t.Errorf("%x: %v, want a SyntaxError", in[:9], d.Err())
			}
		})
		if n > 2048 {
			t.Errorf("%x: %d bytes allocated for %d bytes of input (%d elements)", in[:9], n, len(in), len(list))
		}
	}
}

// TestListSizing: a definite-length array is sized once, exactly, when the
// input backs its length; otherwise it grows with the elements read.
func TestListSizing(t *testing.T) {
	// 1,000 int64s of 9 bytes each: the input backs 8 bytes an element.
	e := NewEncoder(nil)
	e.BeginArrayLen(1000)
	for i := range 1000 {
		e.Int(int64(i) << 40)
	}
	e.EndArray()
	d := NewDecoder(e.Bytes())
	d.BeginArray()
	var exact ListBuilder[int64]
	for d.NextElem() {
		*exact.NextIn(d) = d.Int64()
	}
	got := exact.Slice()
	if d.Err() != nil || len(got) != 1000 || cap(got) != 1000 || !exact.exact || got[999] != 999<<40 {
		t.Errorf("int64 list: len %d cap %d exact %v, %v", len(got), cap(got), exact.exact, d.Err())
	}
	// 1,000 small integers (~2,800 bytes) do not back 8 bytes an element:
	// the slice grows with the elements read.
	e = NewEncoder(nil)
	e.BeginArrayLen(1000)
	for i := range 1000 {
		e.Int(int64(i))
	}
	e.EndArray()
	d = NewDecoder(e.Bytes())
	d.BeginArray()
	var small ListBuilder[int64]
	for d.NextElem() {
		*small.NextIn(d) = d.Int64()
	}
	got = small.Slice()
	if d.Err() != nil || len(got) != 1000 || small.exact || got[999] != 999 {
		t.Errorf("small int64 list: len %d exact %v, %v", len(got), small.exact, d.Err())
	}
	// Nor do 1,000 elements of 64 bytes.
	d = NewDecoder(e.Bytes())
	d.BeginArray()
	var large ListBuilder[[8]int64]
	for d.NextElem() {
		large.NextIn(d)[0] = d.Int64()
	}
	got2 := large.Slice()
	if d.Err() != nil || len(got2) != 1000 || large.exact || got2[999][0] != 999 {
		t.Errorf("large list: len %d exact %v, %v", len(got2), large.exact, d.Err())
	}
	// Indefinite length: chunks.
	d = NewDecoder(unhex(t, "9f 01 02 03 04 05 06 ff"))
	d.BeginArray()
	var indef ListBuilder[int8]
	for d.NextElem() {
		*indef.NextIn(d) = d.Int8()
	}
	if got := indef.Slice(); d.Err() != nil || len(got) != 6 || got[5] != 6 || indef.exact {
		t.Errorf("indefinite list: %v, %v", got, d.Err())
	}
	// Nulls left out of a dense list: the slice is shorter than the count.
	d = NewDecoder(unhex(t, "84 01 f6 02 f6"))
	d.BeginArray()
	var dense ListBuilder[int64]
	for d.NextElem() {
		if d.Null() {
			continue
		}
		*dense.NextIn(d) = d.Int64()
	}
	if got := dense.Slice(); d.Err() != nil || len(got) != 2 || got[1] != 2 {
		t.Errorf("dense list: %v, %v", got, d.Err())
	}
	// An empty array is an empty, non-nil slice.
	d = NewDecoder(unhex(t, "80"))
	d.BeginArray()
	var empty ListBuilder[string]
	for d.NextElem() {
		*empty.NextIn(d) = d.String()
	}
	if got := empty.Slice(); got == nil || len(got) != 0 {
		t.Errorf("empty list: %#v", got)
	}
}

// TestBoxBlocks checks the Box methods' values and the sizes their blocks
// grow to: 512 values, or maxSlabBytes for values so large that 512 of
// them are more (strings, times), since the last block of a page is on
// average half unused.
func TestBoxBlocks(t *testing.T) {
	d := NewDecoder(nil)
	var ps []*string
	for i := range 5000 {
		ps = append(ps, d.BoxString(strconv.Itoa(i)))
		d.BoxTime(time.Unix(int64(i), 0))
		d.BoxBool(true)
		d.BoxInt32(1)
	}
	for i, p := range ps {
		if *p != strconv.Itoa(i) {
			t.Fatalf("box %d holds %q", i, *p)
		}
	}
	for _, b := range []struct {
		name      string
		len, size int
		want      int
	}{
		{"strings", len(d.strings.block), 16, maxSlabBytes / 16},
		{"times", len(d.times.block), 24, maxSlabBytes / 24},
		{"bools", len(d.bools.block), 1, 512},
		{"int32s", len(d.int32s.block), 4, 512},
	} {
		if b.len != b.want || b.len*b.size > maxSlabBytes {
			t.Errorf("%s: a block of %d values (%d bytes), want %d", b.name, b.len, b.len*b.size, b.want)
		}
	}
}
