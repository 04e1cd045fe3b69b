package cbor

import (
	"maps"
	"strconv"
	"testing"
)

// decodeIntMap reads a map of integers as a generated decoder reads a
// dense map: null values are skipped.
func decodeIntMap(d *Decoder) map[string]int64 {
	if !d.BeginObject() {
		return nil
	}
	var b MapBuilder[int64]
	for {
		k, ok := d.NextKeyString()
		if !ok {
			break
		}
		if d.Null() {
			continue
		}
		b.Add(d, k, d.Int64())
	}
	return b.Map()
}

func TestMapBuilder(t *testing.T) {
	for _, tt := range []struct {
		hex  string
		want map[string]int64
		err  bool
	}{
		{"f6", nil, false},
		{"a0", map[string]int64{}, false},
		{"bfff", map[string]int64{}, false},
		{"a2616101616202", map[string]int64{"a": 1, "b": 2}, false},       // {"a": 1, "b": 2}
		{"bf616101616202ff", map[string]int64{"a": 1, "b": 2}, false},     // the same, indefinite
		{"a3616101616202616103", map[string]int64{"a": 3, "b": 2}, false}, // a repeated key: the last wins
		{"a3616101616202616203", map[string]int64{"a": 1, "b": 3}, false}, // ... for any key
		{"a26161f6616202", map[string]int64{"b": 2}, false},               // null skipped
		{"a2616101616280", nil, true},                                     // a value of the wrong type
		{"a3616101616202", nil, true},                                     // cut short
		{"ba7fffffff616101", nil, true},                                   // a count the input cannot back
		{"a16161c11a5f5e1000", map[string]int64{"a": 1600000000}, false},  // a tag before the value
		{"a1616ba0", nil, true},                                           // a map where a value is wanted
		{"a1616bf6", map[string]int64{}, false},                           // only a null
		{"bf616bf6ff", map[string]int64{}, false},                         // only a null, indefinite
		{"a17f6161ff0a", map[string]int64{"a": 10}, false},                // an indefinite key
		{"a10a0a", nil, true},                                             // a key that is not text
		{"b8016161f6", map[string]int64{}, false},                         // a one-byte count
		{"a2616101616202ff", nil, true},                                   // a stray break
		{"bf61610aff", map[string]int64{"a": 10}, false},                  // indefinite, one entry
		{"a26161f661610a", map[string]int64{"a": 10}, false},              // null, then a value, for one key
		{"a261610a6161f6", map[string]int64{"a": 10}, false},              // a value, then null: null is skipped, not stored
	} {
		d := NewDecoder(unhex(t, tt.hex))
		got := decodeIntMap(d)
		d.End()
		err := d.Err()
		if tt.err {
			if err == nil {
				t.Errorf("%s: no error, got %v", tt.hex, got)
			}
			continue
		}
		if err != nil || (got == nil) != (tt.want == nil) || !maps.Equal(got, tt.want) {
			t.Errorf("%s: got %v (nil %v), %v; want %v (nil %v)", tt.hex, got, got == nil, err, tt.want, tt.want == nil)
		}
	}
}

// TestMapBuilderSizesDefiniteMaps: a definite-length map is made once, at
// its length; growing it entry by entry would take a new table at 8, 16,
// 32, 64 and 128 entries.
func TestMapBuilderSizesDefiniteMaps(t *testing.T) {
	e := NewEncoder(nil)
	e.BeginObjectLen(200)
	for i := range 200 {
		e.Key("key" + strconv.Itoa(i))
		e.Int(int64(i))
	}
	e.EndObject()
	input := string(e.Bytes())
	var got map[string]int64
	sized := testing.AllocsPerRun(20, func() {
		got = decodeIntMap(NewDecoderString(input))
	})
	if len(got) != 200 || got["key199"] != 199 {
		t.Fatalf("decoded %d entries, key199 = %d", len(got), got["key199"])
	}
	grown := testing.AllocsPerRun(20, func() {
		m := map[string]int64{}
		for k, v := range got {
			m[k] = v
		}
	})
	// The Decoder itself allocates too; the sized map takes fewer
	// allocations than growing one, whatever the runtime's map layout.
	if sized >= grown {
		t.Errorf("decoding a map of 200 took %v allocations; growing one takes %v", sized, grown)
	}
}

// TestMapBuilderNested: the outer map's first Add comes after a whole
// inner map has been read, when the Decoder's count is the outer map's
// again.
func TestMapBuilderNested(t *testing.T) {
	e := NewEncoder(nil)
	e.BeginObjectLen(3)
	for i := range 3 {
		e.Key("outer" + strconv.Itoa(i))
		e.BeginObjectLen(i * 20)
		for j := range i * 20 {
			e.Key("inner" + strconv.Itoa(j))
			e.Int(int64(i*100 + j))
		}
		e.EndObject()
	}
	e.EndObject()
	d := NewDecoder(e.Bytes())
	var got map[string]map[string]int64
	if d.BeginObject() {
		var b MapBuilder[map[string]int64]
		for {
			k, ok := d.NextKeyString()
			if !ok {
				break
			}
			b.Add(d, k, decodeIntMap(d))
		}
		got = b.Map()
	}
	d.End()
	if err := d.Err(); err != nil || len(got) != 3 {
		t.Fatalf("got %d maps, %v", len(got), err)
	}
	for i := range 3 {
		m := got["outer"+strconv.Itoa(i)]
		if len(m) != i*20 || m == nil {
			t.Fatalf("outer%d has %d entries (nil %v), want %d", i, len(m), m == nil, i*20)
		}
		for j := range i * 20 {
			if v := m["inner"+strconv.Itoa(j)]; v != int64(i*100+j) {
				t.Fatalf("outer%d.inner%d = %d", i, j, v)
			}
		}
	}
}
