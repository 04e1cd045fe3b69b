package cbor

import (
	"math"
	"slices"
	"testing"
	"time"
)

// wellFormed is the well-formedness check of RFC 8949 Appendix C, written
// recursively and plainly as a reference for Skip. It returns the offset
// after the data item at i, or -1 if the item is not well-formed (or nests
// containers deeper than MaxDepth), and the item's major type (-1 for an
// indefinite-length item, which is thus no valid chunk of a string). brk is
// set when a break is found where breakable allows one.
func wellFormed(b []byte, i int, breakable bool, depth int) (next int, major int, brk bool) {
	if i >= len(b) {
		return -1, 0, false
	}
	ib := b[i]
	i++
	mt, ai := int(ib>>5), int(ib&31)
	val := uint64(ai)
	switch {
	case ai >= 24 && ai <= 27:
		n := 1 << (ai - 24)
		if len(b)-i < n {
			return -1, 0, false
		}
		val = 0
		for _, c := range b[i : i+n] {
			val = val<<8 | uint64(c)
		}
		i += n
	case ai >= 28 && ai <= 30:
		return -1, 0, false
	case ai == 31:
		return wellFormedIndefinite(b, i, mt, breakable, depth)
	}
	switch mt {
	case 2, 3:
		if val > uint64(len(b)-i) {
			return -1, 0, false
		}
		i += int(val)
	case 4, 5:
		if depth >= MaxDepth {
			return -1, 0, false
		}
		n := val
		if mt == 5 {
			if n > math.MaxUint64/2 {
				return -1, 0, false
			}
			n *= 2
		}
		for ; n > 0; n-- {
			if i, _, _ = wellFormed(b, i, false, depth+1); i < 0 {
				return -1, 0, false
			}
		}
	case 6:
		if i, _, _ = wellFormed(b, i, false, depth); i < 0 {
			return -1, 0, false
		}
	case 7:
		if ai == 24 && val < 32 {
			return -1, 0, false
		}
	}
	return i, mt, false
}

func wellFormedIndefinite(b []byte, i, mt int, breakable bool, depth int) (int, int, bool) {
	switch mt {
	case 2, 3:
		for {
			next, it, brk := wellFormed(b, i, true, depth)
			if next < 0 {
				return -1, 0, false
			}
			i = next
			if brk {
				return i, -1, false
			}
			if it != mt { // a definite-length chunk of the same type
				return -1, 0, false
			}
		}
	case 4, 5:
		if depth >= MaxDepth {
			return -1, 0, false
		}
		for {
			next, _, brk := wellFormed(b, i, true, depth+1)
			if next < 0 {
				return -1, 0, false
			}
			i = next
			if brk {
				return i, -1, false
			}
			if mt == 5 {
				if i, _, _ = wellFormed(b, i, false, depth+1); i < 0 {
					return -1, 0, false
				}
			}
		}
	case 7:
		if breakable {
			return i, 7, true
		}
	}
	return -1, 0, false
}

// fuzzSeeds are inputs every fuzz target starts from: RFC 8949 Appendix A,
// the rpcv2Cbor protocol-test bodies, and malformed samples.
func fuzzSeeds(f *testing.F) [][]byte {
	var seeds [][]byte
	for _, tt := range appendixA(f) {
		seeds = append(seeds, unhex(f, tt.hex))
	}
	for _, b := range protocolBodies(f) {
		seeds = append(seeds, b.body)
	}
	for _, m := range malformed {
		seeds = append(seeds, unhex(f, m.hex))
	}
	return seeds
}

// FuzzSkip checks that the Decoder never panics, that Skip and Raw agree
// with the reference well-formedness check on every input, and that what
// walk reads survives the Encoder and a second walk.
func FuzzSkip(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return // reads as null, unlike the reference
		}
		end, _, brk := wellFormed(data, 0, false, 0)
		want := end >= 0 && !brk
		d := NewDecoder(data)
		raw := d.Raw()
		if got := d.Err() == nil; got != want {
			t.Fatalf("Skip says well-formed %v (%v), reference %v", got, d.Err(), want)
		}
		if want && (d.Offset() != int64(end) || string(raw) != string(data[:end])) {
			t.Fatalf("Skip ends at %d, reference at %d", d.Offset(), end)
		}

		d = NewDecoder(data)
		v := walk(d)
		d.End()
		if d.Err() != nil {
			return
		}
		if !want || end != len(data) {
			t.Fatalf("walk read %x, which the reference refuses", data)
		}
		e := NewEncoder(nil)
		encodeAny(e, v)
		if n, _, _ := wellFormed(e.Bytes(), 0, false, 0); n != len(e.Bytes()) {
			t.Fatalf("the Encoder wrote %x for %#v: not well-formed", e.Bytes(), v)
		}
		d = NewDecoder(e.Bytes())
		v2 := walk(d)
		d.End()
		if d.Err() != nil || !equal(canonical(v), v2) {
			t.Fatalf("%x read as %#v, written as %x, read back as %#v, %v", data, v, e.Bytes(), v2, d.Err())
		}
	})
}

// canonical is v as it reads back after encodeAny: simple values are
// written as null, and integers that fit are read as int64.
func canonical(v any) any {
	switch x := v.(type) {
	case simple:
		return nil
	case []any:
		out := make([]any, len(x))
		for i, y := range x {
			out[i] = canonical(y)
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, y := range x {
			out[k] = canonical(y)
		}
		return out
	case time.Time:
		if sec := x.Unix(); -1<<42 < sec && sec < 1<<42 {
			// Written to the millisecond; read back exactly while doubles
			// are less than a millisecond apart.
			return time.UnixMilli(x.UnixMilli()).UTC()
		}
		return approxTime(x)
	}
	return v
}

// approxTime is a time too far from 1970 for a double to hold its
// milliseconds: equal allows the double's rounding.
type approxTime time.Time

// FuzzMethods drives the Decoder with an arbitrary sequence of calls on
// arbitrary input: whatever the calls, it must not panic, and after an
// error nothing moves.
func FuzzMethods(f *testing.F) {
	for i, s := range fuzzSeeds(f) {
		f.Add(s, []byte{byte(i), byte(i * 7), byte(i * 13), 3, 1, 4, 1, 5, 9, 2, 6})
	}
	f.Fuzz(func(t *testing.T, data, ops []byte) {
		d := NewDecoder(data)
		var b ListBuilder[[3]string]
		for _, op := range ops {
			failed := d.Err() != nil
			pos := d.Offset()
			switch op % 27 {
			case 0:
				d.Kind()
			case 1:
				d.Null()
			case 2:
				d.BeginObject()
			case 3:
				d.BeginArray()
			case 4:
				d.NextKey()
			case 5:
				d.NextKeyString()
			case 6:
				d.NextElem()
			case 7:
				_ = d.String()
			case 8:
				d.Skip()
			case 9:
				d.Raw()
			case 10:
				d.Bool()
			case 11:
				d.Int64()
			case 12:
				d.Int32()
			case 13:
				d.Int16()
			case 14:
				d.Int8()
			case 15:
				d.Float64()
			case 16:
				d.Float32()
			case 17:
				d.BigInt()
			case 18:
				d.BigFloat()
			case 19:
				d.Blob()
			case 20:
				d.EpochSeconds()
			case 21:
				d.End()
			case 22:
				b.NextIn(d)
			case 23:
				b.Next()
			case 24:
				b.Slice()
			case 25:
				d.BoxString(d.String())
			case 26:
				d.StringList()
			}
			if failed && d.Offset() != pos {
				t.Fatalf("op %d moved the Decoder after an error", op%27)
			}
		}
	})
}

// FuzzRoundTrip checks that typed values survive the Encoder and the
// Decoder.
func FuzzRoundTrip(f *testing.F) {
	f.Add(int64(0), 0.0, float32(0), "", []byte(nil), int64(0))
	f.Add(int64(math.MinInt64), math.Inf(-1), float32(math.NaN()), "é😀\xff", []byte{0, 0xff}, int64(-1))
	f.Add(int64(1<<40), 1.1, float32(3.4e38), "a longer string of more than twenty-four bytes", []byte("x"), int64(1_700_000_000_123))
	f.Fuzz(func(t *testing.T, i int64, f64 float64, f32 float32, s string, blob []byte, ms int64) {
		if ms > 1<<52 || ms < -(1<<52) {
			ms /= 4096 // keep the milliseconds exact in a float64
		}
		ts := time.UnixMilli(ms).UTC()
		e := NewEncoder(nil)
		e.BeginObject()
		e.Key("i")
		e.Int(i)
		e.Key("f64")
		e.Float(f64, 64)
		e.Key("f32")
		e.Float(float64(f32), 32)
		e.Key("s:" + s)
		e.String(s)
		e.Key("blob")
		e.Blob(blob)
		e.Key("ts")
		e.EpochSeconds(ts)
		e.Key("list")
		e.BeginArrayLen(3)
		e.Int(i)
		e.String(s)
		e.Null()
		e.EndArray()
		e.EndObject()

		d := NewDecoder(e.Bytes())
		if !d.BeginObject() {
			t.Fatalf("BeginObject: %v", d.Err())
		}
		seen := 0
		for {
			k, ok := d.NextKeyString()
			if !ok {
				break
			}
			seen++
			switch {
			case k == "i":
				if got := d.Int64(); got != i {
					t.Errorf("Int64 = %d, want %d", got, i)
				}
			case k == "f64":
				if got := d.Float64(); !equal(got, f64) {
					t.Errorf("Float64 = %v, want %v", got, f64)
				}
			case k == "f32":
				if got := d.Float32(); !equal(float64(got), float64(f32)) {
					t.Errorf("Float32 = %v, want %v", got, f32)
				}
			case k == "blob":
				if got := d.Blob(); string(got) != string(blob) || got == nil {
					t.Errorf("Blob = %x, want %x", got, blob)
				}
			case k == "ts":
				if got := d.EpochSeconds(); !got.Equal(ts) {
					t.Errorf("EpochSeconds = %v, want %v", got, ts)
				}
			case k == "list":
				var got []any
				if d.BeginArray() {
					for d.NextElem() {
						got = append(got, walk(d))
					}
				}
				if want := []any{i, replaceInvalidUTF8(s), nil}; !slices.EqualFunc(got, want, equal) {
					t.Errorf("list = %#v, want %#v", got, want)
				}
			case k == "s:"+replaceInvalidUTF8(s):
				if got := d.String(); got != replaceInvalidUTF8(s) {
					t.Errorf("String = %q, want %q", got, replaceInvalidUTF8(s))
				}
			default:
				t.Fatalf("unexpected key %q", k)
			}
		}
		d.End()
		if d.Err() != nil || seen != 7 {
			t.Fatalf("read %d keys, %v", seen, d.Err())
		}
	})
}
