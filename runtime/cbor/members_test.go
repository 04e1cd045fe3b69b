package cbor

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
)

// memberLoop reads a map with Member as generated decoders do, returning
// "name=value" for each member it finds.
func memberLoop(m *Members, in []byte) ([]string, error) {
	d := NewDecoder(in)
	var got []string
	if d.BeginObject() {
		for i := d.Member(m, -1); i >= 0; i = d.Member(m, i) {
			got = append(got, m.Names[i]+"="+d.String())
		}
	}
	d.End()
	return got, d.Err()
}

// keyLoop is the loop Member replaces: NextKey and a comparison with each
// name, null values skipped.
func keyLoop(names []string, in []byte) ([]string, error) {
	d := NewDecoder(in)
	var got []string
	if d.BeginObject() {
		for {
			key, ok := d.NextKey()
			if !ok {
				break
			}
			if !slices.Contains(names, string(key)) {
				d.Skip()
				continue
			}
			if d.Null() {
				continue
			}
			got = append(got, string(key)+"="+d.String())
		}
	}
	d.End()
	return got, d.Err()
}

// TestMemberAgreesWithNextKey checks Member against the NextKey loop on
// random maps: known and unknown names in any order, repeated names, null
// values, definite and indefinite lengths, and truncated input.
func TestMemberAgreesWithNextKey(t *testing.T) {
	names := []string{"Id", "Name", "NameTag", "a", "", "Über", "x"}
	pool := append(slices.Clone(names), "Other", "Nam", "Ids")
	r := rand.New(rand.NewPCG(7, 9))
	var shared Members
	shared.Names = names
	for round := range 2000 {
		e := NewEncoder(nil)
		n := r.IntN(8)
		e.BeginObject()
		for k := range n {
			e.Key(pool[r.IntN(len(pool))])
			if r.IntN(5) == 0 {
				e.Null()
			} else {
				e.String(fmt.Sprint(k))
			}
		}
		e.EndObject()
		in := slices.Clone(e.Bytes())
		if r.IntN(3) == 0 {
			// The same map with an indefinite length: its head (one byte,
			// for fewer than 24 entries) becomes 0xbf and a break ends it.
			in[0] = majorMap<<5 | 31
			in = append(in, byteBreak)
		}
		if r.IntN(6) == 0 && len(in) > 0 {
			in = in[:r.IntN(len(in))]
		}
		want, wantErr := keyLoop(names, in)
		got, gotErr := memberLoop(&shared, in)
		if fmt.Sprint(got) != fmt.Sprint(want) || (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("round %d, % x: Member gave %v, %v; NextKey %v, %v", round, in, got, gotErr, want, wantErr)
		}
	}
}

// TestMemberTableIsSharedSafely decodes with one Members from many
// goroutines at once, in different member orders (run with -race).
func TestMemberTableIsSharedSafely(t *testing.T) {
	m := &Members{Names: []string{"a", "b", "c"}}
	inputs := [][]string{{"a", "b", "c"}, {"c", "b", "a"}, {"b", "zz", "a"}}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 200 {
				keys := inputs[(g+k)%len(inputs)]
				e := NewEncoder(nil)
				e.BeginObject()
				for _, key := range keys {
					e.Key(key)
					e.String(key)
				}
				e.EndObject()
				got, err := memberLoop(m, e.Bytes())
				want, _ := keyLoop(m.Names, e.Bytes())
				if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%v: got %v, %v; want %v", keys, got, err, want)
					return
				}
			}
		})
	}
	wg.Wait()
}
