package jsonwire

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// tree is a recursive map value: its maps of tree nest MapBuilders of one
// type, which share the Decoder's memory as a stack.
type tree struct {
	val  int64
	kids map[string]tree
}

// decodeTree reads a tree written as {"v": n, "k": {name: tree, ...}}, its
// "k" through a MapBuilder as generated decoders read maps.
func decodeTree(d *Decoder) tree {
	var t tree
	if !d.BeginObject() {
		return t
	}
	for k, ok := d.NextKey(); ok; k, ok = d.NextKey() {
		switch string(k) {
		case "v":
			t.val = d.Int64()
		case "k":
			if !d.BeginObject() {
				continue
			}
			var b MapBuilder[tree]
			for {
				name, ok := d.NextKeyString()
				if !ok {
					break
				}
				if d.Null() {
					continue
				}
				b.Add(d, name, decodeTree(d))
			}
			t.kids = b.Map()
		default:
			d.Skip()
		}
	}
	return t
}

// randomTree writes a random tree, with names drawn from few enough that
// some repeat within a map (the last one wins) and maps of every size
// around bigMap, and returns what decoding it must give.
func randomTree(r *rand.Rand, b *strings.Builder, depth int) tree {
	t := tree{val: r.Int64N(1000)}
	fmt.Fprintf(b, `{"v":%d`, t.val)
	if depth > 0 && r.IntN(3) > 0 {
		n := r.IntN(12)
		switch r.IntN(8) {
		case 0:
			n = bigMap - 2 + r.IntN(5)
		case 1:
			n = 2*bigMap + r.IntN(bigMap)
		}
		b.WriteString(`,"k":{`)
		t.kids = map[string]tree{}
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			name := "n" + strconv.Itoa(r.IntN(n+n/8+1))
			fmt.Fprintf(b, "%q:", name)
			if r.IntN(10) == 0 {
				b.WriteString("null") // a dense map skips it
				continue
			}
			d := depth - 1
			if n > 16 {
				d = 0 // keep the big maps' values small
			}
			t.kids[name] = randomTree(r, b, d)
		}
		b.WriteByte('}')
	}
	b.WriteByte('}')
	return t
}

func equalTrees(a, b tree) bool {
	return a.val == b.val && (a.kids == nil) == (b.kids == nil) && maps.EqualFunc(a.kids, b.kids, equalTrees)
}

// TestMapBuilderNested decodes random trees of maps within maps of one
// value type, small and past bigMap, with repeated names and nulls, and
// compares each with the tree it was written from.
func TestMapBuilderNested(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		var b strings.Builder
		b.WriteByte('[')
		var want []tree
		for j := range 1 + r.IntN(4) {
			if j > 0 {
				b.WriteByte(',')
			}
			want = append(want, randomTree(r, &b, 4))
		}
		b.WriteByte(']')
		// As it is, and padded to smallDocument, from which maps past
		// smallMap entries go through the Decoder's memory.
		for _, doc := range []string{b.String(), b.String() + strings.Repeat(" ", smallDocument)} {
			d := NewDecoderString(doc)
			var got []tree
			if d.BeginArray() {
				for d.NextElem() {
					got = append(got, decodeTree(d))
				}
			}
			d.End()
			if err := d.Err(); err != nil {
				t.Fatalf("document %d: %v", i, err)
			}
			if len(got) != len(want) {
				t.Fatalf("document %d: %d trees, want %d", i, len(got), len(want))
			}
			for j := range got {
				if !equalTrees(got[j], want[j]) {
					t.Fatalf("document %d (%d bytes), tree %d: decoded tree differs from the one written:\n%s", i, len(doc), j, b.String())
				}
			}
		}
	}
}

// TestMapBuilderEmpty: {} is an empty map that is there, not nil.
func TestMapBuilderEmpty(t *testing.T) {
	var b MapBuilder[int]
	if m := b.Map(); m == nil || len(m) != 0 {
		t.Errorf("Map() = %#v, want an empty non-nil map", m)
	}
}

// TestMapBuilderAbandonedInner: a nested builder that stops without Map
// (its decoder met an error) leaves entries on the Decoder's stack; the
// outer builder must neither keep them nor lose its own. Both have more
// than smallMap entries, so both are on the stack.
func TestMapBuilderAbandonedInner(t *testing.T) {
	d := largeDocument()
	want := map[string]int{}
	var outer MapBuilder[int]
	for i := range smallMap + 1 {
		outer.Add(d, "a"+strconv.Itoa(i), i)
		want["a"+strconv.Itoa(i)] = i
	}
	var inner MapBuilder[int]
	for i := range smallMap + 2 {
		inner.Add(d, "x"+strconv.Itoa(i), -i) // and never Map
	}
	outer.Add(d, "b", 2)
	want["b"] = 2
	if got := outer.Map(); !maps.Equal(got, want) {
		t.Errorf("outer map = %v, want %v", got, want)
	}
	if n := len(mapMemOf[int](d).entries); n != 0 {
		t.Errorf("%d entries left on the stack", n)
	}
	// The next map starts afresh.
	var next MapBuilder[int]
	next.Add(d, "c", 3)
	if got, want := next.Map(), map[string]int{"c": 3}; !maps.Equal(got, want) {
		t.Errorf("next map = %v, want %v", got, want)
	}
}

// TestMapBuilderMapsAreIndependent: maps made one after the other from the
// Decoder's reused memory share nothing: writing to one leaves the others
// as they were.
func TestMapBuilderMapsAreIndependent(t *testing.T) {
	for _, d := range []*Decoder{NewDecoderString(`null`), largeDocument()} {
		var ms []map[string]int
		for i := range 5 {
			var b MapBuilder[int]
			for j := range 3 + i*100 {
				b.Add(d, strconv.Itoa(j), i)
			}
			ms = append(ms, b.Map())
		}
		ms[0]["0"] = -1
		for i, m := range ms {
			if len(m) != 3+i*100 {
				t.Fatalf("map %d has %d entries, want %d", i, len(m), 3+i*100)
			}
			for k, v := range m {
				if v != i && !(i == 0 && k == "0") {
					t.Fatalf("map %d: %s = %d", i, k, v)
				}
			}
		}
	}
}

// TestMapBuilderSizesPagesFromInput checks that a map of thousands of
// entries near the top of the document is made once at about its size
// rather than grown: decoding it allocates little more than filling a map
// made at its exact size with the same strings does.
func TestMapBuilderSizesPagesFromInput(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts differ under the race detector")
	}
	const n = 3000
	var sb strings.Builder
	sb.WriteString(`{"Tags":{`)
	for i := range n {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `"k%05d":"v"`, i)
	}
	sb.WriteString(`},"Next":"x"}`)
	doc := sb.String()

	decode := func(direct bool) (map[string]string, uint64) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		d := NewDecoderString(doc)
		d.BeginObject()
		d.NextKey()
		d.BeginObject()
		var b MapBuilder[string]
		var m map[string]string
		if direct {
			m = make(map[string]string, n)
		}
		for k, ok := d.NextKeyString(); ok; k, ok = d.NextKeyString() {
			if direct {
				m[k] = d.String()
			} else {
				b.Add(d, k, d.String())
			}
		}
		if !direct {
			m = b.Map()
		}
		runtime.ReadMemStats(&after)
		if d.Err() != nil || len(m) != n || m["k00042"] != "v" {
			t.Fatalf("direct %v: %d entries, %v", direct, len(m), d.Err())
		}
		return m, after.TotalAlloc - before.TotalAlloc
	}
	_, exact := decode(true)
	_, built := decode(false)
	if built > exact+exact/4 {
		t.Errorf("MapBuilder allocated %d bytes for a map of %d; a map made at its size, %d", built, n, exact)
	}
}
