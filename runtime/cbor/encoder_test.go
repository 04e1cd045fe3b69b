package cbor

import (
	"bytes"
	"encoding/hex"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestEncoderLengths: whatever length Begin*Len was told, or none, the head
// holds the real count in the shortest form, and the content is intact.
func TestEncoderLengths(t *testing.T) {
	for _, n := range []int{0, 1, 23, 24, 255, 256, 65535, 65536} {
		var want []byte
		want = appendHead(want, majorArray, uint64(n))
		for i := range n {
			want = appendHead(want, majorUint, uint64(i%30))
		}
		for _, hint := range []int{-1, 0, n, n / 2, n + 1, n + 100_000} {
			e := NewEncoder(nil)
			if hint < 0 {
				e.BeginArray()
			} else {
				e.BeginArrayLen(hint)
			}
			for i := range n {
				e.Int(int64(i % 30))
			}
			e.EndArray()
			if !bytes.Equal(e.Bytes(), want) {
				t.Errorf("%d elements, hint %d: head %x, want %x", n, hint, e.Bytes()[:min(9, len(e.Bytes()))], want[:min(9, len(want))])
			}
		}
	}
}

// TestEncoderNesting: containers of every head size nested in each other
// read back as written.
func TestEncoderNesting(t *testing.T) {
	var build func(depth int) any
	build = func(depth int) any {
		if depth == 0 {
			return "leaf"
		}
		n := []int{0, 3, 24, 300}[depth%4]
		if depth%2 == 0 {
			m := map[string]any{}
			for i := range n {
				m[strings.Repeat("k", i%40)+string(rune('a'+i%26))+string(rune('a'+i/26%26))] = build(depth - 1)
			}
			return m
		}
		l := []any{}
		for range n {
			l = append(l, build(depth-1))
		}
		return l
	}
	for depth := range 5 {
		v := build(depth)
		e := NewEncoder(nil)
		encodeAny(e, v)
		d := NewDecoder(e.Bytes())
		got := walk(d)
		d.End()
		if d.Err() != nil || !equal(got, v) {
			t.Fatalf("depth %d: read back differs, %v", depth, d.Err())
		}
	}
}

func TestEncoderValues(t *testing.T) {
	tests := []struct {
		want string
		emit func(e *Encoder)
	}{
		{"64efbfbd28", func(e *Encoder) { e.String("\xff(") }}, // invalid UTF-8 becomes U+FFFD
		{"a163efbfbd01", func(e *Encoder) { e.BeginObject(); e.Key("\xff"); e.Int(1); e.EndObject() }},
		{"c482200f", func(e *Encoder) { e.BigFloat(big.NewFloat(1.5)) }},
		{"c4820000", func(e *Encoder) { e.BigFloat(new(big.Float)) }},
		{"c482222f", func(e *Encoder) { e.BigFloat(big.NewFloat(-0.016)) }},
		{"c48221196ab3", func(e *Encoder) { f, _, _ := big.ParseFloat("273.15", 10, 64, big.ToNearestEven); e.BigFloat(f) }},
		{"c48200c249010000000000000000", func(e *Encoder) { e.BigFloat(new(big.Float).SetInt(bigInt(t, "18446744073709551616"))) }},
		{"fb7ff0000000000000", func(e *Encoder) { e.BigFloat(new(big.Float).SetInf(false)) }},
		{"fbfff0000000000000", func(e *Encoder) { e.BigFloat(new(big.Float).SetInf(true)) }},
		{"f6", func(e *Encoder) { e.BigFloat(nil) }},
		{"f6", func(e *Encoder) { e.BigInt(nil) }},
		{"c1fbbfe0000000000000", func(e *Encoder) { e.EpochSeconds(time.Unix(-1, 500_000_000)) }}, // -0.5 s
		{"c1fbbfe0000000000000", func(e *Encoder) { e.EpochSeconds(time.Unix(-1, 500_999_999)) }}, // truncated to the millisecond: down
		{"c1fb41cc37db380fbe77", func(e *Encoder) { e.EpochSeconds(time.Date(2000, 1, 2, 20, 34, 56, 123_456_789, time.UTC)) }},
		{"c1fb0000000000000000", func(e *Encoder) { e.EpochSeconds(time.Unix(0, 0).In(time.FixedZone("x", 3600))) }},
		{"82c100f6", func(e *Encoder) { e.BeginArray(); e.Raw([]byte{0xc1, 0x00}); e.Raw(nil); e.EndArray() }},
		{"82f6f6", func(e *Encoder) { e.BeginArray(); e.Raw(nil); e.Null(); e.EndArray() }},
		{"fa3f8ccccd", func(e *Encoder) { e.Float(1.1, 32) }},
		{"fa80000000", func(e *Encoder) { e.Float(math.Copysign(0, -1), 32) }},
		{"3b7fffffffffffffff", func(e *Encoder) { e.Int(math.MinInt64) }},
		{"5818" + strings.Repeat("00", 24), func(e *Encoder) { e.Blob(make([]byte, 24)) }},
		{"ff", func(e *Encoder) { e.EndArray(); e.EndObject(); e.buf = append(e.buf, 0xff) }}, // nothing open: no-ops
	}
	for _, tt := range tests {
		e := NewEncoder(nil)
		tt.emit(e)
		if got := hex.EncodeToString(e.Bytes()); got != tt.want {
			t.Errorf("got %s, want %s", got, tt.want)
		}
	}
}

// TestEncoderAllocations: with a buffer large enough, encoding a request
// costs the Encoder alone.
func TestEncoderAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	buf := make([]byte, 0, 4096)
	allocs := testing.AllocsPerRun(100, func() {
		e := NewEncoder(buf)
		e.BeginObject()
		for _, k := range []string{"a", "b", "c"} {
			e.Key(k)
			e.BeginArray()
			for i := range 30 {
				e.BeginObject()
				e.Key("n")
				e.Int(int64(i))
				e.Key("s")
				e.String("value")
				e.Key("t")
				e.EpochSeconds(time.Unix(1_700_000_000, 0))
				e.EndObject()
			}
			e.EndArray()
		}
		e.EndObject()
	})
	if allocs > 1 {
		t.Errorf("%v allocations, want at most 1 (the Encoder)", allocs)
	}
}

func TestSortedKeys(t *testing.T) {
	for _, n := range []int{0, 1, 8, 9, 100} {
		m := map[string]int{}
		for i := range n {
			m[string(rune('a'+i%26))+strconv.Itoa(i)] = i
		}
		var got []string
		for k := range SortedKeys(m) {
			got = append(got, k)
		}
		if len(got) != n || !slices.IsSorted(got) {
			t.Errorf("%d keys: got %d, sorted %v", n, len(got), slices.IsSorted(got))
		}
	}
}
