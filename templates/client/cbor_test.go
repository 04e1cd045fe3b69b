package client

import (
	"math"

	"github.com/smithygo/smithygo/runtime/cbor"
)

// This file lets the protocol tests compare CBOR bodies (bodyMediaType
// application/cbor) by the data they hold rather than by their bytes: the
// same data may be written with definite or indefinite lengths, in longer
// heads than needed, or with a float in a wider form.

func init() { bodyDecoders["application/cbor"] = cborValue }

// cborBytes is a byte string, kept apart from text strings of the same bytes.
type cborBytes string

// cborValue decodes one CBOR data item into maps, slices, strings,
// cborBytes, booleans, nil and numbers: float64 where it holds the value
// exactly, else the number's decimal text; NaN as the string "NaN", so that
// it equals itself. Tags are read through.
func cborValue(b []byte) (any, error) {
	d := cbor.NewDecoder(b)
	v := cborItem(d)
	d.End()
	return v, d.Err()
}

func cborItem(d *cbor.Decoder) any {
	switch d.Kind() {
	case cbor.Object:
		m := map[string]any{}
		d.BeginObject()
		for {
			k, ok := d.NextKeyString()
			if !ok {
				break
			}
			m[k] = cborItem(d)
		}
		return m
	case cbor.Array:
		l := []any{}
		d.BeginArray()
		for d.NextElem() {
			l = append(l, cborItem(d))
		}
		return l
	case cbor.String:
		return d.String()
	case cbor.Bytes:
		return cborBytes(d.Blob())
	case cbor.Bool:
		return d.Bool()
	case cbor.Null:
		d.Null()
		return nil
	case cbor.Number:
		raw := d.Raw()
		if f := cbor.NewDecoder(raw).Float64(); math.IsNaN(f) {
			return "NaN"
		}
		n := cbor.NewDecoder(raw)
		if f := n.Float64(); n.Err() == nil {
			return f
		}
		n = cbor.NewDecoder(raw)
		if x := n.BigFloat(); n.Err() == nil && x != nil {
			return x.Text('g', -1)
		}
		return "number " + string(raw)
	}
	d.Skip()
	return "simple value"
}
