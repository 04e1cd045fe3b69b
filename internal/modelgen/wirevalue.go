package modelgen

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"math"
	"math/big"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/shapes"
)

// wval is a random value: its Go literal and what it is on the wire, which
// the tests' servers send written by modelgen itself (in JSON or CBOR, see
// wire.json and wire.cbor), so that no generated code judges the client.
type wval struct {
	code jen.Code
	w    wire
}

type wireKind int

const (
	wNull wireKind = iota
	wBool
	wString
	wNumber // an integer or intEnum
	wFloat  // a float or double: its shortest text, NaN, Infinity, -Infinity or -0
	wBigInteger
	wBigDecimal
	wBlob
	wTime
	wDocument
	wList
	wObject // a structure, union or map
)

// wire is a value as it goes on the wire.
type wire struct {
	kind   wireKind
	text   string // booleans, strings, numbers, documents (JSON text)
	bytes  []byte // blobs
	ms     int64  // timestamps, in milliseconds since the epoch
	format string // a timestamp's @timestampFormat, "" when it has none
	// An object's keys (member names, map keys), with restJson1 (their
	// @jsonName), and values.
	keys, jsonKeys []string
	items          []wire
}

// add adds the member m, of value v, to an object.
func (o *wire) add(m *shapes.Member, v wire) {
	j := m.Name
	if n, ok := m.Traits.JSONName(); ok {
		j = n
	}
	o.keys, o.jsonKeys, o.items = append(o.keys, m.Name), append(o.jsonKeys, j), append(o.items, v)
}

// json writes v as proto's JSON: restJson1 keys are @jsonNames; timestamps
// are in their @timestampFormat (rpcv2Json has none), else epoch seconds;
// blobs base64; special floats strings.
func (v wire) json(proto string) string {
	var b strings.Builder
	v.writeJSON(&b, proto)
	return b.String()
}

func (v wire) writeJSON(b *strings.Builder, proto string) {
	quote := func(s string) {
		q, _ := json.Marshal(s)
		b.Write(q)
	}
	switch v.kind {
	case wNull:
		b.WriteString("null")
	case wString:
		quote(v.text)
	case wFloat:
		if v.text == "NaN" || strings.HasSuffix(v.text, "Infinity") {
			quote(v.text)
		} else {
			b.WriteString(v.text)
		}
	case wBlob:
		quote(base64.StdEncoding.EncodeToString(v.bytes))
	case wTime:
		format := v.format
		if proto == "rpcv2Json" {
			format = ""
		}
		tm := time.UnixMilli(v.ms).UTC()
		switch format {
		case "date-time":
			quote(tm.Format(time.RFC3339Nano))
		case "http-date":
			quote(tm.Format(http.TimeFormat))
		default:
			b.WriteString(strconv.FormatFloat(float64(v.ms)/1000, 'f', -1, 64))
		}
	case wList:
		b.WriteByte('[')
		for i, e := range v.items {
			if i > 0 {
				b.WriteByte(',')
			}
			e.writeJSON(b, proto)
		}
		b.WriteByte(']')
	case wObject:
		b.WriteByte('{')
		for i, e := range v.items {
			if i > 0 {
				b.WriteByte(',')
			}
			k := v.keys[i]
			if proto == "restJson1" {
				k = v.jsonKeys[i]
			}
			quote(k)
			b.WriteByte(':')
			e.writeJSON(b, proto)
		}
		b.WriteByte('}')
	default: // booleans, numbers, documents
		b.WriteString(v.text)
	}
}

// cbor writes v as rpcv2Cbor does (RFC 8949, definite lengths; the test
// server's reencode writes it again in other forms): timestamps as tag 1
// of epoch seconds, big integers as integers or bignums (tags 2 and 3),
// big decimals as decimal fractions (tag 4), floats as float64.
func (v wire) cbor(b []byte) []byte {
	head := func(major byte, n uint64) {
		switch {
		case n < 24:
			b = append(b, major<<5|byte(n))
		case n <= 0xff:
			b = append(b, major<<5|24, byte(n))
		case n <= 0xffff:
			b = binary.BigEndian.AppendUint16(append(b, major<<5|25), uint16(n))
		case n <= 0xffffffff:
			b = binary.BigEndian.AppendUint32(append(b, major<<5|26), uint32(n))
		default:
			b = binary.BigEndian.AppendUint64(append(b, major<<5|27), n)
		}
	}
	float := func(f float64) { b = binary.BigEndian.AppendUint64(append(b, 0xfb), math.Float64bits(f)) }
	integer := func(n *big.Int) {
		switch {
		case n.Sign() >= 0 && n.IsUint64():
			head(0, n.Uint64())
		case n.Sign() < 0 && new(big.Int).Sub(new(big.Int).Neg(n), big.NewInt(1)).IsUint64():
			head(1, new(big.Int).Sub(new(big.Int).Neg(n), big.NewInt(1)).Uint64())
		case n.Sign() >= 0:
			head(6, 2)
			head(2, uint64(len(n.Bytes())))
			b = append(b, n.Bytes()...)
		default:
			m := new(big.Int).Sub(new(big.Int).Neg(n), big.NewInt(1)).Bytes()
			head(6, 3)
			head(2, uint64(len(m)))
			b = append(b, m...)
		}
	}
	switch v.kind {
	case wNull:
		b = append(b, 0xf6)
	case wBool:
		if v.text == "true" {
			b = append(b, 0xf5)
		} else {
			b = append(b, 0xf4)
		}
	case wString:
		head(3, uint64(len(v.text)))
		b = append(b, v.text...)
	case wNumber, wBigInteger:
		n, _ := new(big.Int).SetString(v.text, 10)
		integer(n)
	case wFloat:
		switch v.text {
		case "NaN":
			float(math.NaN())
		case "Infinity":
			float(math.Inf(1))
		case "-Infinity":
			float(math.Inf(-1))
		default:
			f, _ := strconv.ParseFloat(v.text, 64)
			float(f)
		}
	case wBigDecimal:
		// mantissa × 10^exponent, from the decimal text.
		mant, exp := decimalParts(v.text)
		head(6, 4)
		head(4, 2)
		integer(big.NewInt(int64(exp)))
		integer(mant)
	case wBlob:
		head(2, uint64(len(v.bytes)))
		b = append(b, v.bytes...)
	case wTime:
		head(6, 1)
		if v.ms%1000 == 0 {
			integer(big.NewInt(v.ms / 1000))
		} else {
			float(float64(v.ms) / 1000)
		}
	case wList:
		head(4, uint64(len(v.items)))
		for _, e := range v.items {
			b = e.cbor(b)
		}
	case wObject:
		head(5, uint64(len(v.items)))
		for i, e := range v.items {
			head(3, uint64(len(v.keys[i])))
			b = append(b, v.keys[i]...)
			b = e.cbor(b)
		}
	default:
		panic("modelgen: no CBOR for a document")
	}
	return b
}

// decimalParts splits a decimal text (digits, a fraction, an exponent)
// into an integer mantissa and a power of ten.
func decimalParts(s string) (*big.Int, int) {
	mant, expText, _ := strings.Cut(strings.ToLower(s), "e")
	exp := 0
	if expText != "" {
		exp, _ = strconv.Atoi(expText)
	}
	whole, frac, _ := strings.Cut(mant, ".")
	n, _ := new(big.Int).SetString(whole+frac, 10)
	return n, exp - len(frac)
}
