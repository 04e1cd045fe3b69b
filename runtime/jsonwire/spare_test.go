package jsonwire

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

// spareItem is the element type of the spare block tests: a type of their
// own, since spare blocks are kept by element type for the whole process.
type spareItem struct {
	V int64
	S string
}

// sparePage returns a JSON array of n spareItems whose values start at v.
func sparePage(n, v int) string {
	var sb strings.Builder
	sb.WriteByte('[')
	for i := range n {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `{"v":%d,"s":"s%d"}`, v+i, v+i)
	}
	sb.WriteByte(']')
	return sb.String()
}

// decodeSpareLists decodes a JSON object whose members are arrays of
// spareItems, in order, and ends the Decoder. after, if not nil, is called
// after each list.
func decodeSpareLists(t *testing.T, d *Decoder, after func()) [][]spareItem {
	t.Helper()
	var lists [][]spareItem
	for d.BeginObject(); ; {
		if _, ok := d.NextKeyString(); !ok {
			break
		}
		var b ListBuilder[spareItem]
		for d.BeginArray(); d.NextElem(); {
			p := b.NextIn(d)
			for d.BeginObject(); ; {
				k, ok := d.NextKeyString()
				if !ok {
					break
				}
				if k == "v" {
					p.V = d.Int64()
				} else {
					p.S = d.String()
				}
			}
		}
		lists = append(lists, b.Slice())
		if after != nil {
			after()
		}
	}
	d.End()
	if d.Err() != nil {
		t.Fatal(d.Err())
	}
	return lists
}

// checkSpareLists checks lists decoded from lists of the given lengths,
// the values of each starting where the last's ended, from v.
func checkSpareLists(t *testing.T, lists [][]spareItem, lens []int, v int) {
	t.Helper()
	if len(lists) != len(lens) {
		t.Fatalf("%d lists, want %d", len(lists), len(lens))
	}
	for i, l := range lists {
		if len(l) != lens[i] {
			t.Fatalf("list %d: %d elements, want %d", i, len(l), lens[i])
		}
		for _, e := range l {
			if e.V != int64(v) || e.S != fmt.Sprintf("s%d", v) {
				t.Fatalf("list %d: element %+v, want %d", i, e, v)
			}
			v++
		}
	}
}

// TestSpareBlockPassedOn decodes a page whose list leaves its block empty:
// the next Decoder's first block for the type is that block (when the pool
// kept it: the race detector's pools drop some of what they are given),
// and holds zeros where nothing was decoded yet.
func TestSpareBlockPassedOn(t *testing.T) {
	for try := range 8 {
		d := NewDecoderString(`{"page":` + sparePage(300, 0) + `}`)
		lists := decodeSpareLists(t, d, nil)
		checkSpareLists(t, lists, []int{300}, 0)
		if d.sized != nil {
			t.Fatal("End left Decoder.sized set")
		}
		d2 := NewDecoderString(`{"short":` + sparePage(3, 1000) + `}`)
		d2.BeginObject()
		d2.NextKeyString()
		var b ListBuilder[spareItem]
		d2.BeginArray()
		d2.NextElem()
		b.NextIn(d2)
		m := memOf[spareItem](d2)
		if m.block.len < sizeAt {
			if raceEnabled || try < 7 {
				continue
			}
			t.Fatalf("the second Decoder's first block holds %d elements, want the spare of at least %d", m.block.len, sizeAt)
		}
		for i := range m.block.len {
			if e := *(*spareItem)(m.block.at(i, m.size)); e != (spareItem{}) {
				t.Fatalf("element %d of the spare block is %+v, want zero", i, e)
			}
		}
		return
	}
}

// TestSpareBlockKeepsWhatWasHandedOut decodes, with many Decoders at once,
// documents whose lists share blocks with pages before and after them, and
// checks every list once all are done: a block passed on while a list was
// handed out of it would have that list overwritten by a later Decoder.
func TestSpareBlockKeepsWhatWasHandedOut(t *testing.T) {
	shapes := [][]int{
		{2, 300},       // a short list, then a page: the page's block ends empty
		{300, 2},       // a page, then a short list in its block: kept
		{1, 300, 3, 1}, // both
		{300},
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 8 {
		wg.Go(func() {
			type result struct {
				lists [][]spareItem
				lens  []int
				v     int
			}
			var results []result
			for k := range 40 {
				lens := shapes[(g+k)%len(shapes)]
				v := (g*40 + k) * 10_000
				var sb strings.Builder
				sb.WriteByte('{')
				next := v
				for i, n := range lens {
					if i > 0 {
						sb.WriteByte(',')
					}
					fmt.Fprintf(&sb, `"l%d":%s`, i, sparePage(n, next))
					next += n
				}
				sb.WriteByte('}')
				results = append(results, result{decodeSpareLists(t, NewDecoderString(sb.String()), nil), lens, v})
			}
			for _, r := range results {
				v := r.v
				for i, l := range r.lists {
					for j, e := range l {
						if e.V != int64(v) || e.S != fmt.Sprintf("s%d", v) {
							errs <- fmt.Sprintf("lists %v from %d: list %d element %d is %+v", r.lens, r.v, i, j, e)
							return
						}
						v++
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestSpareBlockNotWhileInUse checks that a block with a list handed out of
// it is not passed on: a page, then a short list decoded into the block
// the page left.
func TestSpareBlockNotWhileInUse(t *testing.T) {
	d := NewDecoderString(`{"page":` + sparePage(300, 0) + `,"short":` + sparePage(2, 300) + `}`)
	var block rawSlice
	var used int
	decodeSpareLists(t, d, func() {
		m := memOf[spareItem](d)
		block, used = m.block, m.used
	})
	if used != 2 {
		t.Fatalf("the block has %d elements handed out, want the short list's 2", used)
	}
	if m := memOf[spareItem](d); m.block != block {
		t.Error("End gave up a block with a list in it")
	}
}

// TestSpareTable checks the table of pools by element type: a type gets
// the same pool each time and one of its own, none before it is added, and
// none once the table is full.
func TestSpareTable(t *testing.T) {
	var tab spareTable
	keys := make([]byte, spareSlots+1) // distinct addresses, for typeKeys
	key := func(i int) unsafe.Pointer { return unsafe.Pointer(&keys[i]) }
	if tab.pool(key(0), false) != nil {
		t.Fatal("a pool for a type never added")
	}
	pools := map[*sync.Pool]bool{}
	for i := range spareSlots {
		p := tab.pool(key(i), true)
		if p == nil || pools[p] {
			t.Fatalf("type %d: pool %p (already given: %v)", i, p, pools[p])
		}
		pools[p] = true
	}
	for i := range spareSlots {
		if p := tab.pool(key(i), false); !pools[p] {
			t.Fatalf("type %d: a pool it was not given", i)
		}
	}
	if tab.pool(key(spareSlots), true) != nil || tab.pool(key(spareSlots), false) != nil {
		t.Error("a pool past the table's room")
	}
}
