package cbor

import (
	"encoding/base64"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// protocolTestDirs hold the official rpcv2Cbor protocol tests (see
// ../../../shared/testdata/protocol-tests/SOURCE.md), read in place: they
// are not copied into this repository.
var protocolTestDirs = []string{
	"../../../shared/testdata/protocol-tests/smithy-protocol-tests/model/rpcv2Cbor",
	"../../../shared/testdata/protocol-tests/smithy-aws-protocol-tests/model/rpcv2Cbor",
}

type protocolBody struct {
	id   string // file: test case id
	body []byte
}

var (
	idLine   = regexp.MustCompile(`^\s*id: "([^"]+)"`)
	bodyLine = regexp.MustCompile(`^\s*body: "([^"]*)"`)
)

// protocolBodies returns every non-empty CBOR body of the rpcv2Cbor
// protocol tests, requests and responses, each with its test case's id.
func protocolBodies(t testing.TB) []protocolBody {
	t.Helper()
	var out []protocolBody
	for _, dir := range protocolTestDirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.smithy"))
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			id := ""
			for line := range strings.Lines(string(src)) {
				if m := idLine.FindStringSubmatch(line); m != nil {
					id = filepath.Base(f) + ": " + m[1]
				}
				if m := bodyLine.FindStringSubmatch(line); m != nil && m[1] != "" {
					b, err := base64.StdEncoding.DecodeString(m[1])
					if err != nil {
						t.Fatalf("%s: body: %v", id, err)
					}
					out = append(out, protocolBody{id, b})
				}
			}
		}
	}
	return out
}

// TestProtocolBodies reads every rpcv2Cbor protocol-test body: each is
// well-formed, reads through the pull API with unknown members skipped, and
// survives the Encoder.
func TestProtocolBodies(t *testing.T) {
	bodies := protocolBodies(t)
	if len(bodies) < 60 {
		t.Skipf("found %d protocol-test bodies; ../shared is missing or incomplete", len(bodies))
	}
	for _, b := range bodies {
		if end, _, brk := wellFormed(b.body, 0, false, 0); end != len(b.body) || brk {
			t.Errorf("%s: the reference check refuses the body", b.id)
		}
		d := NewDecoder(b.body)
		v := walk(d)
		d.End()
		if d.Err() != nil {
			t.Errorf("%s: %v", b.id, d.Err())
			continue
		}
		e := NewEncoder(nil)
		encodeAny(e, v)
		d = NewDecoder(e.Bytes())
		if again := walk(d); d.Err() != nil || !equal(canonical(v), again) {
			t.Errorf("%s: read %#v, written and read back %#v, %v", b.id, v, again, d.Err())
		}
	}
}

// simpleScalars is the protocol tests' SimpleScalarStructure, decoded the
// way generated code does.
type simpleScalars struct {
	TrueBooleanValue, FalseBooleanValue *bool
	ByteValue                           *int8
	DoubleValue                         *float64
	FloatValue                          *float32
	IntegerValue                        *int32
	LongValue                           *int64
	ShortValue                          *int16
	StringValue                         *string
	BlobValue                           []byte
}

func decodeSimpleScalars(d *Decoder, v *simpleScalars) {
	if !d.BeginObject() {
		return
	}
	for {
		key, ok := d.NextKeyString()
		if !ok {
			break
		}
		if d.Null() {
			continue
		}
		switch key {
		case "trueBooleanValue":
			v.TrueBooleanValue = d.BoxBool(d.Bool())
		case "falseBooleanValue":
			v.FalseBooleanValue = d.BoxBool(d.Bool())
		case "byteValue":
			v.ByteValue = d.BoxInt8(d.Int8())
		case "doubleValue":
			v.DoubleValue = d.BoxFloat64(d.Float64())
		case "floatValue":
			v.FloatValue = d.BoxFloat32(d.Float32())
		case "integerValue":
			v.IntegerValue = d.BoxInt32(d.Int32())
		case "longValue":
			v.LongValue = d.BoxInt64(d.Int64())
		case "shortValue":
			v.ShortValue = d.BoxInt16(d.Int16())
		case "stringValue":
			v.StringValue = d.BoxString(d.String())
		case "blobValue":
			v.BlobValue = d.Blob()
		default:
			d.Skip()
		}
	}
}

// TestSimpleScalarProperties decodes the SimpleScalarProperties bodies
// (definite and indefinite lengths, extra fields, upcast numbers, NaN and
// the infinities) and checks the values the tests' params give.
func TestSimpleScalarProperties(t *testing.T) {
	var got []string
	for _, b := range protocolBodies(t) {
		if !strings.HasPrefix(b.id, "cbor-structs.smithy: RpcV2Cbor") {
			continue
		}
		var v simpleScalars
		d := NewDecoder(b.body)
		decodeSimpleScalars(d, &v)
		d.End()
		if d.Err() != nil {
			t.Errorf("%s: %v", b.id, d.Err())
			continue
		}
		name := strings.TrimPrefix(b.id, "cbor-structs.smithy: RpcV2Cbor")
		switch {
		case strings.Contains(name, "NaN"):
			if !math.IsNaN(*v.DoubleValue) || !math.IsNaN(float64(*v.FloatValue)) {
				t.Errorf("%s: %v %v", name, *v.DoubleValue, *v.FloatValue)
			}
		case strings.Contains(name, "NegativeInfinity"):
			if !math.IsInf(*v.DoubleValue, -1) || !math.IsInf(float64(*v.FloatValue), -1) {
				t.Errorf("%s: %v %v", name, *v.DoubleValue, *v.FloatValue)
			}
		case strings.Contains(name, "Infinity"):
			if !math.IsInf(*v.DoubleValue, 1) || !math.IsInf(float64(*v.FloatValue), 1) {
				t.Errorf("%s: %v %v", name, *v.DoubleValue, *v.FloatValue)
			}
		case strings.Contains(name, "Upcasting"):
			if *v.DoubleValue != 1.5 || *v.FloatValue != 7.625 || *v.IntegerValue != 56 || *v.LongValue != 256 || *v.ShortValue != 10 {
				t.Errorf("%s: %+v", name, v)
			}
		case strings.Contains(name, "IndefiniteLengthStrings"):
			if *v.StringValue != "An example indefinite string, chunked on comma" {
				t.Errorf("%s: %q", name, *v.StringValue)
			}
		case strings.Contains(name, "IndefiniteLengthByteStrings"):
			if string(v.BlobValue) != "An example indefinite-byte string, chunked on comma" {
				t.Errorf("%s: %q", name, v.BlobValue)
			}
		case strings.Contains(name, "NullStructureValues"):
			if v.StringValue != nil {
				t.Errorf("%s: null read as %q", name, *v.StringValue)
			}
		case v.ByteValue != nil:
			if *v.ByteValue != 5 || *v.DoubleValue != 1.889 || *v.FalseBooleanValue || *v.FloatValue != 7.625 ||
				*v.IntegerValue != 256 || *v.ShortValue != 9898 || *v.StringValue != "simple" ||
				!*v.TrueBooleanValue || string(v.BlobValue) != "foo" {
				t.Errorf("%s: %+v", name, v)
			}
		default:
			continue
		}
		got = append(got, name)
	}
	if len(got) > 0 && len(got) < 15 {
		t.Errorf("checked only %d bodies: %v", len(got), got)
	}
}

// TestErrorType reads the error bodies' __type the way the client template
// reads jsonwire error bodies: Kind, then BeginObject and NextKeyString.
func TestErrorType(t *testing.T) {
	want := map[string]string{
		"errors.smithy: RpcV2CborInvalidGreetingError": "smithy.protocoltests.rpcv2Cbor#InvalidGreeting",
		"errors.smithy: RpcV2CborComplexError":         "smithy.protocoltests.rpcv2Cbor#ComplexError",
		"errors.smithy: RpcV2CborEmptyComplexError":    "smithy.protocoltests.rpcv2Cbor#ComplexError",
	}
	found := 0
	for _, b := range protocolBodies(t) {
		w, ok := want[b.id]
		if !ok {
			continue
		}
		found++
		typ := ""
		d := NewDecoder(b.body)
		if d.Kind() == Object && d.BeginObject() {
			for {
				k, ok := d.NextKeyString()
				if !ok {
					break
				}
				if k == "__type" && d.Kind() == String {
					typ = d.String()
				} else {
					d.Skip()
				}
			}
		}
		d.End()
		if d.Err() != nil || typ != w {
			t.Errorf("%s: __type %q, %v; want %q", b.id, typ, d.Err(), w)
		}
	}
	if found > 0 && found != len(want) {
		t.Errorf("found %d of the %d error bodies", found, len(want))
	}
}
