package cbor

import (
	"encoding/hex"
	"errors"
	"maps"
	"math"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"
)

// raceEnabled is set by race_test.go when testing with -race.
var raceEnabled bool

// unhex decodes hex written with optional spaces, failing the test on a typo.
func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

// errKind names the type of err for table tests: "", "syntax", "type" or
// "other".
func errKind(err error) string {
	var se *SyntaxError
	var te *TypeError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &se):
		return "syntax"
	case errors.As(err, &te):
		return "type"
	}
	return "other"
}

// read decodes input as one data item with f and End, returning the value,
// the kind of error and the error.
func read[T any](input []byte, f func(*Decoder) T) (T, string, error) {
	d := NewDecoder(input)
	v := f(d)
	d.End()
	return v, errKind(d.Err()), d.Err()
}

// simple stands for a simple value other than false, true, null and
// undefined in what walk returns.
type simple struct{}

// walk decodes any data item through the pull API into plain Go values:
// nil, bool, int64, *big.Int (integers beyond int64, bignums or not),
// float64, string,
// []byte, time.Time (tag 1), *big.Float (tag 4), []any, map[string]any and
// simple. Other tags are read past, as generated code does. Maps whose keys
// are not text strings fail with a TypeError.
func walk(d *Decoder) any {
	switch d.Kind() {
	case Null:
		d.Null()
		return nil
	case Bool:
		return d.Bool()
	case String:
		return d.String()
	case Bytes:
		return d.Blob()
	case Simple:
		d.Skip()
		return simple{}
	case Array:
		out := []any{}
		if d.BeginArray() {
			for d.NextElem() {
				out = append(out, walk(d))
			}
		}
		return out
	case Object:
		out := map[string]any{}
		if d.BeginObject() {
			for {
				k, ok := d.NextKeyString()
				if !ok {
					break
				}
				out[k] = walk(d)
			}
		}
		return out
	case Number:
		at, tag := d.content(d.pos)
		switch {
		case tag == tagEpoch:
			return d.EpochSeconds()
		case tag == tagDecimal:
			return d.BigFloat()
		case at < len(d.s) && isFloat(d.s[at]):
			return d.Float64()
		}
		z := d.BigInt()
		if z != nil && z.IsInt64() {
			return z.Int64()
		}
		return z
	}
	d.Skip() // records the error for what cannot start a data item
	if d.Err() == nil {
		d.Fail(errors.New("walk: Kind is Invalid but Skip succeeded"))
	}
	return nil
}

// equal compares what walk returns: NaN equals NaN, -0 differs from +0,
// numbers of arbitrary precision compare by value.
func equal(a, b any) bool {
	switch x := a.(type) {
	case float64:
		y, ok := b.(float64)
		return ok && (x == y && math.Signbit(x) == math.Signbit(y) || x != x && y != y)
	case *big.Int:
		y, ok := b.(*big.Int)
		return ok && (x == nil) == (y == nil) && (x == nil || x.Cmp(y) == 0)
	case *big.Float:
		y, ok := b.(*big.Float)
		return ok && (x == nil) == (y == nil) && (x == nil || x.Cmp(y) == 0)
	case time.Time:
		y, ok := b.(time.Time)
		return ok && x.Equal(y)
	case approxTime:
		y, ok := b.(time.Time)
		diff := math.Abs(float64(time.Time(x).Unix() - y.Unix()))
		return ok && diff <= math.Abs(float64(y.Unix()))/(1<<50)+1
	case []byte:
		y, ok := b.([]byte)
		return ok && string(x) == string(y)
	case []any:
		y, ok := b.([]any)
		return ok && slices.EqualFunc(x, y, equal)
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			if w, ok := y[k]; !ok || !equal(v, w) {
				return false
			}
		}
		return true
	}
	return a == b
}

// encodeAny writes what walk returns with the Encoder: the inverse of walk
// for the values an Encoder can write.
func encodeAny(e *Encoder, v any) {
	switch x := v.(type) {
	case nil:
		e.Null()
	case bool:
		e.Bool(x)
	case int64:
		e.Int(x)
	case *big.Int:
		e.BigInt(x)
	case *big.Float:
		e.BigFloat(x)
	case float64:
		e.Float(x, 64)
	case string:
		e.String(x)
	case []byte:
		e.Blob(x)
	case time.Time:
		e.EpochSeconds(x)
	case []any:
		e.BeginArray()
		for _, y := range x {
			encodeAny(e, y)
		}
		e.EndArray()
	case map[string]any:
		e.BeginObject()
		for _, k := range slices.Sorted(maps.Keys(x)) {
			e.Key(k)
			encodeAny(e, x[k])
		}
		e.EndObject()
	case simple:
		e.Null() // the Encoder writes no other simple values
	default:
		panic("encodeAny: unexpected type")
	}
}

func bigInt(t testing.TB, s string) *big.Int {
	t.Helper()
	z, ok := new(big.Int).SetString(s, 10)
	if !ok {
		t.Fatalf("bad big integer %q", s)
	}
	return z
}
