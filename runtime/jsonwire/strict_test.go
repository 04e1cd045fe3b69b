package jsonwire

import (
	"strings"
	"testing"
	"time"
)

// denseInts reads a list of integers the way a server's generated decoder
// does: a null element is refused, not skipped.
func denseInts(d *Decoder) []int32 {
	var out []int32
	if !d.BeginArray() {
		return nil
	}
	for d.NextElem() {
		if d.RefuseNull("IntList") {
			continue
		}
		out = append(out, d.Int32())
	}
	return out
}

func TestRefuseNull(t *testing.T) {
	tests := []struct {
		in   string
		want int // elements read
		err  string
		msg  string
	}{
		{`[1, 2]`, 2, "", ""},
		{`[]`, 0, "", ""},
		{`null`, 0, "", ""}, // the list itself may be null: it is absent
		{`[1, null, 2]`, 1, "type", "offset 4: null in IntList, which is not sparse"},
		{`[ null ]`, 0, "type", "offset 2: null in IntList, which is not sparse"},
		{`[nul]`, 1, "syntax", ""}, // Int32 has read its zero value by the time the error shows,
	}
	for _, tt := range tests {
		got, kind, err := read(tt.in, denseInts)
		if len(got) != tt.want || kind != tt.err {
			t.Errorf("%s: got %v, error %v (%q); want %d elements, error %q", tt.in, got, err, kind, tt.want, tt.err)
			continue
		}
		if tt.msg != "" && !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: error %q, want it to contain %q", tt.in, err, tt.msg)
		}
	}
}

func TestRefuseUnion(t *testing.T) {
	d := NewDecoderString(`{"a": 1}`)
	d.RefuseUnion("MyUnion", "unknown member", []byte("b"))
	d.RefuseUnion("MyUnion", "no member set", nil) // the first error stays
	if kind := errKind(d.Err()); kind != "type" {
		t.Fatalf("error %v, want a TypeError", d.Err())
	}
	if want := `union MyUnion: unknown member "b"`; !strings.Contains(d.Err().Error(), want) {
		t.Errorf("error %q, want it to contain %q", d.Err(), want)
	}
	if d.BeginObject() {
		t.Error("BeginObject after RefuseUnion returned true; the error must stop decoding")
	}

	d = NewDecoderString(`{}`)
	d.RefuseUnion("MyUnion", "no member set", nil)
	if want := "jsonwire: offset 0: union MyUnion: no member set"; d.Err() == nil || d.Err().Error() != want {
		t.Errorf("error %v, want %q", d.Err(), want)
	}
}

func TestDateTimeUTC(t *testing.T) {
	want := time.Date(1996, 12, 19, 16, 39, 57, 0, time.UTC)
	tests := []struct {
		in   string
		err  string
		want time.Time
	}{
		{`"1996-12-19T16:39:57Z"`, "", want},
		{`"1996-12-19T16:39:57-08:00"`, "type", time.Time{}},
		{`"1996-12-19T16:39:57+00:00"`, "type", time.Time{}},
		{`1996`, "type", time.Time{}},
	}
	for _, tt := range tests {
		got, kind, err := read(tt.in, (*Decoder).DateTimeUTC)
		if kind != tt.err || !got.Equal(tt.want) {
			t.Errorf("%s: got %v, error %v; want %v, error kind %q", tt.in, got, err, tt.want, tt.err)
		}
		// The client's DateTime reads every one of these that is a string.
		if _, kind, _ := read(tt.in, (*Decoder).DateTime); kind != "" && tt.in[0] == '"' {
			t.Errorf("%s: DateTime failed; a client must accept offsets", tt.in)
		}
	}
}
