package jsonwire

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// TestListBuilder checks lists of every length in the shared blocks: a
// Decoder at the start of its input never sizes a list from it, so each
// list grows by moving within and between blocks.
func TestListBuilder(t *testing.T) {
	d := NewDecoderString(`null`)
	for _, n := range []int{0, 1, 3, 4, 5, 16, 19, 20, 21, 100, 256, 1000, 5000} {
		var b ListBuilder[string]
		for i := range n {
			*b.NextIn(d) = strconv.Itoa(i)
		}
		got := b.Slice()
		if got == nil || len(got) != n || cap(got) != n {
			t.Fatalf("n=%d: Slice has len %d, cap %d, nil %v", n, len(got), cap(got), got == nil)
		}
		for i, s := range got {
			if s != strconv.Itoa(i) {
				t.Fatalf("n=%d: element %d = %q", n, i, s)
			}
		}
	}
}

func TestListBuilderDecode(t *testing.T) {
	type pair struct {
		Name string
		N    int32
	}
	d := NewDecoder([]byte(`[{"Name":"a","N":1},{"Name":"b","N":2},{"Name":"c","N":3},{"Name":"d","N":4},{"Name":"e","N":5},{"Name":"f","N":6}]`))
	var b ListBuilder[pair]
	if d.BeginArray() {
		for d.NextElem() {
			p := b.NextIn(d)
			d.BeginObject()
			for k, ok := d.NextKey(); ok; k, ok = d.NextKey() {
				switch string(k) {
				case "Name":
					p.Name = d.String()
				case "N":
					p.N = d.Int32()
				}
			}
		}
	}
	d.End()
	got := b.Slice()
	if d.Err() != nil || len(got) != 6 || got[0] != (pair{"a", 1}) || got[5] != (pair{"f", 6}) {
		t.Errorf("got %v, %v", got, d.Err())
	}
}

func TestListBuilderNextIn(t *testing.T) {
	for _, n := range []int{0, 1, 4, 5, 6, 17, 300, 1000} {
		var sb strings.Builder
		sb.WriteString(`{"a":[`)
		for i := range n {
			if i > 0 {
				sb.WriteString(", ")
			}
			fmt.Fprintf(&sb, `{"v":%d,"w":[1,[2,{"x":"]"}]]}`, i)
		}
		sb.WriteString(`],"b":true}`)
		d := NewDecoderString(sb.String())
		if !d.BeginObject() {
			t.Fatal(d.Err())
		}
		key, _ := d.NextKeyString()
		if key != "a" || !d.BeginArray() {
			t.Fatal("no array")
		}
		var b ListBuilder[int64]
		for d.NextElem() {
			p := b.NextIn(d)
			d.BeginObject()
			for {
				k, ok := d.NextKeyString()
				if !ok {
					break
				}
				if k == "v" {
					*p = d.Int64()
				} else {
					d.Skip()
				}
			}
		}
		got := b.Slice()
		// At most a quarter more room than the list, as the runtime
		// rounds an allocation of that much up.
		if len(got) != n || cap(got) > cap(slices.Grow([]int64(nil), n+n/4)) {
			t.Errorf("n=%d: len %d cap %d", n, len(got), cap(got))
		}
		for i, v := range got {
			if v != int64(i) {
				t.Fatalf("n=%d: element %d = %d", n, i, v)
			}
		}
		// The rest of the document still reads.
		if k, _ := d.NextKeyString(); k != "b" || !d.Bool() {
			t.Errorf("n=%d: after the list: %v", n, d.Err())
		}
		if _, more := d.NextKey(); more {
			t.Errorf("n=%d: a member after b", n)
		}
		if d.End(); d.Err() != nil {
			t.Errorf("n=%d: %v", n, d.Err())
		}
	}
}

func TestListBuilderNextInLeavesErrorsToTheRead(t *testing.T) {
	d := NewDecoderString(`[1,2,3,4,5,6,oops]`)
	d.BeginArray()
	var b ListBuilder[int64]
	for d.NextElem() {
		*b.NextIn(d) = d.Int64()
	}
	if d.Err() == nil {
		t.Fatal("malformed input decoded")
	}
}

// TestListBuilderNextInSharesBlocks checks that lists of one element type
// decoded by the same Decoder share its blocks: every element starts out
// zero, no list's elements overlap another's, appending to one list does not
// write over the next, and short lists cost less than an allocation each.
func TestListBuilderNextInSharesBlocks(t *testing.T) {
	type pair struct{ A, B int64 }
	d := NewDecoderString(`null`)
	fill := func(n int, id int64) []pair {
		var b ListBuilder[pair]
		for i := range n {
			p := b.NextIn(d)
			if p.A != 0 || p.B != 0 {
				t.Fatalf("element %d starts as %v", i, *p)
			}
			*p = pair{int64(i), id}
		}
		return b.Slice()
	}
	var lists [][]pair
	for k := range 200 {
		lists = append(lists, fill(k%23, int64(k)))
	}
	_ = append(lists[5], pair{-1, -1}) // must not write over lists[6]
	for k, l := range lists {
		if len(l) != k%23 || cap(l) != len(l) {
			t.Fatalf("list %d: len %d cap %d", k, len(l), cap(l))
		}
		for i, p := range l {
			if p != (pair{int64(i), int64(k)}) {
				t.Fatalf("list %d element %d = %v", k, i, p)
			}
		}
	}
	if raceEnabled {
		return
	}
	if n := testing.AllocsPerRun(100, func() { fill(10, 1) }); n >= 0.5 {
		t.Errorf("a 10-element list: %v allocations, want a share of a block", n)
	}
}

// TestListBuilderNextInNested checks lists of one element type nested in
// each other (as recursive shapes do): the inner list takes the block's end
// while the outer list's element is being decoded, and the outer list moves.
func TestListBuilderNextInNested(t *testing.T) {
	type node struct {
		V    int64
		Kids []node
	}
	var decode func(d *Decoder) []node
	decode = func(d *Decoder) []node {
		if !d.BeginArray() {
			return nil
		}
		var b ListBuilder[node]
		for d.NextElem() {
			p := b.NextIn(d)
			d.BeginObject()
			for k, ok := d.NextKey(); ok; k, ok = d.NextKey() {
				switch string(k) {
				case "v":
					p.V = d.Int64()
				case "k":
					p.Kids = decode(d)
				}
			}
		}
		return b.Slice()
	}
	var doc func(depth, width int, sb *strings.Builder)
	doc = func(depth, width int, sb *strings.Builder) {
		sb.WriteByte('[')
		for i := range width {
			if i > 0 {
				sb.WriteByte(',')
			}
			fmt.Fprintf(sb, `{"v":%d`, depth*100+i)
			if depth > 0 {
				sb.WriteString(`,"k":`)
				doc(depth-1, width, sb)
			}
			sb.WriteByte('}')
		}
		sb.WriteByte(']')
	}
	var sb strings.Builder
	doc(3, 7, &sb)
	d := NewDecoderString(sb.String())
	got := decode(d)
	if d.End(); d.Err() != nil {
		t.Fatal(d.Err())
	}
	var check func(depth int, l []node)
	check = func(depth int, l []node) {
		if len(l) != 7 || cap(l) != 7 {
			t.Fatalf("depth %d: len %d cap %d", depth, len(l), cap(l))
		}
		for i, n := range l {
			if n.V != int64(depth*100+i) {
				t.Fatalf("depth %d element %d = %d", depth, i, n.V)
			}
			if depth > 0 {
				check(depth-1, n.Kids)
			} else if n.Kids != nil {
				t.Fatalf("leaf with kids")
			}
		}
	}
	check(3, got)
}

// TestListBuilderSizesPagesFromInput checks lists sized from the input: a
// page of like elements (the guess holds), a page followed by as much again
// (the guess is twice the length), a page whose elements grow (the guess
// falls short) and a list nested too deep to be sized.
func TestListBuilderSizesPagesFromInput(t *testing.T) {
	elem := func(i int, shape string) string {
		switch {
		case shape == "grow" && i >= 100:
			return fmt.Sprintf(`{"v":%d,"pad":"%s"}`, i, strings.Repeat("x", i))
		case shape == "shrink" && i < 100:
			return fmt.Sprintf(`{"v":%d,"pad":"%s"}`, i%10, strings.Repeat("x", 50))
		}
		return fmt.Sprintf(`{"v":%d}`, i%10)
	}
	page := func(n int, shape string) string {
		var sb strings.Builder
		sb.WriteByte('[')
		for i := range n {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(elem(i, shape))
		}
		sb.WriteByte(']')
		return sb.String()
	}
	for _, tt := range []struct {
		name, doc string
		n         int
		depth     int // of the list to read
		keep      bool
	}{
		{"page", `{"Items":` + page(1000, "") + `}`, 1000, 2, true},
		{"two pages", `{"Items":` + page(1000, "") + `,"More":` + page(1000, "") + `}`, 1000, 2, false},
		{"growing elements", `{"Items":` + page(300, "grow") + `}`, 300, 2, false},
		// The first elements are larger than the rest: the guess falls
		// short, and the guesses after it, from the newer elements, end
		// close to the length.
		{"shrinking elements", `{"Items":` + page(1000, "shrink") + `}`, 1000, 2, true},
		{"nested", `{"a":{"b":{"Items":` + page(1000, "") + `}}}`, 1000, 4, false},
	} {
		d := NewDecoderString(tt.doc)
		for range tt.depth - 1 {
			d.BeginObject()
			d.NextKey()
		}
		var b ListBuilder[int64]
		if !d.BeginArray() {
			t.Fatalf("%s: no array: %v", tt.name, d.Err())
		}
		for d.NextElem() {
			p := b.NextIn(d)
			d.BeginObject()
			for k, ok := d.NextKey(); ok; k, ok = d.NextKey() {
				if string(k) == "v" {
					*p = d.Int64()
				} else {
					d.Skip()
				}
			}
		}
		got := b.Slice()
		if d.Err() != nil || len(got) != tt.n {
			t.Fatalf("%s: %d elements, %v", tt.name, len(got), d.Err())
		}
		for i, v := range got {
			if want := int64(i % 10); !strings.Contains(tt.name, "growing") && v != want {
				t.Fatalf("%s: element %d = %d", tt.name, i, v)
			}
		}
		if kept := cap(got) != len(got); kept != tt.keep || cap(got) > len(got)+len(got)/4 {
			t.Errorf("%s: len %d, cap %d", tt.name, len(got), cap(got))
		}
	}
}

// TestShortStringPageSizedOnce reads a page of 8,000 short strings whose
// first sizeAt are longer than the rest by a tenth (20 bytes of input each,
// then 18 on average), as the first of a page of random words can be by
// chance: the guess from them falls short by as much, and a list of short
// elements, whose sizes vary the most, leaves room for it (predict) rather
// than moving when nearly whole, with its 8,000 elements copied and as
// many again allocated.
func TestShortStringPageSizedOnce(t *testing.T) {
	var sb strings.Builder
	var want []string
	sb.WriteString(`{"page":[`)
	for i := range 8000 {
		n := 17
		if i >= sizeAt {
			n = 1 + i%29
		}
		w := strings.Repeat(string(rune('a'+i%26)), n)
		want = append(want, w)
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(strconv.Quote(w))
	}
	sb.WriteString(`]}`)
	d := NewDecoderString(sb.String())
	d.BeginObject()
	d.NextKeyString()
	d.BeginArray()
	var b ListBuilder[string]
	sized := 0
	for d.NextElem() {
		*b.NextIn(d) = d.String()
		if sized == 0 && b.asked > 0 {
			sized = b.asked
		}
	}
	got := b.Slice()
	if d.Err() != nil || !slices.Equal(got, want) {
		t.Fatalf("got %d strings, %v", len(got), d.Err())
	}
	if sized == 0 || b.asked != sized {
		t.Errorf("the page was sized for %d elements and then for %d: it moved", sized, b.asked)
	}
}

// TestStringList checks StringList against the loop it replaces: a null
// element read as "" in its place, null for the list a nil slice, [] an empty one, escapes
// unescaped, and anything but strings an error.
func TestStringList(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
		err  bool
	}{
		{`null`, nil, false},
		{`[]`, []string{}, false},
		{`["a"]`, []string{"a"}, false},
		{` [ "a" , null,"b\n\u00e9" ,"", "Москва 東京" ] `, []string{"a", "", "b\né", "", "Москва 東京"}, false},
		{`["a",1]`, nil, true},
		{`["a",]`, nil, true},
		{`["a"`, nil, true},
		{`["a\x"]`, nil, true},
		{`{}`, nil, true},
	} {
		d := NewDecoderString(tt.in)
		got := d.StringList()
		d.End()
		if (d.Err() != nil) != tt.err {
			t.Errorf("%s: error %v", tt.in, d.Err())
			continue
		}
		if tt.err {
			continue
		}
		if (got == nil) != (tt.want == nil) || fmt.Sprint(got) != fmt.Sprint(tt.want) || cap(got) != len(got) {
			t.Errorf("%s: got %q (nil %v, cap %d), want %q", tt.in, got, got == nil, cap(got), tt.want)
		}
	}
}

// TestStringListsShareBlocks reads several lists of strings from one
// document with StringList, whose fast path is NextIn's written out: short
// lists one after the other in the shared block, and a page long enough to
// be sized from the input among them. Each must keep its elements once the
// lists after it are read into the same memory.
func TestStringListsShareBlocks(t *testing.T) {
	var page []string
	for i := range 3 * sizeAt {
		page = append(page, fmt.Sprintf("p%d", i))
	}
	lists := [][]string{{"a", "b", "c"}, {"d", "e"}, page, {"f"}, {"g", "h", "i", "j"}}
	var in strings.Builder
	in.WriteByte('[')
	for i, l := range lists {
		if i > 0 {
			in.WriteByte(',')
		}
		in.WriteString(`["` + strings.Join(l, `","`) + `"]`)
	}
	in.WriteString("]")
	d := NewDecoderString(in.String())
	var got [][]string
	if d.BeginArray() {
		for d.NextElem() {
			got = append(got, d.StringList())
		}
	}
	d.End()
	if err := d.Err(); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(lists) {
		t.Errorf("got %q\nwant %q", got, lists)
	}
}

// TestNewIn checks the values NewIn hands out: each is zero and its own
// (writing one changes no other), over many blocks, for two Decoders at
// once, and with lists of the same type growing in the same Decoder's
// memory between the calls, which must keep their elements.
func TestNewIn(t *testing.T) {
	type rec struct {
		Name *string
		N    int64
		Tags []string
	}
	d1, d2 := largeDocument(), largeDocument()
	var got1, got2 []*rec
	var b ListBuilder[rec]
	for i := range 3000 {
		for _, x := range []struct {
			d   *Decoder
			got *[]*rec
		}{{d1, &got1}, {d2, &got2}} {
			p := NewIn[rec](x.d)
			if p.Name != nil || p.N != 0 || p.Tags != nil {
				t.Fatalf("value %d is not zero: %+v", i, *p)
			}
			name := strconv.Itoa(i)
			p.Name, p.N, p.Tags = &name, int64(i), []string{name}
			*x.got = append(*x.got, p)
		}
		if i%7 == 0 {
			*b.NextIn(d1) = rec{N: -int64(i)}
		}
	}
	for _, got := range [][]*rec{got1, got2} {
		for i, p := range got {
			if p.N != int64(i) || *p.Name != strconv.Itoa(i) || len(p.Tags) != 1 || p.Tags[0] != *p.Name {
				t.Fatalf("value %d changed: %+v", i, *p)
			}
		}
	}
	list := b.Slice()
	for k, r := range list {
		if r.N != -int64(7*k) {
			t.Fatalf("list element %d = %+v", k, r)
		}
	}
	if len(list) != (3000+6)/7 {
		t.Fatalf("list has %d elements", len(list))
	}
}

// TestNewInSmallDocument checks that a document with a few optional
// structures allocates them one by one: no shared block and no per-type
// memory for a response that needs one or two; and that a document under
// smallDocument never uses blocks, while a larger one does after
// newInAlone values.
func TestNewInSmallDocument(t *testing.T) {
	type rec struct{ A, B, C, D *string }
	allocs := testing.AllocsPerRun(100, func() {
		d := largeDocument()
		for range newInAlone {
			if p := NewIn[rec](d); p.A != nil {
				t.Fatal("not zero")
			}
		}
	})
	// The Decoder itself, then one allocation per value.
	if base := testing.AllocsPerRun(100, func() { _ = largeDocument() }); allocs != base+newInAlone {
		t.Errorf("%d NewIn calls on a new Decoder: %v allocations, want %v (one each)", newInAlone, allocs, base+newInAlone)
	}
	d := largeDocument()
	for range newInAlone {
		NewIn[rec](d)
	}
	if n := d.poolCount(); n != 0 {
		t.Errorf("%d values made %d shared memories, want none", newInAlone, n)
	}
	NewIn[rec](d)
	if d.poolCount() != 1 {
		t.Errorf("value %d did not start a shared block", newInAlone+1)
	}
	small := NewDecoderString(`null`)
	for range 10 * newInAlone {
		NewIn[rec](small)
	}
	if n := small.poolCount(); n != 0 {
		t.Errorf("a document of %d bytes made %d shared memories, want none", len(small.s), n)
	}
}

// largeDocument is a Decoder of a document of smallDocument bytes or more,
// for which NewIn and MapBuilder use the Decoder's shared memory.
func largeDocument() *Decoder {
	return NewDecoderString(`null` + strings.Repeat(" ", smallDocument))
}

// samePool checks that memOf gives d the same memory for T every time,
// and one no other type has (seen holds those of the types before).
func samePool[T any](t *testing.T, d *Decoder, seen map[any]bool) {
	t.Helper()
	first := memOf[T](d)
	if seen[first] {
		t.Fatalf("memOf[%T] shares another type's memory", *new(T))
	}
	seen[first] = true
	if again := memOf[T](d); again != first {
		t.Fatalf("memOf[%T] made a second memory", *new(T))
	}
}

// TestPoolOfManyTypes gives a Decoder memories for more element types than
// its table of them holds (the rest go in a list) and checks that each
// type keeps its own, asked for again after all the others.
func TestPoolOfManyTypes(t *testing.T) {
	d := largeDocument()
	seen := map[any]bool{}
	for range 2 {
		clear(seen)
		samePool[[1]byte](t, d, seen)
		samePool[[2]byte](t, d, seen)
		samePool[[3]byte](t, d, seen)
		samePool[[4]byte](t, d, seen)
		samePool[[5]byte](t, d, seen)
		samePool[[6]byte](t, d, seen)
		samePool[[7]byte](t, d, seen)
		samePool[[8]byte](t, d, seen)
		samePool[[9]byte](t, d, seen)
		samePool[[10]byte](t, d, seen)
		samePool[[11]byte](t, d, seen)
		samePool[[12]byte](t, d, seen)
		samePool[[13]byte](t, d, seen)
		samePool[[14]byte](t, d, seen)
		samePool[[15]byte](t, d, seen)
		samePool[[16]byte](t, d, seen)
		samePool[[17]byte](t, d, seen)
		samePool[[18]byte](t, d, seen)
		samePool[string](t, d, seen)
		samePool[int](t, d, seen)
	}
	if n := d.poolCount(); n != 20 {
		t.Errorf("20 element types made %d memories", n)
	}
	if n := len(d.pools.more); n != 20-(poolSlots-1) {
		t.Errorf("%d memories past the table's %d, want %d", n, poolSlots-1, 20-(poolSlots-1))
	}
}

// TestListBuilderRoundedRoom: a page whose later elements are a little
// shorter than its first sizeAt (46 bytes of input against 52, over
// smallElem, so that predict leaves a sixteenth to spare) is guessed a
// little short, and runs into the room the runtime rounds the guessed
// slice up to instead of being copied to a new one (regrow asks for at
// least an eighth more than the list).
func TestListBuilderRoundedRoom(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(`[`)
	const first, rest = sizeAt, 500
	pad := strings.Repeat("x", 30)
	for i := range first + rest {
		if i > 0 {
			sb.WriteString(",")
		}
		if i < first {
			sb.WriteString(`{"v":1000000,"p":"` + pad + `"}`)
		} else {
			sb.WriteString(`{"v":1,"p":"` + pad + `"}`)
		}
	}
	sb.WriteString(`]`)
	d := NewDecoderString(sb.String())
	if !d.BeginArray() {
		t.Fatal(d.Err())
	}
	var b ListBuilder[int64]
	for d.NextElem() {
		p := b.NextIn(d)
		d.BeginObject()
		for {
			k, ok := d.NextKeyString()
			if !ok {
				break
			}
			if k == "v" {
				*p = d.Int64()
			} else {
				d.Skip()
			}
		}
	}
	got := b.Slice()
	if d.Err() != nil || len(got) != first+rest {
		t.Fatalf("len %d, %v", len(got), d.Err())
	}
	if b.asked == 0 || b.asked >= len(got) {
		t.Errorf("asked for room for %d elements of %d: want a guess a little short, and no regrow", b.asked, len(got))
	}
	for i, v := range got {
		want := int64(1)
		if i < first {
			want = 1000000
		}
		if v != want {
			t.Fatalf("element %d = %d, want %d", i, v, want)
		}
	}
}

// TestListBuilderPageMovesOnce: a page that the input says will reach
// sizeAt elements moves from its first block straight to one with room for
// sizeAt, rather than through blocks that double (and stop
// doubling at maxBlockBytes, which for large elements is under sizeAt);
// a short list that the input says ends soon still doubles.
func TestListBuilderPageMovesOnce(t *testing.T) {
	type wide struct {
		V   int64
		Pad [80]byte
	}
	for _, count := range []int{300, 20} {
		var sb strings.Builder
		sb.WriteString(`{"page":[`)
		for i := range count {
			if i > 0 {
				sb.WriteString(",")
			}
			fmt.Fprintf(&sb, `{"v":%d}`, i)
		}
		if count > sizeAt {
			sb.WriteString(`],"pad":"` + strings.Repeat("x", 8000) + `"}`)
		} else {
			sb.WriteString(`]}`)
		}
		d := NewDecoderString(sb.String())
		d.BeginObject()
		d.NextKeyString()
		d.BeginArray()
		var b ListBuilder[wide]
		for d.NextElem() {
			p := b.NextIn(d)
			d.BeginObject()
			for {
				if _, ok := d.NextKeyString(); !ok {
					break
				}
				p.V = d.Int64()
			}
			if b.n == minBlock+1 {
				room := cap(b.win) // the room of the block it moved to
				if count > sizeAt && room < sizeAt {
					t.Errorf("%d elements: after %d, room for %d in the block, want at least %d", count, b.n, room, sizeAt)
				}
				if count < sizeAt && room >= sizeAt {
					t.Errorf("%d elements: after %d, room for %d in the block, want a doubling", count, b.n, room)
				}
			}
		}
		if got := b.Slice(); d.Err() != nil || len(got) != count || got[count-1].V != int64(count-1) {
			t.Fatalf("%d elements: got %d, %v", count, len(got), d.Err())
		}
	}
}

// TestListStateLayout checks that a ListBuilder of any element type and a
// listState have the same layout, which ListBuilder.state relies on.
func TestListStateLayout(t *testing.T) {
	check := func(name string, size, mem, pos uintptr) {
		t.Helper()
		var s listState
		if size != unsafe.Sizeof(s) || mem != unsafe.Offsetof(s.mem) || pos != unsafe.Offsetof(s.listPos) {
			t.Errorf("ListBuilder[%s]: size %d, mem at %d, listPos at %d; listState: %d, %d, %d",
				name, size, mem, pos, unsafe.Sizeof(s), unsafe.Offsetof(s.mem), unsafe.Offsetof(s.listPos))
		}
	}
	var a ListBuilder[byte]
	check("byte", unsafe.Sizeof(a), unsafe.Offsetof(a.mem), unsafe.Offsetof(a.listPos))
	var b ListBuilder[struct {
		p *int
		x [5]int64
	}]
	check("struct", unsafe.Sizeof(b), unsafe.Offsetof(b.mem), unsafe.Offsetof(b.listPos))
	var c ListBuilder[[3]string]
	check("[3]string", unsafe.Sizeof(c), unsafe.Offsetof(c.mem), unsafe.Offsetof(c.listPos))
}
