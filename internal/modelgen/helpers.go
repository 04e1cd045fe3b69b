package modelgen

// helpers is roundtrip_helpers_test.go, the same for every model: the echo
// server and the comparison of sent and received values. "package PKG" is
// replaced by the test package's name.
const helpers = `// Helpers of the modelgen round-trip tests.

package PKG

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// recorded is a request as a scripted server received it: the path and
// query as the client wrote them (still escaped), its headers and body.
type recorded struct {
	RawPath string
	Query   url.Values
	Header  http.Header
	Body    []byte
}

// reply is what a scripted server answers.
type reply struct {
	Status int
	Header map[string][]string
	Body   string
}

// newScripted starts a server that records every request and answers the
// n-th with replies[n] (the last one once they run out). reqs returns the
// requests so far.
func newScripted(t *testing.T, replies ...reply) (base string, reqs func() []recorded) {
	var mu sync.Mutex
	var got []recorded
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rawPath, rawQuery, _ := strings.Cut(r.RequestURI, "?")
		q, err := url.ParseQuery(rawQuery)
		if err != nil {
			t.Errorf("query %q: %v", rawQuery, err)
		}
		mu.Lock()
		rep := replies[min(len(got), len(replies)-1)]
		got = append(got, recorded{RawPath: rawPath, Query: q, Header: r.Header.Clone(), Body: body})
		mu.Unlock()
		for k, vs := range rep.Header {
			w.Header()[http.CanonicalHeaderKey(k)] = vs
		}
		w.WriteHeader(rep.Status)
		io.WriteString(w, rep.Body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, func() []recorded {
		mu.Lock()
		defer mu.Unlock()
		if len(got) == 0 {
			t.Fatal("the server received no request")
		}
		return slices.Clone(got)
	}
}

// pathSegment is the i-th segment of an escaped path, unescaped; for a
// greedy label, the rest of the path, each segment unescaped.
func pathSegment(raw string, i int, greedy bool) string {
	segs := strings.Split(raw, "/")
	if i >= len(segs) {
		return "<missing segment>"
	}
	if !greedy {
		segs = segs[i : i+1]
	} else {
		segs = segs[i:]
	}
	for j, s := range segs {
		u, err := url.PathUnescape(s)
		if err != nil {
			return "<bad escape " + s + ">"
		}
		segs[j] = u
	}
	return strings.Join(segs, "/")
}

// splitHeaderList splits a list header: values joined by commas, a value
// in double quotes (with backslash escapes) when it holds a comma or quote.
func splitHeaderList(values []string) []string {
	var out []string
	s := strings.Join(values, ",")
	for s = strings.TrimSpace(s); s != ""; {
		var item string
		if s[0] == '"' {
			var b strings.Builder
			i := 1
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) {
					i++
				}
				b.WriteByte(s[i])
			}
			item, s = b.String(), s[min(i+1, len(s)):]
			s = strings.TrimLeft(strings.TrimSpace(s), ",")
		} else {
			var rest string
			item, rest, _ = strings.Cut(s, ",")
			item, s = strings.TrimSpace(item), rest
		}
		out = append(out, item)
		s = strings.TrimSpace(s)
	}
	return out
}

// parseTime reads a timestamp in one of Smithy's formats.
func parseTime(format, s string) (time.Time, error) {
	switch format {
	case "http-date":
		return time.Parse(http.TimeFormat, s)
	case "date-time":
		return time.Parse(time.RFC3339Nano, s)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return time.Time{}, err
	}
	return time.UnixMilli(int64(math.Round(f * 1000))), nil
}

// checkText compares a value's text on the wire: exactly, or, for a
// timestamp format, as the same instant (want is in that format too).
func checkText(t *testing.T, what, format, got, want string) {
	t.Helper()
	if format == "" {
		if got != want {
			t.Errorf("%s: got %q, want %q", what, got, want)
		}
		return
	}
	g, err := parseTime(format, got)
	w, _ := parseTime(format, want)
	if err != nil || !g.Equal(w) {
		t.Errorf("%s: got %q (%v), want %s %q", what, got, err, format, want)
	}
}

// checkList compares a list's texts on the wire.
func checkList(t *testing.T, what, format string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: got %q, want %q", what, got, want)
		return
	}
	for i := range got {
		checkText(t, fmt.Sprintf("%s[%d]", what, i), format, got[i], want[i])
	}
}

// newServer starts a server that answers requests to /echo/... with their
// own body as JSON, and every other request with 200 and no body.
func newServer(t *testing.T) string { return newCheckingServer(t, nil) }

// newAuthServer is newServer, checking that each request carries the
// authentication want describes (see authOf).
func newAuthServer(t *testing.T, want string) string {
	return newCheckingServer(t, func(r *http.Request) {
		if got := authOf(r); got != want {
			t.Errorf("%s %s: authentication %s, want %s", r.Method, r.URL.Path, got, want)
		}
	})
}

// apiKeyName is the header or query parameter of the model's API key.
const apiKeyName = "APIKEYNAME"

// authOf describes the authentication a request carries: its
// Authorization header, and the API key's header and query parameter.
func authOf(r *http.Request) string {
	return fmt.Sprintf("authorization=%q key-header=%q key-query=%q", r.Header.Get("Authorization"), r.Header.Get(apiKeyName), r.URL.Query().Get(apiKeyName))
}

func newCheckingServer(t *testing.T, check func(*http.Request)) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if check != nil {
			check(r)
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		if strings.HasPrefix(r.URL.Path, "/echo/") {
			w.Header().Set("Content-Type", "application/json")
			w.Write(body)
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func ptr[T any](v T) *T { return &v }

func bigInt(s string) *big.Int {
	n, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic("bad big.Int " + s)
	}
	return n
}

func bigDec(s string) *big.Float {
	f, ok := new(big.Float).SetString(s)
	if !ok {
		panic("bad big.Float " + s)
	}
	return f
}

// check fails the test unless got, the member as it came back, equals
// want, the member as it was sent.
func check(t *testing.T, call int, member string, want, got any) {
	t.Helper()
	if !same(reflect.ValueOf(want), reflect.ValueOf(got)) {
		t.Errorf("input %d, member %s: sent %s, received %s", call, member, show(reflect.ValueOf(want)), show(reflect.ValueOf(got)))
	}
}

// pointerText is what fmt prints for a pointer: a String method that
// shows one shows an address instead of a value.
var pointerText = regexp.MustCompile(` + "`0x[0-9a-f]{6,}`" + `)

// checkPrint fails the test if v has a String method (the generated ones
// redact @sensitive values) whose text shows a pointer.
func checkPrint(t *testing.T, call int, member string, v any) {
	t.Helper()
	s, ok := v.(fmt.Stringer)
	if !ok {
		return
	}
	switch v.(type) {
	case time.Time, *big.Int, *big.Float:
		return
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
		return
	}
	if text := s.String(); pointerText.MatchString(text) {
		t.Errorf("input %d, member %s: String() prints a pointer: %s", call, member, text)
	}
}

var (
	timeType     = reflect.TypeOf(time.Time{})
	bigIntType   = reflect.TypeOf((*big.Int)(nil))
	bigFloatType = reflect.TypeOf((*big.Float)(nil))
)

// isDocument reports a document type: a named []byte with a Decode method.
func isDocument(t reflect.Type) bool {
	_, ok := t.MethodByName("Decode")
	return ok && t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 && t.Name() != ""
}

// same compares values by what they mean on the wire: times as instants,
// big numbers by value, NaN equal to NaN, documents as JSON values. nil and
// empty slices and maps differ: a client must keep unset apart from empty.
func same(a, b reflect.Value) bool {
	if !a.IsValid() || !b.IsValid() {
		return a.IsValid() == b.IsValid()
	}
	if a.Type() != b.Type() {
		return false
	}
	switch t := a.Type(); {
	case t == timeType:
		return a.Interface().(time.Time).Equal(b.Interface().(time.Time))
	case t == bigIntType:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return a.Interface().(*big.Int).Cmp(b.Interface().(*big.Int)) == 0
	case t == bigFloatType:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		// The decoder keeps the decimal digits, at a precision of its own:
		// the same shortest decimal is the same value.
		return a.Interface().(*big.Float).Text('g', -1) == b.Interface().(*big.Float).Text('g', -1)
	case isDocument(t):
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		var x, y any
		if json.Unmarshal(a.Bytes(), &x) != nil || json.Unmarshal(b.Bytes(), &y) != nil {
			return bytes.Equal(a.Bytes(), b.Bytes())
		}
		return reflect.DeepEqual(x, y)
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return same(a.Elem(), b.Elem())
	case reflect.Struct:
		for i := range a.NumField() {
			if a.Type().Field(i).IsExported() && !same(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !same(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			bv := b.MapIndex(k)
			if !bv.IsValid() || !same(a.MapIndex(k), bv) {
				return false
			}
		}
		return true
	case reflect.Float32, reflect.Float64:
		x, y := a.Float(), b.Float()
		return x == y || math.IsNaN(x) && math.IsNaN(y)
	}
	return a.Interface() == b.Interface()
}

// show prints a value with pointers followed, for failure messages.
func show(v reflect.Value) string {
	if !v.IsValid() {
		return "<nil>"
	}
	switch t := v.Type(); {
	case t == timeType:
		return v.Interface().(time.Time).Format(time.RFC3339Nano)
	case t == bigIntType || t == bigFloatType:
		if v.IsNil() {
			return "nil"
		}
		return fmt.Sprint(v.Interface())
	case isDocument(t):
		if v.IsNil() {
			return "nil"
		}
		return "document(" + string(v.Bytes()) + ")"
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return "nil"
		}
		prefix := ""
		if v.Kind() == reflect.Pointer {
			prefix = "&"
		}
		return prefix + show(v.Elem())
	case reflect.Struct:
		var parts []string
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				parts = append(parts, v.Type().Field(i).Name+": "+show(v.Field(i)))
			}
		}
		return v.Type().String() + "{" + strings.Join(parts, ", ") + "}"
	case reflect.Slice:
		if v.IsNil() {
			return v.Type().String() + "(nil)"
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return fmt.Sprintf("%s(%q)", v.Type(), v.Bytes())
		}
		var parts []string
		for i := range v.Len() {
			parts = append(parts, show(v.Index(i)))
		}
		return v.Type().String() + "{" + strings.Join(parts, ", ") + "}"
	case reflect.Map:
		if v.IsNil() {
			return v.Type().String() + "(nil)"
		}
		var parts []string
		for _, k := range v.MapKeys() {
			parts = append(parts, fmt.Sprintf("%q: %s", k.Interface(), show(v.MapIndex(k))))
		}
		slices.Sort(parts)
		return v.Type().String() + "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprintf("%#v", v.Interface())
}
`
