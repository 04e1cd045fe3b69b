package cbor

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/smithygo/smithygo/runtime/jsonwire"
)

// The benchmark decodes the same 1,000-item ListCatalogItems-like output
// (the shape of jsonwire's catalog benchmark and bench/'s fixture: pointer
// members, an enum, a float, an integer, lists of integers, strings and
// nested structures) from CBOR with this package and from JSON with
// jsonwire. The two decoders below are the code generated code would be
// for each package: word for word the same but for the package name, which
// is the point of the shared API.

type catEC2Capacity struct {
	Family   *string
	MaxSize  *string
	Quantity *string
}

type catItem struct {
	CatalogItemID       *string
	ItemStatus          string
	EC2Capacities       []catEC2Capacity
	PowerKva            *float32
	WeightLbs           *int32
	SupportedUplinkGbps []int32
	SupportedStorage    []string
}

type catOutput struct {
	CatalogItems []catItem
	NextToken    *string
}

func catalog(n int) *catOutput {
	str := func(s string) *string { return &s }
	out := &catOutput{NextToken: str("next-page")}
	for i := range n {
		kva, lbs := float32(i%20)+0.5, int32(1000+i)
		out.CatalogItems = append(out.CatalogItems, catItem{
			CatalogItemID: str(fmt.Sprintf("OR-%07d", i)),
			ItemStatus:    "AVAILABLE",
			EC2Capacities: []catEC2Capacity{
				{str("m5"), str("24xlarge"), str(fmt.Sprint(i%9 + 1))},
				{str("c5"), str("9xlarge"), str("2")},
			},
			PowerKva:            &kva,
			WeightLbs:           &lbs,
			SupportedUplinkGbps: []int32{1, 10, 40},
			SupportedStorage:    []string{"EBS", "S3"},
		})
	}
	return out
}

// encodeCatalog writes v the way a generated rpcv2Cbor serializer would.
func encodeCatalog(e *Encoder, v *catOutput) {
	str := func(k string, s *string) {
		if s != nil {
			e.Key(k)
			e.String(*s)
		}
	}
	e.BeginObject()
	e.Key("CatalogItems")
	e.BeginArrayLen(len(v.CatalogItems))
	for i := range v.CatalogItems {
		it := &v.CatalogItems[i]
		e.BeginObject()
		str("CatalogItemId", it.CatalogItemID)
		e.Key("ItemStatus")
		e.String(it.ItemStatus)
		e.Key("EC2Capacities")
		e.BeginArrayLen(len(it.EC2Capacities))
		for j := range it.EC2Capacities {
			c := &it.EC2Capacities[j]
			e.BeginObject()
			str("Family", c.Family)
			str("MaxSize", c.MaxSize)
			str("Quantity", c.Quantity)
			e.EndObject()
		}
		e.EndArray()
		e.Key("PowerKva")
		e.Float(float64(*it.PowerKva), 32)
		e.Key("WeightLbs")
		e.Int(int64(*it.WeightLbs))
		e.Key("SupportedUplinkGbps")
		e.BeginArrayLen(len(it.SupportedUplinkGbps))
		for _, g := range it.SupportedUplinkGbps {
			e.Int(int64(g))
		}
		e.EndArray()
		e.Key("SupportedStorage")
		e.BeginArrayLen(len(it.SupportedStorage))
		for _, s := range it.SupportedStorage {
			e.String(s)
		}
		e.EndArray()
		e.EndObject()
	}
	e.EndArray()
	str("NextToken", v.NextToken)
	e.EndObject()
}

// --- CBOR, this package ---

func cborDecodeCapacity(d *Decoder, v *catEC2Capacity) {
	if !d.BeginObject() {
		return
	}
	for {
		key, ok := d.NextKeyString()
		if !ok {
			break
		}
		switch key {
		case "Family":
			if d.Null() {
				continue
			}
			v.Family = d.BoxString(d.String())
		case "MaxSize":
			if d.Null() {
				continue
			}
			v.MaxSize = d.BoxString(d.String())
		case "Quantity":
			if d.Null() {
				continue
			}
			v.Quantity = d.BoxString(d.String())
		default:
			d.Skip()
		}
	}
}

func cborDecodeItem(d *Decoder, v *catItem) {
	if !d.BeginObject() {
		return
	}
	for {
		key, ok := d.NextKeyString()
		if !ok {
			break
		}
		switch key {
		case "CatalogItemId":
			if d.Null() {
				continue
			}
			v.CatalogItemID = d.BoxString(d.String())
		case "ItemStatus":
			if d.Null() {
				continue
			}
			v.ItemStatus = d.String()
		case "EC2Capacities":
			if d.Null() {
				continue
			}
			if d.BeginArray() {
				var b ListBuilder[catEC2Capacity]
				for d.NextElem() {
					if d.Null() {
						continue
					}
					cborDecodeCapacity(d, b.NextIn(d))
				}
				v.EC2Capacities = b.Slice()
			}
		case "PowerKva":
			if d.Null() {
				continue
			}
			v.PowerKva = d.BoxFloat32(d.Float32())
		case "WeightLbs":
			if d.Null() {
				continue
			}
			v.WeightLbs = d.BoxInt32(d.Int32())
		case "SupportedUplinkGbps":
			if d.Null() {
				continue
			}
			if d.BeginArray() {
				var b ListBuilder[int32]
				for d.NextElem() {
					if d.Null() {
						continue
					}
					*b.NextIn(d) = d.Int32()
				}
				v.SupportedUplinkGbps = b.Slice()
			}
		case "SupportedStorage":
			if d.Null() {
				continue
			}
			if d.BeginArray() {
				var b ListBuilder[string]
				for d.NextElem() {
					if d.Null() {
						continue
					}
					*b.NextIn(d) = d.String()
				}
				v.SupportedStorage = b.Slice()
			}
		default:
			d.Skip()
		}
	}
}

func cborDecodeCatalog(s string) (*catOutput, error) {
	d := NewDecoderString(s)
	out := new(catOutput)
	if d.BeginObject() {
		for {
			key, ok := d.NextKeyString()
			if !ok {
				break
			}
			switch key {
			case "CatalogItems":
				if d.Null() {
					continue
				}
				if d.BeginArray() {
					var b ListBuilder[catItem]
					for d.NextElem() {
						if d.Null() {
							continue
						}
						cborDecodeItem(d, b.NextIn(d))
					}
					out.CatalogItems = b.Slice()
				}
			case "NextToken":
				if d.Null() {
					continue
				}
				out.NextToken = d.BoxString(d.String())
			default:
				d.Skip()
			}
		}
	}
	d.End()
	return out, d.Err()
}

// --- JSON, jsonwire: the same code ---

func jsonDecodeCapacity(d *jsonwire.Decoder, v *catEC2Capacity) {
	if !d.BeginObject() {
		return
	}
	for {
		key, ok := d.NextKeyString()
		if !ok {
			break
		}
		switch key {
		case "Family":
			if d.Null() {
				continue
			}
			v.Family = d.BoxString(d.String())
		case "MaxSize":
			if d.Null() {
				continue
			}
			v.MaxSize = d.BoxString(d.String())
		case "Quantity":
			if d.Null() {
				continue
			}
			v.Quantity = d.BoxString(d.String())
		default:
			d.Skip()
		}
	}
}

func jsonDecodeItem(d *jsonwire.Decoder, v *catItem) {
	if !d.BeginObject() {
		return
	}
	for {
		key, ok := d.NextKeyString()
		if !ok {
			break
		}
		switch key {
		case "CatalogItemId":
			if d.Null() {
				continue
			}
			v.CatalogItemID = d.BoxString(d.String())
		case "ItemStatus":
			if d.Null() {
				continue
			}
			v.ItemStatus = d.String()
		case "EC2Capacities":
			if d.Null() {
				continue
			}
			if d.BeginArray() {
				var b jsonwire.ListBuilder[catEC2Capacity]
				for d.NextElem() {
					if d.Null() {
						continue
					}
					jsonDecodeCapacity(d, b.NextIn(d))
				}
				v.EC2Capacities = b.Slice()
			}
		case "PowerKva":
			if d.Null() {
				continue
			}
			v.PowerKva = d.BoxFloat32(d.Float32())
		case "WeightLbs":
			if d.Null() {
				continue
			}
			v.WeightLbs = d.BoxInt32(d.Int32())
		case "SupportedUplinkGbps":
			if d.Null() {
				continue
			}
			if d.BeginArray() {
				var b jsonwire.ListBuilder[int32]
				for d.NextElem() {
					if d.Null() {
						continue
					}
					*b.NextIn(d) = d.Int32()
				}
				v.SupportedUplinkGbps = b.Slice()
			}
		case "SupportedStorage":
			if d.Null() {
				continue
			}
			if d.BeginArray() {
				var b jsonwire.ListBuilder[string]
				for d.NextElem() {
					if d.Null() {
						continue
					}
					*b.NextIn(d) = d.String()
				}
				v.SupportedStorage = b.Slice()
			}
		default:
			d.Skip()
		}
	}
}

func jsonDecodeCatalog(s string) (*catOutput, error) {
	d := jsonwire.NewDecoderString(s)
	out := new(catOutput)
	if d.BeginObject() {
		for {
			key, ok := d.NextKeyString()
			if !ok {
				break
			}
			switch key {
			case "CatalogItems":
				if d.Null() {
					continue
				}
				if d.BeginArray() {
					var b jsonwire.ListBuilder[catItem]
					for d.NextElem() {
						if d.Null() {
							continue
						}
						jsonDecodeItem(d, b.NextIn(d))
					}
					out.CatalogItems = b.Slice()
				}
			case "NextToken":
				if d.Null() {
					continue
				}
				out.NextToken = d.BoxString(d.String())
			default:
				d.Skip()
			}
		}
	}
	d.End()
	return out, d.Err()
}

// catalogInputs returns the catalog of n items in CBOR and in JSON
// (jsonwire's catalog benchmark's keys, compact).
func catalogInputs(t testing.TB, n int) (cbor, json string) {
	v := catalog(n)
	e := NewEncoder(nil)
	encodeCatalog(e, v)
	j, err := jsonMarshalCatalog(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(e.Bytes()), j
}

func jsonMarshalCatalog(v *catOutput) (string, error) {
	type capacity struct {
		Family   *string `json:"Family,omitempty"`
		MaxSize  *string `json:"MaxSize,omitempty"`
		Quantity *string `json:"Quantity,omitempty"`
	}
	type item struct {
		CatalogItemID       *string    `json:"CatalogItemId,omitempty"`
		ItemStatus          string     `json:"ItemStatus"`
		EC2Capacities       []capacity `json:"EC2Capacities"`
		PowerKva            *float32   `json:"PowerKva,omitempty"`
		WeightLbs           *int32     `json:"WeightLbs,omitempty"`
		SupportedUplinkGbps []int32    `json:"SupportedUplinkGbps"`
		SupportedStorage    []string   `json:"SupportedStorage"`
	}
	type output struct {
		CatalogItems []item  `json:"CatalogItems"`
		NextToken    *string `json:"NextToken,omitempty"`
	}
	var o output
	o.NextToken = v.NextToken
	for _, it := range v.CatalogItems {
		x := item{it.CatalogItemID, it.ItemStatus, nil, it.PowerKva, it.WeightLbs, it.SupportedUplinkGbps, it.SupportedStorage}
		for _, c := range it.EC2Capacities {
			x.EC2Capacities = append(x.EC2Capacities, capacity(c))
		}
		o.CatalogItems = append(o.CatalogItems, x)
	}
	b, err := json.Marshal(&o)
	return string(b), err
}

func TestCatalogDecodersAgree(t *testing.T) {
	want := catalog(50)
	c, j := catalogInputs(t, 50)
	fromCBOR, err := cborDecodeCatalog(c)
	if err != nil {
		t.Fatal(err)
	}
	fromJSON, err := jsonDecodeCatalog(j)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fromCBOR, want) || !reflect.DeepEqual(fromJSON, want) {
		t.Fatal("the decoders disagree with the catalog they read")
	}
}

// BenchmarkCatalog1000 is issue 13's CBOR benchmark: a 1,000-item list
// output decoded from CBOR by this package and from JSON by jsonwire.
//
//	go test ./runtime/cbor/ -run '^$' -bench Catalog1000 -benchmem -count 6
func BenchmarkCatalog1000(b *testing.B) {
	c, j := catalogInputs(b, 1000)
	run := func(name, input string, decode func(string) (*catOutput, error)) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(input)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := decode(input); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	run("cbor", c, cborDecodeCatalog)
	run("jsonwire", j, jsonDecodeCatalog)
}

// BenchmarkTextStrings decodes arrays of 200 text strings of 40 to 200
// bytes: ASCII, and text in other scripts, where String's UTF-8 check
// (utf8valid) is most of a string's cost.
func BenchmarkTextStrings(b *testing.B) {
	for _, c := range []struct{ name, chars string }{
		{"ascii", "Outpost rack in the east hall "}, {"foreign", "東京都千代田区 Москва Αθήνα "},
	} {
		e := NewEncoder(nil)
		e.BeginArray()
		for k := range 200 {
			s := strings.Repeat(c.chars, 8)
			e.String(s[:40+k*160/200])
		}
		e.EndArray()
		input := string(e.Bytes())
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(input)))
			for b.Loop() {
				d := NewDecoderString(input)
				n := 0
				for d.BeginArray(); d.NextElem(); {
					n += len(d.String())
				}
				if d.Err() != nil || n == 0 {
					b.Fatal(d.Err())
				}
			}
		})
	}
}
