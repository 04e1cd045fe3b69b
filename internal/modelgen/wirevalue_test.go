package modelgen

import (
	"encoding/hex"
	"testing"
)

// TestWireJSON checks the JSON a test server sends: @jsonName keys with
// restJson1 only, timestamps in their format (none with rpcv2Json), blobs
// in base64, special floats as strings, nulls.
func TestWireJSON(t *testing.T) {
	v := wire{kind: wObject, keys: []string{"a", "t", "b", "f", "l"}, jsonKeys: []string{"A b", "t", "b", "f", "l"}, items: []wire{
		{kind: wString, text: "x\"y"},
		{kind: wTime, ms: 1500, format: "date-time"},
		{kind: wBlob, bytes: []byte("hi")},
		{kind: wFloat, text: "-Infinity"},
		{kind: wList, items: []wire{{kind: wNull}, {kind: wNumber, text: "-3"}, {kind: wBigDecimal, text: "1.5e-3"}}},
	}}
	for proto, want := range map[string]string{
		"restJson1":  `{"A b":"x\"y","t":"1970-01-01T00:00:01.5Z","b":"aGk=","f":"-Infinity","l":[null,-3,1.5e-3]}`,
		"awsJson1_0": `{"a":"x\"y","t":"1970-01-01T00:00:01.5Z","b":"aGk=","f":"-Infinity","l":[null,-3,1.5e-3]}`,
		"rpcv2Json":  `{"a":"x\"y","t":1.5,"b":"aGk=","f":"-Infinity","l":[null,-3,1.5e-3]}`,
	} {
		if got := v.json(proto); got != want {
			t.Errorf("%s: %s, want %s", proto, got, want)
		}
	}
}

// TestWireCBOR checks the CBOR a test server sends, against encodings
// worked out by hand from RFC 8949.
func TestWireCBOR(t *testing.T) {
	for _, c := range []struct {
		v    wire
		want string
	}{
		{wire{kind: wNumber, text: "-1"}, "20"},
		{wire{kind: wNumber, text: "500"}, "1901f4"},
		{wire{kind: wBigInteger, text: "18446744073709551616"}, "c249010000000000000000"},  // 2^64: tag 2
		{wire{kind: wBigInteger, text: "-18446744073709551617"}, "c349010000000000000000"}, // -1-2^64: tag 3
		{wire{kind: wBigDecimal, text: "-1.5"}, "c482202e"},                                // -15 × 10^-1: tag 4
		{wire{kind: wTime, ms: 2000}, "c102"},
		{wire{kind: wTime, ms: 1500}, "c1fb3ff8000000000000"},
		{wire{kind: wFloat, text: "Infinity"}, "fb7ff0000000000000"},
		{wire{kind: wBlob, bytes: []byte{1, 2}}, "420102"},
		{wire{kind: wObject, keys: []string{"k"}, jsonKeys: []string{"K"}, items: []wire{{kind: wList, items: []wire{{kind: wNull}, {kind: wBool, text: "true"}}}}}, "a1616b82f6f5"},
	} {
		if got := hex.EncodeToString(c.v.cbor(nil)); got != c.want {
			t.Errorf("%+v: %s, want %s", c.v, got, c.want)
		}
	}
}
