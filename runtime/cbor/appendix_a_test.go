package cbor

import (
	"encoding/hex"
	"math"
	"math/big"
	"testing"
	"time"
)

// appendixA is RFC 8949 Appendix A, "Examples of Encoded CBOR Data Items":
// each encoding and the value it stands for, as walk returns it. Tags other
// than 1, 2, 3 and 4 are read past, so 0("2013-03-21T20:04:00Z") reads as
// its text string.
func appendixA(t testing.TB) []struct {
	hex  string
	want any
} {
	big64 := bigInt(t, "18446744073709551616")
	negBig64 := bigInt(t, "-18446744073709551617")
	max64 := bigInt(t, "18446744073709551615")
	negMax64 := bigInt(t, "-18446744073709551616")
	inf, nan := math.Inf(1), math.NaN()
	upTo25 := []any{}
	for i := range 25 {
		upTo25 = append(upTo25, int64(i+1))
	}
	return []struct {
		hex  string
		want any
	}{
		{"00", int64(0)},
		{"01", int64(1)},
		{"0a", int64(10)},
		{"17", int64(23)},
		{"1818", int64(24)},
		{"1819", int64(25)},
		{"1864", int64(100)},
		{"1903e8", int64(1000)},
		{"1a000f4240", int64(1000000)},
		{"1b000000e8d4a51000", int64(1000000000000)},
		{"1bffffffffffffffff", max64},
		{"c249010000000000000000", big64},
		{"3bffffffffffffffff", negMax64},
		{"c349010000000000000000", negBig64},
		{"20", int64(-1)},
		{"29", int64(-10)},
		{"3863", int64(-100)},
		{"3903e7", int64(-1000)},
		{"f90000", 0.0},
		{"f98000", math.Copysign(0, -1)},
		{"f93c00", 1.0},
		{"fb3ff199999999999a", 1.1},
		{"f93e00", 1.5},
		{"f97bff", 65504.0},
		{"fa47c35000", 100000.0},
		{"fa7f7fffff", 3.4028234663852886e+38},
		{"fb7e37e43c8800759c", 1.0e+300},
		{"f90001", 5.960464477539063e-8},
		{"f90400", 0.00006103515625},
		{"f9c400", -4.0},
		{"fbc010666666666666", -4.1},
		{"f97c00", inf},
		{"f97e00", nan},
		{"f9fc00", -inf},
		{"fa7f800000", inf},
		{"fa7fc00000", nan},
		{"faff800000", -inf},
		{"fb7ff0000000000000", inf},
		{"fb7ff8000000000000", nan},
		{"fbfff0000000000000", -inf},
		{"f4", false},
		{"f5", true},
		{"f6", nil},
		{"f7", nil}, // undefined reads as null
		{"f0", simple{}},
		{"f8ff", simple{}},
		{"c074323031332d30332d32315432303a30343a30305a", "2013-03-21T20:04:00Z"},
		{"c11a514b67b0", time.Unix(1363896240, 0)},
		{"c1fb41d452d9ec200000", time.Unix(1363896240, 500_000_000)},
		{"d74401020304", []byte{1, 2, 3, 4}},
		{"d818456449455446", []byte("dIETF")},
		{"d82076687474703a2f2f7777772e6578616d706c652e636f6d", "http://www.example.com"},
		{"40", []byte{}},
		{"4401020304", []byte{1, 2, 3, 4}},
		{"60", ""},
		{"6161", "a"},
		{"6449455446", "IETF"},
		{"62225c", "\"\\"},
		{"62c3bc", "\u00fc"},
		{"63e6b0b4", "\u6c34"},
		{"64f0908591", "\U00010151"},
		{"80", []any{}},
		{"83010203", []any{int64(1), int64(2), int64(3)}},
		{"8301820203820405", []any{int64(1), []any{int64(2), int64(3)}, []any{int64(4), int64(5)}}},
		{"98190102030405060708090a0b0c0d0e0f101112131415161718181819", upTo25},
		{"a0", map[string]any{}},
		// a201020304, {1: 2, 3: 4}, has integer keys: see TestNonTextKeys.
		{"a26161016162820203", map[string]any{"a": int64(1), "b": []any{int64(2), int64(3)}}},
		{"826161a161626163", []any{"a", map[string]any{"b": "c"}}},
		{"a56161614161626142616361436164614461656145", map[string]any{"a": "A", "b": "B", "c": "C", "d": "D", "e": "E"}},
		{"5f42010243030405ff", []byte{1, 2, 3, 4, 5}},
		{"7f657374726561646d696e67ff", "streaming"},
		{"9fff", []any{}},
		{"9f018202039f0405ffff", []any{int64(1), []any{int64(2), int64(3)}, []any{int64(4), int64(5)}}},
		{"9f01820203820405ff", []any{int64(1), []any{int64(2), int64(3)}, []any{int64(4), int64(5)}}},
		{"83018202039f0405ff", []any{int64(1), []any{int64(2), int64(3)}, []any{int64(4), int64(5)}}},
		{"83019f0203ff820405", []any{int64(1), []any{int64(2), int64(3)}, []any{int64(4), int64(5)}}},
		{"9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff", upTo25},
		{"bf61610161629f0203ffff", map[string]any{"a": int64(1), "b": []any{int64(2), int64(3)}}},
		{"826161bf61626163ff", []any{"a", map[string]any{"b": "c"}}},
		{"bf6346756ef563416d7421ff", map[string]any{"Fun": true, "Amt": int64(-2)}},
	}
}

func TestAppendixADecode(t *testing.T) {
	for _, tt := range appendixA(t) {
		data := unhex(t, tt.hex)
		d := NewDecoder(data)
		got := walk(d)
		d.End()
		if err := d.Err(); err != nil || !equal(got, tt.want) {
			t.Errorf("%s: got %#v, %v; want %#v", tt.hex, got, err, tt.want)
		}
		// Skip and Raw agree on where the item ends.
		d = NewDecoder(data)
		if raw := d.Raw(); d.Err() != nil || string(raw) != string(data) {
			t.Errorf("%s: Raw = %x, %v", tt.hex, raw, d.Err())
		}
	}
}

func TestNonTextKeys(t *testing.T) {
	data := unhex(t, "a201020304") // {1: 2, 3: 4}
	d := NewDecoder(data)
	d.Skip()
	d.End()
	if d.Err() != nil {
		t.Fatalf("Skip: %v", d.Err())
	}
	d = NewDecoder(data)
	if !d.BeginObject() {
		t.Fatal("BeginObject = false")
	}
	k, ok := d.NextKeyString()
	if ok || k != "" || errKind(d.Err()) != "type" {
		t.Fatalf("NextKeyString = %q, %v, %v; want a TypeError", k, ok, d.Err())
	}
	if want := "cbor: offset 1: expected text string map key, found number"; d.Err().Error() != want {
		t.Errorf("error %q, want %q", d.Err(), want)
	}
}

// TestAppendixAEncode writes the examples whose encoding is the one the
// Encoder chooses: shortest heads, definite lengths, and floats in the
// precision of their type (so the half-precision examples are left out).
func TestAppendixAEncode(t *testing.T) {
	tests := []struct {
		want string
		emit func(e *Encoder)
	}{
		{"00", func(e *Encoder) { e.Int(0) }},
		{"01", func(e *Encoder) { e.Int(1) }},
		{"0a", func(e *Encoder) { e.Int(10) }},
		{"17", func(e *Encoder) { e.Int(23) }},
		{"1818", func(e *Encoder) { e.Int(24) }},
		{"1819", func(e *Encoder) { e.Int(25) }},
		{"1864", func(e *Encoder) { e.Int(100) }},
		{"1903e8", func(e *Encoder) { e.Int(1000) }},
		{"1a000f4240", func(e *Encoder) { e.Int(1000000) }},
		{"1b000000e8d4a51000", func(e *Encoder) { e.Int(1000000000000) }},
		{"1bffffffffffffffff", func(e *Encoder) { e.Uint(math.MaxUint64) }},
		{"1bffffffffffffffff", func(e *Encoder) { e.BigInt(bigInt(t, "18446744073709551615")) }},
		{"c249010000000000000000", func(e *Encoder) { e.BigInt(bigInt(t, "18446744073709551616")) }},
		{"3bffffffffffffffff", func(e *Encoder) { e.BigInt(bigInt(t, "-18446744073709551616")) }},
		{"c349010000000000000000", func(e *Encoder) { e.BigInt(bigInt(t, "-18446744073709551617")) }},
		{"20", func(e *Encoder) { e.Int(-1) }},
		{"29", func(e *Encoder) { e.Int(-10) }},
		{"3863", func(e *Encoder) { e.Int(-100) }},
		{"3903e7", func(e *Encoder) { e.Int(-1000) }},
		{"3b7fffffffffffffff", func(e *Encoder) { e.Int(math.MinInt64) }},
		{"fb3ff199999999999a", func(e *Encoder) { e.Float(1.1, 64) }},
		{"fa47c35000", func(e *Encoder) { e.Float(100000.0, 32) }},
		{"fa7f7fffff", func(e *Encoder) { e.Float(3.4028234663852886e+38, 32) }},
		{"fb7e37e43c8800759c", func(e *Encoder) { e.Float(1.0e+300, 64) }},
		{"fbc010666666666666", func(e *Encoder) { e.Float(-4.1, 64) }},
		{"fa7f800000", func(e *Encoder) { e.Float(math.Inf(1), 32) }},
		{"fa7fc00000", func(e *Encoder) { e.Float(math.NaN(), 32) }},
		{"faff800000", func(e *Encoder) { e.Float(math.Inf(-1), 32) }},
		{"fb7ff0000000000000", func(e *Encoder) { e.Float(math.Inf(1), 64) }},
		{"fb7ff8000000000000", func(e *Encoder) { e.Float(math.NaN(), 64) }},
		{"fbfff0000000000000", func(e *Encoder) { e.Float(math.Inf(-1), 64) }},
		{"f4", func(e *Encoder) { e.Bool(false) }},
		{"f5", func(e *Encoder) { e.Bool(true) }},
		{"f6", func(e *Encoder) { e.Null() }},
		{"c1fb41d452d9ec200000", func(e *Encoder) { e.EpochSeconds(time.Unix(1363896240, 500_000_000)) }},
		{"40", func(e *Encoder) { e.Blob(nil) }},
		{"4401020304", func(e *Encoder) { e.Blob([]byte{1, 2, 3, 4}) }},
		{"60", func(e *Encoder) { e.String("") }},
		{"6161", func(e *Encoder) { e.String("a") }},
		{"6449455446", func(e *Encoder) { e.String("IETF") }},
		{"62225c", func(e *Encoder) { e.String("\"\\") }},
		{"62c3bc", func(e *Encoder) { e.String("\u00fc") }},
		{"63e6b0b4", func(e *Encoder) { e.String("\u6c34") }},
		{"64f0908591", func(e *Encoder) { e.String("\U00010151") }},
		{"80", func(e *Encoder) { e.BeginArray(); e.EndArray() }},
		{"83010203", func(e *Encoder) { e.BeginArray(); e.Int(1); e.Int(2); e.Int(3); e.EndArray() }},
		{"8301820203820405", func(e *Encoder) {
			e.BeginArray()
			e.Int(1)
			e.BeginArray()
			e.Int(2)
			e.Int(3)
			e.EndArray()
			e.BeginArrayLen(2)
			e.Int(4)
			e.Int(5)
			e.EndArray()
			e.EndArray()
		}},
		// 25 elements need a two-byte head: without the length up front
		// the content moves, with it nothing does.
		{"98190102030405060708090a0b0c0d0e0f101112131415161718181819", func(e *Encoder) {
			e.BeginArray()
			for i := range 25 {
				e.Int(int64(i + 1))
			}
			e.EndArray()
		}},
		{"98190102030405060708090a0b0c0d0e0f101112131415161718181819", func(e *Encoder) {
			e.BeginArrayLen(25)
			for i := range 25 {
				e.Int(int64(i + 1))
			}
			e.EndArray()
		}},
		{"a0", func(e *Encoder) { e.BeginObject(); e.EndObject() }},
		{"a26161016162820203", func(e *Encoder) {
			e.BeginObject()
			e.Key("a")
			e.Int(1)
			e.Key("b")
			e.BeginArray()
			e.Int(2)
			e.Int(3)
			e.EndArray()
			e.EndObject()
		}},
		{"826161a161626163", func(e *Encoder) {
			e.BeginArray()
			e.String("a")
			e.BeginObject()
			e.Key("b")
			e.String("c")
			e.EndObject()
			e.EndArray()
		}},
		{"a56161614161626142616361436164614461656145", func(e *Encoder) {
			e.BeginObjectLen(5)
			for _, k := range []string{"a", "b", "c", "d", "e"} {
				e.Key(k)
				e.String(string(rune(k[0] - 'a' + 'A')))
			}
			e.EndObject()
		}},
	}
	for _, tt := range tests {
		e := NewEncoder(nil)
		tt.emit(e)
		if got := hex.EncodeToString(e.Bytes()); got != tt.want {
			t.Errorf("got %s, want %s", got, tt.want)
		}
	}
}

// TestAppendixAReencode checks that every example's value, written by the
// Encoder and read back, is the same value.
func TestAppendixAReencode(t *testing.T) {
	for _, tt := range appendixA(t) {
		e := NewEncoder(nil)
		encodeAny(e, tt.want)
		d := NewDecoder(e.Bytes())
		got := walk(d)
		d.End()
		want := tt.want
		if _, ok := want.(simple); ok {
			want = nil
		}
		if f, ok := want.(*big.Int); ok && f.IsInt64() {
			want = f.Int64()
		}
		if d.Err() != nil || !equal(got, want) {
			t.Errorf("%s: wrote %x, read back %#v, %v", tt.hex, e.Bytes(), got, d.Err())
		}
	}
}
