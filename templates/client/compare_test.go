//lint:file-ignore U1000 the helpers serve whichever cases a model has

package client

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"math/big"
	"reflect"
	"strings"
	"testing"
	"time"
)

// This file holds what the client's and the server's protocol tests share:
// comparing bodies and decoded values, and building expected values.

func strconvItoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// bodyDecoders decode the bodies of binary media types into values that
// compare by their data; a client whose protocol has such a media type
// registers its decoder in a file of its own.
var bodyDecoders = map[string]func([]byte) (any, error){}

// compareBody compares a body as JSON when the media type says so, by the
// decoded data for a media type in bodyDecoders, else as bytes.
func compareBody(t *testing.T, got []byte, want, mediaType string) {
	t.Helper()
	if decode := bodyDecoders[mediaType]; decode != nil && want != "" {
		g, err := decode(got)
		if err != nil {
			t.Errorf("body %x is not %s: %v", got, mediaType, err)
			return
		}
		w, err := decode([]byte(want))
		if err != nil {
			t.Fatalf("the expected body is not %s: %v", mediaType, err)
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("body = %v\nwant   %v", g, w)
		}
		return
	}
	if strings.Contains(mediaType, "json") && want != "" {
		var g, w any
		if err := json.Unmarshal(got, &g); err != nil {
			t.Errorf("body %q is not JSON: %v", got, err)
			return
		}
		if err := json.Unmarshal([]byte(want), &w); err != nil {
			t.Fatalf("the expected body is not JSON: %v", err)
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("body = %s\nwant   %s", got, want)
		}
		return
	}
	if string(got) != want {
		t.Errorf("body = %q, want %q", got, want)
	}
}

// assertEqual compares decoded values with the expected ones: NaN equals
// NaN, times are compared as instants, documents as JSON, streams by
// content and big numbers by value.
func assertEqual(t *testing.T, got, want any) {
	t.Helper()
	if d := diff("", reflect.ValueOf(got), reflect.ValueOf(want)); d != "" {
		t.Errorf("%s", d)
	}
}

var (
	timeType   = reflect.TypeFor[time.Time]()
	bigIntType = reflect.TypeFor[*big.Int]()
	bigFltType = reflect.TypeFor[*big.Float]()
	readerType = reflect.TypeFor[io.Reader]()
	closerType = reflect.TypeFor[io.ReadCloser]()
)

func diff(path string, g, w reflect.Value) string {
	if !g.IsValid() || !w.IsValid() {
		if g.IsValid() != w.IsValid() {
			return path + ": one side is missing"
		}
		return ""
	}
	if g.Type() != w.Type() {
		return path + ": type " + g.Type().String() + " vs " + w.Type().String()
	}
	switch {
	case g.Type() == timeType:
		if !g.Interface().(time.Time).Equal(w.Interface().(time.Time)) {
			return path + ": " + g.Interface().(time.Time).String() + " != " + w.Interface().(time.Time).String()
		}
		return ""
	case g.Type() == bigIntType:
		a, b := g.Interface().(*big.Int), w.Interface().(*big.Int)
		if (a == nil) != (b == nil) || a != nil && a.Cmp(b) != 0 {
			return path + ": big integers differ"
		}
		return ""
	case g.Type() == bigFltType:
		// Equal values, or the same decimal read at two precisions (the
		// decoder's and mustBigFloat's), which differ in binary.
		a, b := g.Interface().(*big.Float), w.Interface().(*big.Float)
		if (a == nil) != (b == nil) || a != nil && a.Cmp(b) != 0 && a.Text('g', -1) != b.Text('g', -1) {
			return path + ": big decimals differ"
		}
		return ""
	case g.Type() == readerType || g.Type() == closerType:
		// An absent stream reads as an empty one.
		var a, b []byte
		if !g.IsNil() {
			a, _ = io.ReadAll(g.Interface().(io.Reader))
		}
		if !w.IsNil() {
			b, _ = io.ReadAll(w.Interface().(io.Reader))
		}
		if !bytes.Equal(a, b) {
			return path + ": stream " + string(a) + " != " + string(b)
		}
		return ""
	case g.Type().Name() == "Document" && g.Kind() == reflect.Slice:
		if g.Len() == 0 || w.Len() == 0 {
			if g.Len() != w.Len() {
				return path + ": document " + string(g.Bytes()) + " != " + string(w.Bytes())
			}
			return ""
		}
		var a, b any
		_ = json.Unmarshal(g.Bytes(), &a)
		_ = json.Unmarshal(w.Bytes(), &b)
		if !reflect.DeepEqual(a, b) {
			return path + ": document " + string(g.Bytes()) + " != " + string(w.Bytes())
		}
		return ""
	}
	switch g.Kind() {
	case reflect.Pointer, reflect.Interface:
		if g.IsNil() || w.IsNil() {
			if g.IsNil() != w.IsNil() {
				return path + ": nil vs set"
			}
			return ""
		}
		if g.Kind() == reflect.Interface && g.Elem().Type() != w.Elem().Type() {
			return path + ": " + g.Elem().Type().String() + " vs " + w.Elem().Type().String()
		}
		return diff(path, g.Elem(), w.Elem())
	case reflect.Struct:
		for i := range g.NumField() {
			if !g.Type().Field(i).IsExported() {
				continue
			}
			if d := diff(path+"."+g.Type().Field(i).Name, g.Field(i), w.Field(i)); d != "" {
				return d
			}
		}
		return ""
	case reflect.Slice:
		if g.IsNil() != w.IsNil() && g.Len()+w.Len() > 0 {
			return path + ": nil vs empty"
		}
		if g.Len() != w.Len() {
			return path + ": length " + strconvItoa(int64(g.Len())) + " vs " + strconvItoa(int64(w.Len()))
		}
		for i := range g.Len() {
			if d := diff(path+"["+strconvItoa(int64(i))+"]", g.Index(i), w.Index(i)); d != "" {
				return d
			}
		}
		return ""
	case reflect.Map:
		if g.Len() != w.Len() {
			return path + ": map sizes differ"
		}
		for _, k := range w.MapKeys() {
			if d := diff(path+"["+k.String()+"]", g.MapIndex(k), w.MapIndex(k)); d != "" {
				return d
			}
		}
		return ""
	case reflect.Float32, reflect.Float64:
		a, b := g.Float(), w.Float()
		if a != b && !(math.IsNaN(a) && math.IsNaN(b)) {
			return path + ": float differs"
		}
		return ""
	}
	if !reflect.DeepEqual(g.Interface(), w.Interface()) {
		b1, _ := json.Marshal(g.Interface())
		b2, _ := json.Marshal(w.Interface())
		return path + ": " + string(b1) + " != " + string(b2)
	}
	return ""
}

func ptr[T any](v T) *T { return &v }

func mustBigInt(s string) *big.Int {
	n, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic("bad big integer " + s)
	}
	return n
}

func mustBigFloat(s string) *big.Float {
	n, _, err := big.ParseFloat(s, 10, 200, big.ToNearestEven)
	if err != nil {
		panic(err)
	}
	return n
}
