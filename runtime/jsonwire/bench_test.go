package jsonwire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// The benchmarks decode a ListCatalogItems-like response of 1,000 items,
// each with eight string members and a list of three strings, the way
// generated code does: the pull API straight into typed structs. They run
// encoding/json.Unmarshal into the same structs alongside for comparison.

// benchItem has plain string members.
type benchItem struct {
	ItemID      string   `json:"ItemId"`
	Name        string   `json:"Name"`
	Status      string   `json:"Status"`
	Description string   `json:"Description"`
	Owner       string   `json:"Owner"`
	Region      string   `json:"Region"`
	Arn         string   `json:"Arn"`
	Family      string   `json:"Family"`
	Tags        []string `json:"Tags"`
}

type benchOutput struct {
	Items     []benchItem `json:"Items"`
	NextToken *string     `json:"NextToken"`
}

// benchItemPtr has optional (pointer) members, as generated AWS types do.
type benchItemPtr struct {
	ItemID      *string  `json:"ItemId"`
	Name        *string  `json:"Name"`
	Status      *string  `json:"Status"`
	Description *string  `json:"Description"`
	Owner       *string  `json:"Owner"`
	Region      *string  `json:"Region"`
	Arn         *string  `json:"Arn"`
	Family      *string  `json:"Family"`
	Tags        []string `json:"Tags"`
}

type benchOutputPtr struct {
	Items     []benchItemPtr `json:"Items"`
	NextToken *string        `json:"NextToken"`
}

func benchInput(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"Items":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"ItemId":"OR-%07d","Name":"catalog item number %d","Status":"AVAILABLE",`+
			`"Description":"A rack of compute and storage capacity for on-premises workloads","Owner":"123456789012",`+
			`"Region":"us-west-2","Arn":"arn:aws:outposts:us-west-2:123456789012:catalog-item/OR-%07d","Family":"c5",`+
			`"Tags":["compute","storage","rack-%d"],"Unknown":{"nested":[1,2.5,true,null,"x"]}}`, i, i, i, i)
	}
	b.WriteString(`],"NextToken":"token-abc"}`)
	return []byte(b.String())
}

// decodeTags reads a list of strings the way generated code does.
func decodeTags(d *Decoder) []string {
	if !d.BeginArray() {
		return nil
	}
	var b ListBuilder[string]
	for d.NextElem() {
		*b.NextIn(d) = d.String()
	}
	return b.Slice()
}

// decodeTagsAppend is the naive alternative: append.
func decodeTagsAppend(d *Decoder) []string {
	if !d.BeginArray() {
		return nil
	}
	tags := []string{}
	for d.NextElem() {
		tags = append(tags, d.String())
	}
	return tags
}

func decodeBenchItem(d *Decoder, it *benchItem) {
	if !d.BeginObject() {
		return
	}
	for k, ok := d.NextKey(); ok; k, ok = d.NextKey() {
		switch string(k) {
		case "ItemId":
			it.ItemID = d.String()
		case "Name":
			it.Name = d.String()
		case "Status":
			it.Status = d.String()
		case "Description":
			it.Description = d.String()
		case "Owner":
			it.Owner = d.String()
		case "Region":
			it.Region = d.String()
		case "Arn":
			it.Arn = d.String()
		case "Family":
			it.Family = d.String()
		case "Tags":
			it.Tags = decodeTags(d)
		default:
			d.Skip()
		}
	}
}

func decodeBenchOutput(d *Decoder) (*benchOutput, error) {
	out := new(benchOutput)
	if d.BeginObject() {
		for k, ok := d.NextKey(); ok; k, ok = d.NextKey() {
			switch string(k) {
			case "Items":
				if d.BeginArray() {
					var b ListBuilder[benchItem]
					for d.NextElem() {
						decodeBenchItem(d, b.NextIn(d))
					}
					out.Items = b.Slice()
				}
			case "NextToken":
				if !d.Null() {
					out.NextToken = d.BoxString(d.String())
				}
			default:
				d.Skip()
			}
		}
	}
	d.End()
	return out, d.Err()
}

// optString is how generated code reads an optional string member.
func optString(d *Decoder) *string {
	if d.Null() {
		return nil
	}
	return d.BoxString(d.String())
}

func decodeBenchItemPtr(d *Decoder, it *benchItemPtr, tags func(*Decoder) []string) {
	if !d.BeginObject() {
		return
	}
	for k, ok := d.NextKey(); ok; k, ok = d.NextKey() {
		switch string(k) {
		case "ItemId":
			it.ItemID = optString(d)
		case "Name":
			it.Name = optString(d)
		case "Status":
			it.Status = optString(d)
		case "Description":
			it.Description = optString(d)
		case "Owner":
			it.Owner = optString(d)
		case "Region":
			it.Region = optString(d)
		case "Arn":
			it.Arn = optString(d)
		case "Family":
			it.Family = optString(d)
		case "Tags":
			it.Tags = tags(d)
		default:
			d.Skip()
		}
	}
}

// decodeBenchOutputPtr decodes into pointer members; with naive set it uses
// append for lists instead of ListBuilder.
func decodeBenchOutputPtr(d *Decoder, naive bool) (*benchOutputPtr, error) {
	out := new(benchOutputPtr)
	tags := decodeTags
	if naive {
		tags = decodeTagsAppend
	}
	if d.BeginObject() {
		for k, ok := d.NextKey(); ok; k, ok = d.NextKey() {
			switch string(k) {
			case "Items":
				if !d.BeginArray() {
					break
				}
				if naive {
					out.Items = []benchItemPtr{}
					for d.NextElem() {
						out.Items = append(out.Items, benchItemPtr{})
						decodeBenchItemPtr(d, &out.Items[len(out.Items)-1], tags)
					}
				} else {
					var b ListBuilder[benchItemPtr]
					for d.NextElem() {
						decodeBenchItemPtr(d, b.NextIn(d), tags)
					}
					out.Items = b.Slice()
				}
			case "NextToken":
				out.NextToken = optString(d)
			default:
				d.Skip()
			}
		}
	}
	d.End()
	return out, d.Err()
}

func TestBenchDecodersAgree(t *testing.T) {
	data := benchInput(50)
	var want benchOutput
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := json.Marshal(&want)
	check := func(name string, got any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(name, err)
		}
		gotJSON, _ := json.Marshal(got)
		if string(gotJSON) != string(wantJSON) {
			t.Errorf("%s and encoding/json disagree:\n%s\n%s", name, gotJSON, wantJSON)
		}
	}
	got, err := decodeBenchOutput(NewDecoder(data))
	check("values", got, err)
	gotPtr, err := decodeBenchOutputPtr(NewDecoder(data), false)
	check("pointers", gotPtr, err)
	gotPtr, err = decodeBenchOutputPtr(NewDecoder(data), true)
	check("pointers, append", gotPtr, err)
}

// BenchmarkDecodeCatalog compares, on the same input:
//
//	jsonwire             string members, ListBuilder, from []byte
//	jsonwire-ptr         *string members (BoxString), ListBuilder, from []byte
//	jsonwire-ptr-append  *string members, append for lists, from []byte
//	jsonwire-ptr-reader  as jsonwire-ptr, from an io.Reader via ReadAll
//	encoding-json*       encoding/json into the same structs
//	jsonwire-skip        validating the input only
func BenchmarkDecodeCatalog(b *testing.B) {
	data := benchInput(1000)
	run := func(name string, f func() error) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if err := f(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	run("jsonwire", func() error { _, err := decodeBenchOutput(NewDecoder(data)); return err })
	run("encoding-json", func() error { var out benchOutput; return json.Unmarshal(data, &out) })
	run("jsonwire-ptr", func() error { _, err := decodeBenchOutputPtr(NewDecoder(data), false); return err })
	run("jsonwire-ptr-append", func() error { _, err := decodeBenchOutputPtr(NewDecoder(data), true); return err })
	run("encoding-json-ptr", func() error { var out benchOutputPtr; return json.Unmarshal(data, &out) })
	run("jsonwire-ptr-reader", func() error {
		s, err := ReadBody(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return err
		}
		_, err = decodeBenchOutputPtr(NewDecoder(s), false)
		return err
	})
	run("encoding-json-ptr-reader", func() error {
		var out benchOutputPtr
		return json.NewDecoder(bytes.NewReader(data)).Decode(&out)
	})
	run("jsonwire-skip", func() error { d := NewDecoder(data); d.Skip(); d.End(); return d.Err() })
}

// BenchmarkParse measures the parser alone: the same input decoded into
// one reused item, so that little is allocated and neither copying nor the
// garbage collector shows much in the result.
func BenchmarkParse(b *testing.B) {
	s := benchInput(1000)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	var it benchItem
	for b.Loop() {
		d := NewDecoder(s)
		if d.BeginObject() {
			for k, ok := d.NextKey(); ok; k, ok = d.NextKey() {
				switch string(k) {
				case "Items":
					if d.BeginArray() {
						for d.NextElem() {
							decodeBenchItemReuse(d, &it)
						}
					}
				default:
					d.Skip()
				}
			}
		}
		d.End()
		if d.Err() != nil {
			b.Fatal(d.Err())
		}
	}
}

func decodeBenchItemReuse(d *Decoder, it *benchItem) {
	if !d.BeginObject() {
		return
	}
	for k, ok := d.NextKey(); ok; k, ok = d.NextKey() {
		switch string(k) {
		case "ItemId":
			it.ItemID = d.String()
		case "Name":
			it.Name = d.String()
		case "Status":
			it.Status = d.String()
		case "Description":
			it.Description = d.String()
		case "Owner":
			it.Owner = d.String()
		case "Region":
			it.Region = d.String()
		case "Arn":
			it.Arn = d.String()
		case "Family":
			it.Family = d.String()
		case "Tags":
			it.Tags = it.Tags[:0]
			if d.BeginArray() {
				for d.NextElem() {
					it.Tags = append(it.Tags, d.String())
				}
			}
		default:
			d.Skip()
		}
	}
}

func BenchmarkEncodeCatalog(b *testing.B) {
	out, err := decodeBenchOutput(NewDecoder(benchInput(1000)))
	if err != nil {
		b.Fatal(err)
	}
	var buf []byte
	b.Run("jsonwire", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			e := NewEncoder(buf[:0])
			e.BeginObject()
			e.Key("Items")
			e.BeginArray()
			for i := range out.Items {
				it := &out.Items[i]
				e.BeginObject()
				e.Key("ItemId")
				e.String(it.ItemID)
				e.Key("Name")
				e.String(it.Name)
				e.Key("Status")
				e.String(it.Status)
				e.Key("Description")
				e.String(it.Description)
				e.Key("Owner")
				e.String(it.Owner)
				e.Key("Region")
				e.String(it.Region)
				e.Key("Arn")
				e.String(it.Arn)
				e.Key("Family")
				e.String(it.Family)
				e.Key("Tags")
				e.BeginArray()
				for _, t := range it.Tags {
					e.String(t)
				}
				e.EndArray()
				e.EndObject()
			}
			e.EndArray()
			e.EndObject()
			buf = e.Bytes()
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(out); err != nil {
				b.Fatal(err)
			}
		}
	})
}
