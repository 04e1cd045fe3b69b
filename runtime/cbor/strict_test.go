package cbor

import (
	"errors"
	"testing"
)

func TestRefuseNull(t *testing.T) {
	for _, c := range []struct {
		name string
		in   string
		want int // elements read
		msg  string
	}{
		{"ints", "\x82\x01\x02", 2, ""},
		{"empty", "\x80", 0, ""},
		{"a null list", "\xf6", 0, ""}, // the list itself may be null: it is absent
		{"a null element", "\x83\x01\xf6\x02", 1, "cbor: offset 2: null in IntList, which is not sparse"},
		{"an undefined element", "\x9f\xf7\xff", 0, "cbor: offset 1: null in IntList, which is not sparse"},
	} {
		d := NewDecoderString(c.in)
		n := 0
		if d.BeginArray() {
			for d.NextElem() {
				if d.RefuseNull("IntList") {
					continue
				}
				d.Int32()
				n++
			}
		}
		var te *TypeError
		switch err := d.Err(); {
		case c.msg == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.msg != "" && (!errors.As(err, &te) || err.Error() != c.msg):
			t.Errorf("%s: error %v, want %q", c.name, err, c.msg)
		case n != c.want:
			t.Errorf("%s: read %d elements, want %d", c.name, n, c.want)
		}
	}
}

func TestRefuseUnion(t *testing.T) {
	d := NewDecoderString("\xa0")
	d.BeginObject()
	d.RefuseUnion("MyUnion", "unknown member", []byte("x"))
	var te *TypeError
	if err := d.Err(); !errors.As(err, &te) || err.Error() != `cbor: offset 1: union MyUnion: unknown member "x"` {
		t.Errorf("error = %v", err)
	}
}
