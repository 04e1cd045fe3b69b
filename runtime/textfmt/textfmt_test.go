package textfmt

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func TestScanNumber(t *testing.T) {
	tests := []struct {
		in  string
		end int
		ok  bool
	}{
		{"0", 1, true}, {"-0", 2, true}, {"12", 2, true}, {"1.5", 3, true}, {"1e5", 3, true},
		{"1E+5", 4, true}, {"1e-5", 4, true}, {"-1.25e-10", 9, true}, {"0.0", 3, true},
		{"01", 1, true}, // the number is "0"; what follows is the caller's business
		{"1x", 1, true}, {"1.5.5", 3, true},
		{"", 0, false}, {"-", 1, false}, {"+1", 0, false}, {".5", 0, false}, {"1.", 2, false},
		{"1.e5", 2, false}, {"1e", 2, false}, {"1e+", 3, false}, {"-a", 1, false}, {"x", 0, false},
	}
	for _, tt := range tests {
		end, ok := ScanNumber(tt.in, 0)
		if end != tt.end || ok != tt.ok {
			t.Errorf("ScanNumber(%q) = %d, %v; want %d, %v", tt.in, end, ok, tt.end, tt.ok)
		}
	}
}

func TestNumberParts(t *testing.T) {
	tests := []struct {
		in       string
		mag      uint64
		fits     bool
		fraction bool
		nanos    int64
	}{
		{"0", 0, true, false, 0},
		{"123", 123, true, false, 0},
		{"-123.5", 123, true, true, 500000000},
		{"1.5e1", 15, true, false, 0},
		{"1.25e1", 12, true, true, 500000000},
		{"15e-1", 1, true, true, 500000000},
		{"0.000000001", 0, true, true, 1},
		{"0.0000000019", 0, true, true, 1},
		{"1e-10", 0, true, true, 0},
		{"18446744073709551615", 18446744073709551615, true, false, 0},
		{"18446744073709551616", 0, false, false, 0},
		{"1.8446744073709551615e19", 18446744073709551615, true, false, 0},
		{"1e19", 10000000000000000000, true, false, 0},
		{"1e20", 0, false, false, 0},
		{"0e999999999999999999999", 0, true, false, 0},
		{"1e999999999999999999999", 0, false, false, 0},
		{"1e-999999999999999999999", 0, true, true, 0},
		{"100.000", 100, true, false, 0},
	}
	for _, tt := range tests {
		n := SplitNumber(tt.in)
		mag, fits := n.Integer()
		if mag != tt.mag || fits != tt.fits || n.HasFraction() != tt.fraction || n.nanos() != tt.nanos {
			t.Errorf("%s: integer %d, %v; fraction %v; nanos %d", tt.in, mag, fits, n.HasFraction(), n.nanos())
		}
	}
}

// The string forms, as httpbind's Format functions write them.
func formatHTTPDate(t time.Time) string     { return string(AppendHTTPDate(nil, t)) }
func formatDateTime(t time.Time) string     { return string(AppendDateTime(nil, t)) }
func formatEpochSeconds(t time.Time) string { return string(AppendEpochSeconds(nil, t)) }
func formatFloat(v float64, bits int) string {
	return string(AppendFloatText(nil, v, bits))
}

// Cases named Rest... come from the official Smithy restJson1 protocol tests
// (smithy-aws-protocol-tests, model/restJson1), by test ID.

func TestTimestamps(t *testing.T) {
	ts := time.Unix(1576540098, 0)
	if got := formatHTTPDate(ts); got != "Mon, 16 Dec 2019 23:48:18 GMT" {
		t.Errorf("FormatHTTPDate = %q", got)
	}
	if got := formatHTTPDate(time.Unix(1576540098, 999e6)); got != "Mon, 16 Dec 2019 23:48:18 GMT" {
		t.Errorf("FormatHTTPDate with fraction = %q", got)
	}
	if got := formatDateTime(ts); got != "2019-12-16T23:48:18Z" {
		t.Errorf("FormatDateTime = %q", got)
	}
	if got := formatDateTime(time.Unix(946845296, 123456789)); got != "2000-01-02T20:34:56.123Z" {
		t.Errorf("FormatDateTime with fraction = %q", got)
	}
	if got := formatEpochSeconds(ts); got != "1576540098" {
		t.Errorf("FormatEpochSeconds = %q", got)
	}
	if got := formatEpochSeconds(time.Unix(1576540098, 5e8)); got != "1576540098.5" {
		t.Errorf("FormatEpochSeconds with fraction = %q", got)
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
		// A server's reads (RestJsonBodyTimestampDateTimeRejectsUTCOffsets):
		// Z only, even for a zero offset.
		{"date-time", ParseDateTimeUTC, "2019-12-16T23:48:18Z", ts},
		{"date-time", ParseDateTimeUTC, "2019-12-16t23:48:18.5z", ts.Add(5e8)},
		{"date-time", ParseDateTimeUTC, "1996-12-19T16:39:57-08:00", time.Time{}},
		{"date-time", ParseDateTimeUTC, "2019-12-16T23:48:18+00:00", time.Time{}},
		{"date-time", ParseDateTimeUTC, "2019-12-16T23:48:18", time.Time{}},

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
		if got, err := ParseDateTime(formatDateTime(ts)); err != nil || !got.Equal(ts) {
			t.Fatalf("date-time round trip of %v: %v, %v", ts, got, err)
		}
		if got, err := ParseEpochSeconds(formatEpochSeconds(ts)); err != nil || !got.Equal(ts) {
			t.Fatalf("epoch-seconds round trip of %v (%s): %v, %v", ts, formatEpochSeconds(ts), got, err)
		}
		sec := ts.Truncate(time.Second)
		if got, err := ParseHTTPDate(formatHTTPDate(ts)); err != nil || !got.Equal(sec) {
			t.Fatalf("http-date round trip of %v: %v, %v", ts, got, err)
		}
		if want := ts.UTC().Format("Mon, 02 Jan 2006 15:04:05 GMT"); formatHTTPDate(ts) != want {
			t.Fatalf("formatHTTPDate(%v) = %q, want %q", ts, formatHTTPDate(ts), want)
		}
		if want := ts.UTC().Format("2006-01-02T15:04:05.999Z07:00"); formatDateTime(ts) != want {
			t.Fatalf("formatDateTime(%v) = %q, want %q", ts, formatDateTime(ts), want)
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
		if got := formatFloat(tt.v, tt.bits); got != tt.want {
			t.Errorf("formatFloat(%v, %d) = %q, want %q", tt.v, tt.bits, got, tt.want)
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
		got, err := ParseFloatText(tt.in, tt.bits)
		same := got == tt.want && math.Signbit(got) == math.Signbit(tt.want) || math.IsNaN(got) && math.IsNaN(tt.want)
		if (err == nil) != tt.ok || (tt.ok && !same) {
			t.Errorf("ParseFloatText(%q, %d) = %v, %v; want %v, ok %v", tt.in, tt.bits, got, err, tt.want, tt.ok)
		}
	}
	r := rand.New(rand.NewPCG(5, 6))
	for range 10000 {
		f := math.Float64frombits(r.Uint64())
		got, err := ParseFloatText(formatFloat(f, 64), 64)
		if err != nil || !(got == f || math.IsNaN(f) && math.IsNaN(got)) {
			t.Fatalf("float64 round trip of %v: %v, %v", f, got, err)
		}
		f32 := math.Float32frombits(r.Uint32())
		got, err = ParseFloatText(formatFloat(float64(f32), 32), 32)
		if err != nil || !(float32(got) == f32 || math.IsNaN(float64(f32)) && math.IsNaN(got)) {
			t.Fatalf("float32 round trip of %v: %v, %v", f32, got, err)
		}
	}
}

// FuzzParseDateTimeUTC: the server's parse accepts exactly the client's
// date-times that end in Z (or z), and reads them as the same instant.
func FuzzParseDateTimeUTC(f *testing.F) {
	for _, s := range []string{"2019-12-16T23:48:18Z", "2019-12-16T23:48:18.5z", "1996-12-19T16:39:57-08:00", "2019-12-16T23:48:18+00:00", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lenient, lerr := ParseDateTime(s)
		strict, serr := ParseDateTimeUTC(s)
		zulu := strings.HasSuffix(s, "Z") || strings.HasSuffix(s, "z")
		if (serr == nil) != (lerr == nil && zulu) {
			t.Fatalf("%q: ParseDateTimeUTC error %v, ParseDateTime error %v", s, serr, lerr)
		}
		if serr == nil && !strict.Equal(lenient) {
			t.Fatalf("%q: ParseDateTimeUTC = %v, ParseDateTime = %v", s, strict, lenient)
		}
	})
}
