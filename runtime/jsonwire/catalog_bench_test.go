package jsonwire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
)

// These benchmarks mirror Outposts' ListCatalogItems output (pointer
// members, enums, nested lists) and read it from an io.Reader that, like an
// HTTP response body, has no WriteTo. They compare two ways generated code
// can use this package, and encoding/json:
//
//	plain        read the body into []byte, NewDecoder (a copy), x := d.String(); v.F = &x, append
//	recommended  ReadAll + NewDecoderString (no copy), Box*, ListBuilder, NextKeyString
//	encoding-json  json.NewDecoder(body).Decode into the same structs

type catEC2Capacity struct {
	Family   *string `json:"Family"`
	MaxSize  *string `json:"MaxSize"`
	Quantity *string `json:"Quantity"`
}

type catItem struct {
	CatalogItemID       *string          `json:"CatalogItemId"`
	ItemStatus          string           `json:"ItemStatus"`
	EC2Capacities       []catEC2Capacity `json:"EC2Capacities"`
	PowerKva            *float32         `json:"PowerKva"`
	WeightLbs           *int32           `json:"WeightLbs"`
	SupportedUplinkGbps []int32          `json:"SupportedUplinkGbps"`
	SupportedStorage    []string         `json:"SupportedStorage"`
}

type catOutput struct {
	CatalogItems []catItem `json:"CatalogItems"`
	NextToken    *string   `json:"NextToken"`
}

func catalogInput(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"CatalogItems":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"CatalogItemId":"OR-%07d","ItemStatus":"AVAILABLE","EC2Capacities":[`+
			`{"Family":"m5","MaxSize":"24xlarge","Quantity":"%d"},{"Family":"c5","MaxSize":"9xlarge","Quantity":"2"}],`+
			`"PowerKva":%d.5,"WeightLbs":%d,"SupportedUplinkGbps":[1,10,40],"SupportedStorage":["EBS","S3"]}`, i, i%9+1, i%20, 1000+i)
	}
	b.WriteString(`],"NextToken":"next-page"}`)
	return []byte(b.String())
}

// body hides bytes.Reader's WriteTo, as an HTTP response body would.
type body struct{ io.Reader }

// --- plain: what a straightforward generator writes ---

func plainReadBody(r io.Reader, n int64) []byte {
	buf := make([]byte, n)
	io.ReadFull(r, buf)
	return buf
}

func plainDecodeCapacity(d *Decoder, v *catEC2Capacity) {
	if !d.BeginObject() {
		return
	}
	for k, ok := d.NextKey(); ok; k, ok = d.NextKey() {
		if d.Null() {
			continue
		}
		switch string(k) {
		case "Family":
			x := d.String()
			v.Family = &x
		case "MaxSize":
			x := d.String()
			v.MaxSize = &x
		case "Quantity":
			x := d.String()
			v.Quantity = &x
		default:
			d.Skip()
		}
	}
}

func plainDecodeItem(d *Decoder, v *catItem) {
	if !d.BeginObject() {
		return
	}
	for k, ok := d.NextKey(); ok; k, ok = d.NextKey() {
		if d.Null() {
			continue
		}
		switch string(k) {
		case "CatalogItemId":
			x := d.String()
			v.CatalogItemID = &x
		case "ItemStatus":
			v.ItemStatus = d.String()
		case "EC2Capacities":
			if d.BeginArray() {
				out := []catEC2Capacity{}
				for d.NextElem() {
					var x catEC2Capacity
					plainDecodeCapacity(d, &x)
					out = append(out, x)
				}
				v.EC2Capacities = out
			}
		case "PowerKva":
			x := d.Float32()
			v.PowerKva = &x
		case "WeightLbs":
			x := d.Int32()
			v.WeightLbs = &x
		case "SupportedUplinkGbps":
			if d.BeginArray() {
				out := []int32{}
				for d.NextElem() {
					out = append(out, d.Int32())
				}
				v.SupportedUplinkGbps = out
			}
		case "SupportedStorage":
			if d.BeginArray() {
				out := []string{}
				for d.NextElem() {
					out = append(out, d.String())
				}
				v.SupportedStorage = out
			}
		default:
			d.Skip()
		}
	}
}

func plainDecodeCatalog(r io.Reader, n int64) (*catOutput, error) {
	d := NewDecoder(plainReadBody(r, n))
	out := new(catOutput)
	if d.BeginObject() {
		for k, ok := d.NextKey(); ok; k, ok = d.NextKey() {
			if d.Null() {
				continue
			}
			switch string(k) {
			case "CatalogItems":
				if d.BeginArray() {
					items := []catItem{}
					for d.NextElem() {
						var x catItem
						plainDecodeItem(d, &x)
						items = append(items, x)
					}
					out.CatalogItems = items
				}
			case "NextToken":
				x := d.String()
				out.NextToken = &x
			default:
				d.Skip()
			}
		}
	}
	d.End()
	return out, d.Err()
}

// --- recommended: the allocation-saving helpers ---

func recDecodeCapacity(d *Decoder, v *catEC2Capacity) {
	if !d.BeginObject() {
		return
	}
	for k, ok := d.NextKeyString(); ok; k, ok = d.NextKeyString() {
		if d.Null() {
			continue
		}
		switch k {
		case "Family":
			v.Family = d.BoxString(d.String())
		case "MaxSize":
			v.MaxSize = d.BoxString(d.String())
		case "Quantity":
			v.Quantity = d.BoxString(d.String())
		default:
			d.Skip()
		}
	}
}

func recDecodeItem(d *Decoder, v *catItem) {
	if !d.BeginObject() {
		return
	}
	for k, ok := d.NextKeyString(); ok; k, ok = d.NextKeyString() {
		if d.Null() {
			continue
		}
		switch k {
		case "CatalogItemId":
			v.CatalogItemID = d.BoxString(d.String())
		case "ItemStatus":
			v.ItemStatus = d.String()
		case "EC2Capacities":
			if d.BeginArray() {
				var b ListBuilder[catEC2Capacity]
				for d.NextElem() {
					recDecodeCapacity(d, b.NextIn(d))
				}
				v.EC2Capacities = b.Slice()
			}
		case "PowerKva":
			v.PowerKva = d.BoxFloat32(d.Float32())
		case "WeightLbs":
			v.WeightLbs = d.BoxInt32(d.Int32())
		case "SupportedUplinkGbps":
			if d.BeginArray() {
				var b ListBuilder[int32]
				for d.NextElem() {
					*b.NextIn(d) = d.Int32()
				}
				v.SupportedUplinkGbps = b.Slice()
			}
		case "SupportedStorage":
			if d.BeginArray() {
				var b ListBuilder[string]
				for d.NextElem() {
					*b.NextIn(d) = d.String()
				}
				v.SupportedStorage = b.Slice()
			}
		default:
			d.Skip()
		}
	}
}

func recDecodeCatalog(r io.Reader, n int64) (*catOutput, error) {
	s, err := ReadBody(r, n)
	if err != nil {
		return nil, err
	}
	d := NewDecoder(s)
	out := new(catOutput)
	if d.BeginObject() {
		for k, ok := d.NextKeyString(); ok; k, ok = d.NextKeyString() {
			if d.Null() {
				continue
			}
			switch k {
			case "CatalogItems":
				if d.BeginArray() {
					var b ListBuilder[catItem]
					for d.NextElem() {
						recDecodeItem(d, b.NextIn(d))
					}
					out.CatalogItems = b.Slice()
				}
			case "NextToken":
				out.NextToken = d.BoxString(d.String())
			default:
				d.Skip()
			}
		}
	}
	d.End()
	return out, d.Err()
}

func TestCatalogDecodersAgree(t *testing.T) {
	data := catalogInput(30)
	var want catOutput
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := json.Marshal(&want)
	for name, f := range map[string]func(io.Reader, int64) (*catOutput, error){
		"plain": plainDecodeCatalog, "recommended": recDecodeCatalog,
	} {
		got, err := f(body{bytes.NewReader(data)}, int64(len(data)))
		if err != nil {
			t.Fatal(name, err)
		}
		if gotJSON, _ := json.Marshal(got); string(gotJSON) != string(wantJSON) {
			t.Errorf("%s and encoding/json disagree:\n%s\n%s", name, gotJSON, wantJSON)
		}
	}
}

func BenchmarkDecodeCatalogItems(b *testing.B) {
	data := catalogInput(1000)
	run := func(name string, f func(r io.Reader) error) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if err := f(body{bytes.NewReader(data)}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	n := int64(len(data))
	run("plain", func(r io.Reader) error { _, err := plainDecodeCatalog(r, n); return err })
	run("recommended", func(r io.Reader) error { _, err := recDecodeCatalog(r, n); return err })
	run("encoding-json", func(r io.Reader) error { var out catOutput; return json.NewDecoder(r).Decode(&out) })
}
