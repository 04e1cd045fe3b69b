package modelgen

// helpers is roundtrip_helpers_test.go, the same for every model: the echo
// server and the comparison of sent and received values. "package PKG" is
// replaced by the test package's name.
const helpers = `// Helpers of the modelgen round-trip tests.

package PKG

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"io"
	"math"
	"math/big"
	"math/rand/v2"
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

// reply is what a scripted server answers. A JSON body is written again
// by reencode as the bodyShape Shape (0 for a structure of which nothing
// is known, -1 for another value).
type reply struct {
	Status int
	Header map[string][]string
	Body   string
	Shape  int
}

// newScripted starts a server that records every request and answers the
// n-th with replies[n] (the last one once they run out), a JSON body
// written again by reencode (in CBOR with rpcv2Cbor; awsJson and
// rpcv2Json send it as it is). reqs returns the requests so far.
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
		body = []byte(rep.Body)
		if protocol != "restJson1" {
			// Replies are written in JSON; an RPC protocol's reply has its
			// own headers, and rpcv2Cbor's body is the same data in CBOR.
			protocolHeaders(w.Header())
			if protocol == "rpcv2Cbor" && len(body) > 0 {
				body = reencode(t, jsonToCBOR(t, rep.Body), rep.Shape)
			}
		} else if len(body) > 0 && strings.HasPrefix(http.Header(rep.Header).Get("Content-Type"), "application/json") {
			// A restJson1 reply's JSON body (an error's, a waiter's) is
			// written again as another server could: an output or error
			// structure, which may have an unknown member.
			body = reencode(t, body, rep.Shape)
		}
		w.WriteHeader(rep.Status)
		w.Write(body)
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

// newServer starts a server that answers the echo operations with their
// own body (a JSON body written again by reencode), and every other
// request with 200 and no body.
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
		if protocol == "restJson1" {
			if op, ok := echoPaths[r.URL.Path]; ok {
				// A JSON body is written again as another server could;
				// any other payload goes back as it came.
				ct := r.Header.Get("Content-Type")
				if ct == "" || strings.HasPrefix(ct, "application/json") {
					w.Header().Set("Content-Type", "application/json")
					body = reencode(t, body, echoShape(op))
				} else {
					w.Header().Set("Content-Type", ct)
				}
				w.Write(body)
				return
			}
			w.WriteHeader(http.StatusOK)
			return
		}
		op := checkRPCRequest(t, r, body)
		protocolHeaders(w.Header())
		if stream, ok := serverEvents[op]; ok {
			// Events of the server's own, in pieces of random sizes.
			w.Header().Set("Content-Type", "application/vnd.amazon.eventstream")
			r := rand.New(rand.NewPCG(uint64(len(stream)), 9))
			for stream != "" {
				n := min(len(stream), 1+r.IntN(64))
				io.WriteString(w, stream[:n])
				w.(http.Flusher).Flush()
				stream = stream[n:]
			}
			return
		}
		if eventOps[op] {
			w.Header().Set("Content-Type", "application/vnd.amazon.eventstream")
			w.Write(echoEvents(t, body))
			return
		}
		if echoOps[op] {
			w.Write(reencode(t, body, echoShape(op)))
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// protocol is the service's protocol.
const protocol = "PROTOCOL"

// checkRPCRequest checks the framing of an RPC protocol's request and
// returns the operation it calls.
func checkRPCRequest(t *testing.T, r *http.Request, body []byte) string {
	t.Helper()
	var op string
	if r.Method != http.MethodPost {
		t.Errorf("%s %s: want POST", r.Method, r.URL.Path)
	}
	switch protocol {
	case "awsJson1_0", "awsJson1_1":
		var ok bool
		if _, op, ok = strings.Cut(r.Header.Get("X-Amz-Target"), "."); !ok || r.URL.Path != "/" {
			t.Errorf("%s with X-Amz-Target %q: want / and Service.Operation", r.URL.Path, r.Header.Get("X-Amz-Target"))
		}
	default:
		// The last "/operation/": the service may be called operation.
		i := strings.LastIndex(r.URL.Path, "/operation/")
		if i < 0 || !strings.HasPrefix(r.URL.Path, "/service/") {
			t.Errorf("path %s: want /service/{Service}/operation/{Operation}", r.URL.Path)
		} else {
			op = r.URL.Path[i+len("/operation/"):]
		}
		if got, want := r.Header.Get("Smithy-Protocol"), strings.Replace(protocol, "rpcv2", "rpc-v2-", 1); got != strings.ToLower(want) {
			t.Errorf("%s: Smithy-Protocol %q, want %q", op, got, strings.ToLower(want))
		}
		if r.Header.Get("X-Amz-Target") != "" {
			t.Errorf("%s: X-Amz-Target sent with %s", op, protocol)
		}
		if noInputOps[op] && (len(body) > 0 || r.Header.Get("Content-Type") != "") {
			t.Errorf("%s has no input: sent %d bytes with Content-Type %q, want neither", op, len(body), r.Header.Get("Content-Type"))
		}
	}
	if got := r.Header.Get("X-Amzn-Query-Mode"); queryCompatible != (got == "true") {
		t.Errorf("%s: x-amzn-query-mode %q from a client of a service that is awsQueryCompatible: %v", op, got, queryCompatible)
	}
	want := http.Header{}
	protocolHeaders(want)
	if eventOps[op] {
		want.Set("Content-Type", "application/vnd.amazon.eventstream")
	}
	if ct := r.Header.Get("Content-Type"); len(body) > 0 && ct != want.Get("Content-Type") {
		t.Errorf("%s: Content-Type %q, want %q", op, ct, want.Get("Content-Type"))
	}
	return op
}

// protocolHeaders sets the headers a response of the protocol carries.
func protocolHeaders(h http.Header) {
	switch protocol {
	case "awsJson1_0":
		h.Set("Content-Type", "application/x-amz-json-1.0")
	case "awsJson1_1":
		h.Set("Content-Type", "application/x-amz-json-1.1")
	case "rpcv2Json":
		h.Set("Content-Type", "application/json")
		h.Set("Smithy-Protocol", "rpc-v2-json")
	case "rpcv2Cbor":
		h.Set("Content-Type", "application/cbor")
		h.Set("Smithy-Protocol", "rpc-v2-cbor")
	default:
		h.Set("Content-Type", "application/json")
	}
}

// jsonToCBOR writes JSON text as CBOR (RFC 8949), written here so that the
// client's decoder is not checked against its own encoder: integers as
// major types 0 and 1, other numbers as float64, definite lengths.
func jsonToCBOR(t *testing.T, text string) []byte {
	d := json.NewDecoder(strings.NewReader(text))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Errorf("reply %q: %v", text, err)
		return nil
	}
	return appendCBOR(nil, v)
}

func cborHead(b []byte, major byte, n uint64) []byte {
	switch {
	case n < 24:
		return append(b, major<<5|byte(n))
	case n <= 0xff:
		return append(b, major<<5|24, byte(n))
	case n <= 0xffff:
		return binary.BigEndian.AppendUint16(append(b, major<<5|25), uint16(n))
	case n <= 0xffffffff:
		return binary.BigEndian.AppendUint32(append(b, major<<5|26), uint32(n))
	}
	return binary.BigEndian.AppendUint64(append(b, major<<5|27), n)
}

func appendCBOR(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, 0xf6)
	case bool:
		if v {
			return append(b, 0xf5)
		}
		return append(b, 0xf4)
	case string:
		return append(cborHead(b, 3, uint64(len(v))), v...)
	case json.Number:
		if n, err := v.Int64(); err == nil {
			if n >= 0 {
				return cborHead(b, 0, uint64(n))
			}
			return cborHead(b, 1, uint64(-1-n))
		}
		f, _ := v.Float64()
		return binary.BigEndian.AppendUint64(append(b, 0xfb), math.Float64bits(f))
	case []any:
		b = cborHead(b, 4, uint64(len(v)))
		for _, e := range v {
			b = appendCBOR(b, e)
		}
		return b
	case map[string]any:
		b = cborHead(b, 5, uint64(len(v)))
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			b = appendCBOR(append(cborHead(b, 3, uint64(len(k))), k...), v[k])
		}
		return b
	}
	panic(fmt.Sprintf("jsonToCBOR: %T", v))
}

// The server's helpers report what is wrong with t.Errorf, never Fatalf:
// they run in the server's goroutines, not the test's.

// echoEvents answers an input event stream with its own messages, the
// initial-request event as the initial-response: the framing (prelude,
// typed headers, CRC-32s) is read and written here, not by the client.
func echoEvents(t *testing.T, body []byte) []byte {
	var out []byte
	for len(body) > 0 {
		if len(body) < 16 {
			t.Errorf("a message of %d bytes", len(body))
			return nil
		}
		total, hlen := binary.BigEndian.Uint32(body), binary.BigEndian.Uint32(body[4:])
		if total < 16+hlen || uint32(len(body)) < total {
			t.Errorf("a message of %d bytes with %d of headers, %d left", total, hlen, len(body))
			return nil
		}
		msg := body[:total]
		body = body[total:]
		if crc32.ChecksumIEEE(msg[:8]) != binary.BigEndian.Uint32(msg[8:]) || crc32.ChecksumIEEE(msg[:total-4]) != binary.BigEndian.Uint32(msg[total-4:]) {
			t.Errorf("a message with a wrong CRC: %x", msg)
			return nil
		}
		headers, payload := msg[12:12+hlen], msg[12+hlen:total-4]
		var hs []byte
		for len(headers) > 0 {
			n := int(headers[0])
			name, typ := string(headers[1:1+n]), headers[1+n]
			rest := headers[2+n:]
			size := map[byte]int{0: 0, 1: 0, 2: 1, 3: 2, 4: 4, 5: 8, 8: 8, 9: 16}[typ]
			if typ == 6 || typ == 7 {
				size = 2 + int(binary.BigEndian.Uint16(rest))
			}
			value := rest[:size]
			if name == ":event-type" && string(value[2:]) == "initial-request" {
				value = binary.BigEndian.AppendUint16(nil, uint16(len("initial-response")))
				value = append(value, "initial-response"...)
			}
			hs = append(append(append(hs, byte(n)), name...), typ)
			hs = append(hs, value...)
			headers = rest[size:]
		}
		m := binary.BigEndian.AppendUint32(nil, uint32(16+len(hs)+len(payload)))
		m = binary.BigEndian.AppendUint32(m, uint32(len(hs)))
		m = binary.BigEndian.AppendUint32(m, crc32.ChecksumIEEE(m))
		m = append(append(m, hs...), payload...)
		out = append(out, binary.BigEndian.AppendUint32(m, crc32.ChecksumIEEE(m))...)
	}
	return out
}

// unknownMember is a member no modeled structure has, which the echo
// server adds to every reply: a client must skip it.
const unknownMember = "__modelgen_unknown"

// nullKey is the key of the null entry reencode adds to a dense map: a
// client must skip it.
const nullKey = "modelgen-null"

// bodyShape describes a shape of a reply's body, for reencode: its kind
// ("structure", "union", "list" or "map"); for a structure or union, the
// keys of the members it may give as null when absent (nullable: a union
// has one member that is not null) and, for
// structures and unions, the bodyShapes of the aggregate members by key;
// for a list or map, its element's (elem, -1 for a simple one), and for a
// dense map whether a null entry may be added, which a client skips.
type bodyShape struct {
	kind      string
	nullable  []string
	members   map[string]int
	elem      int
	nullEntry bool
}

// echoShape is the bodyShape of an echo operation's reply, -1 when its
// body is no structure.
func echoShape(op string) int {
	if i, ok := echoShapes[op]; ok {
		return i
	}
	return -1
}

// reencode writes an echoed body again in another encoding of the same
// data, as another server could write it, so that the client's decoder is
// not only fed what its own encoder writes: JSON with spaces, members in
// another order, \u escapes and "\/", numbers with a fraction or an
// exponent written with other digits and exponent (see otherNumber); CBOR
// with indefinite lengths (strings in chunks), integers and lengths in
// wider heads than needed, and floats in the narrowest width that holds
// them exactly (half precision included). shape is the body's bodyShape
// (-1: not a structure, a restJson1 union or document payload, which is
// only reordered and spaced, the same JSON value). Both get an unknown
// member at the top, and sometimes in nested structures, and null (in
// CBOR, null or undefined) for some of the members a structure leaves out
// at any depth: null is what a server may write for a member it has no
// value of; a dense map sometimes gets a null entry, which a client skips.
func reencode(t *testing.T, body []byte, shape int) []byte {
	if len(body) == 0 {
		return body
	}
	h := fnv.New64a()
	h.Write(body)
	r := rand.New(rand.NewPCG(h.Sum64(), 7))
	if protocol == "rpcv2Cbor" {
		item, rest, err := parseCBOR(body)
		if err != nil || len(rest) > 0 {
			t.Errorf("the client sent CBOR that does not parse (%v, %d bytes left): %x", err, len(rest), body)
			return body
		}
		addCBORNulls(&item, shape, true, r)
		return writeCBOR(nil, item, r)
	}
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var out bytes.Buffer
	if err := rewriteJSON(&out, d, r, shape, true); err != nil {
		t.Errorf("the client sent JSON that does not parse (%v): %s", err, body)
		return body
	}
	return out.Bytes()
}

// extras are the members or entries reencode adds to an object of the
// bodyShape shape (top: the body itself) that has the keys have: an
// unknown member (always at the top), nulls for absent nullable members,
// and a dense map's null entry. null is the value of a null.
func extras[V any](shape int, top bool, have map[string]bool, r *rand.Rand, unknown V, null func() V) (keys []string, values []V) {
	if shape < 0 {
		return nil, nil
	}
	s := bodyShapes[shape]
	switch s.kind {
	case "structure":
		if top || r.IntN(3) == 0 {
			keys, values = append(keys, unknownMember), append(values, unknown)
		}
		for _, m := range s.nullable {
			if !have[m] && r.IntN(2) == 0 {
				keys, values = append(keys, m), append(values, null())
			}
		}
	case "union":
		// Only one member of a union may be non-null: the others may be
		// there as null.
		for _, m := range s.nullable {
			if !have[m] && r.IntN(3) == 0 {
				keys, values = append(keys, m), append(values, null())
			}
		}
	case "map":
		if s.nullEntry && !have[nullKey] && r.IntN(2) == 0 {
			keys, values = append(keys, nullKey), append(values, null())
		}
	}
	return keys, values
}

// memberShape is the bodyShape of the value at key in an object of the
// bodyShape shape.
func memberShape(shape int, key string) int {
	if shape < 0 {
		return -1
	}
	s := bodyShapes[shape]
	if s.kind == "map" || s.kind == "list" {
		return s.elem
	}
	if i, ok := s.members[key]; ok {
		return i
	}
	return -1
}

// addCBORNulls adds to a CBOR item of the bodyShape shape, and to those
// nested in it, what extras says.
func addCBORNulls(it *cborItem, shape int, top bool, r *rand.Rand) {
	switch it.major {
	case 4:
		for i := range it.items {
			addCBORNulls(&it.items[i], memberShape(shape, ""), false, r)
		}
	case 5:
		have := map[string]bool{}
		for i := 0; i+1 < len(it.items); i += 2 {
			key := string(it.items[i].bytes)
			have[key] = true
			addCBORNulls(&it.items[i+1], memberShape(shape, key), false, r)
		}
		unknown := cborItem{major: 5, items: []cborItem{
			{major: 3, bytes: []byte("a")}, {major: 4, items: []cborItem{{major: 0, n: 1}, {major: 7, info: 22, n: 22}, {major: 2, bytes: []byte{0, 1}}}},
			{major: 3, bytes: []byte("b")}, {major: 6, n: 1, items: []cborItem{{major: 0, n: 5}}},
		}}
		// null or undefined, which a client reads as null.
		null := func() cborItem { n := 22 + uint64(r.IntN(2)); return cborItem{major: 7, info: byte(n), n: n} }
		keys, values := extras(shape, top, have, r, unknown, null)
		for i, k := range keys {
			it.items = append(it.items, cborItem{major: 3, bytes: []byte(k)}, values[i])
		}
	}
}

// rewriteJSON copies one JSON value from d to out, reordered and spaced;
// objects of a known bodyShape shape (top: the body) get what extras says.
func rewriteJSON(out *bytes.Buffer, d *json.Decoder, r *rand.Rand, shape int, top bool) error {
	space := func() {
		out.WriteString([]string{"", " ", "\n  ", "\t"}[r.IntN(4)])
	}
	tok, err := d.Token()
	if err != nil {
		return err
	}
	switch v := tok.(type) {
	case json.Delim:
		var parts []string
		have := map[string]bool{}
		for d.More() {
			var part bytes.Buffer
			key := ""
			if v == '{' {
				k, err := d.Token()
				if err != nil {
					return err
				}
				key = k.(string)
				have[key] = true
				writeJSONString(&part, key, r)
				part.WriteString(":")
			}
			if err := rewriteJSON(&part, d, r, memberShape(shape, key), false); err != nil {
				return err
			}
			parts = append(parts, part.String())
		}
		if _, err := d.Token(); err != nil {
			return err
		}
		if v == '{' {
			keys, values := extras(shape, top, have, r, "{\"a\":[1,2.5,null,\"x\",{}],\"b\":{\"c\":true}}", func() string { return "null" })
			for i, k := range keys {
				var part bytes.Buffer
				writeJSONString(&part, k, r)
				parts = append(parts, part.String()+":"+values[i])
			}
			r.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
			out.WriteString("{")
		} else {
			out.WriteString("[")
		}
		for i, p := range parts {
			if i > 0 {
				out.WriteString(",")
			}
			space()
			out.WriteString(p)
			space()
		}
		if v == '{' {
			out.WriteString("}")
		} else {
			out.WriteString("]")
		}
	case string:
		writeJSONString(out, v, r)
	case json.Number:
		out.WriteString(otherNumber(v.String(), r))
	case bool:
		out.WriteString(strconv.FormatBool(v))
	case nil:
		out.WriteString("null")
	}
	return nil
}

// otherNumber is, some of the time, another JSON text of the number s
// when it has a fraction or an exponent (a float's, never an integer's):
// 2.5 as 25e-1, 0.25E+1 or 2.500. Only the decimal digits move, so the
// value is exactly the same.
func otherNumber(s string, r *rand.Rand) string {
	if !strings.ContainsAny(s, ".eE") || r.IntN(2) == 0 {
		return s
	}
	sign, rest := "", s
	if strings.HasPrefix(rest, "-") {
		sign, rest = "-", rest[1:]
	}
	mant, expText, _ := strings.Cut(strings.ToLower(rest), "e")
	exp := 0
	if expText != "" {
		var err error
		if exp, err = strconv.Atoi(expText); err != nil {
			return s
		}
	}
	whole, frac, _ := strings.Cut(mant, ".")
	digits := strings.TrimLeft(whole+frac, "0")
	exp -= len(frac)
	if digits == "" {
		return s // a zero: its sign stays as it was written
	}
	switch r.IntN(3) {
	case 0:
		return sign + digits + "e" + strconv.Itoa(exp)
	case 1:
		return fmt.Sprintf("%s0.%sE%+d", sign, digits, exp+len(digits))
	}
	if strings.Contains(mant, ".") {
		return sign + mant + "00" + strings.TrimPrefix(rest, mant)
	}
	return sign + mant + ".0" + strings.TrimPrefix(rest, mant)
}

// shortEscapes are JSON's two-character escapes.
var shortEscapes = map[rune]string{'"': "\\\"", '\\': "\\\\", '\b': "\\b", '\f': "\\f", '\n': "\\n", '\r': "\\r", '\t': "\\t"}

// writeJSONString writes s as a JSON string, escaping some characters
// that need no escape, and those that do as \uXXXX or in their short
// form (\n, \", ...), at random.
func writeJSONString(out *bytes.Buffer, s string, r *rand.Rand) {
	out.WriteByte('"')
	for _, c := range s {
		switch {
		case shortEscapes[c] != "" && r.IntN(2) == 0:
			out.WriteString(shortEscapes[c])
		case c < 0x20 || c == '"' || c == '\\' || c >= 0x80 && r.IntN(2) == 0 || c == 'e' && r.IntN(4) == 0:
			if c > 0xffff {
				c -= 0x10000
				fmt.Fprintf(out, "\\u%04x\\u%04X", 0xd800+(c>>10), 0xdc00+(c&0x3ff))
			} else {
				fmt.Fprintf(out, "\\u%04x", c)
			}
		case c == '/' && r.IntN(2) == 0:
			out.WriteString("\\/")
		default:
			out.WriteRune(c)
		}
	}
	out.WriteByte('"')
}

// cborItem is one CBOR data item: major type, argument (an integer's
// value, a tag's number, a float's bits), the bytes of a string, the
// items of an array, a map (keys and values in turn) or a tag.
type cborItem struct {
	major byte
	info  byte // major 7: 20 to 23 simple values, 25 to 27 float widths
	n     uint64
	bytes []byte
	items []cborItem
}

// parseCBOR reads one item, definite or indefinite.
func parseCBOR(b []byte) (cborItem, []byte, error) {
	if len(b) == 0 {
		return cborItem{}, nil, io.ErrUnexpectedEOF
	}
	it := cborItem{major: b[0] >> 5, info: b[0] & 31}
	b = b[1:]
	indefinite := false
	switch {
	case it.info < 24:
		it.n = uint64(it.info)
	case it.info <= 27:
		w := 1 << (it.info - 24)
		if len(b) < w {
			return it, nil, io.ErrUnexpectedEOF
		}
		for _, c := range b[:w] {
			it.n = it.n<<8 | uint64(c)
		}
		b = b[w:]
	case it.info == 31 && it.major >= 2 && it.major <= 5:
		indefinite = true
	default:
		return it, nil, fmt.Errorf("additional info %d of major %d", it.info, it.major)
	}
	switch it.major {
	case 2, 3:
		if indefinite {
			for len(b) > 0 && b[0] != 0xff {
				var chunk cborItem
				var err error
				if chunk, b, err = parseCBOR(b); err != nil {
					return it, nil, err
				}
				it.bytes = append(it.bytes, chunk.bytes...)
			}
			if len(b) == 0 {
				return it, nil, io.ErrUnexpectedEOF
			}
			return it, b[1:], nil
		}
		if uint64(len(b)) < it.n {
			return it, nil, io.ErrUnexpectedEOF
		}
		it.bytes, b = b[:it.n], b[it.n:]
	case 4, 5, 6:
		count := it.n
		if it.major == 5 {
			count *= 2
		}
		if it.major == 6 {
			count = 1
		}
		for i := uint64(0); indefinite || i < count; i++ {
			if indefinite && len(b) > 0 && b[0] == 0xff {
				b = b[1:]
				break
			}
			var e cborItem
			var err error
			if e, b, err = parseCBOR(b); err != nil {
				return it, nil, err
			}
			it.items = append(it.items, e)
		}
	}
	return it, b, nil
}

// cborWide writes a head with an argument n in a width chosen at random
// among those that hold it.
func cborWide(b []byte, major byte, n uint64, r *rand.Rand) []byte {
	if r.IntN(3) != 0 {
		return cborHead(b, major, n)
	}
	switch {
	case n <= 0xff && r.IntN(2) == 0:
		return append(b, major<<5|24, byte(n))
	case n <= 0xffff && r.IntN(2) == 0:
		return binary.BigEndian.AppendUint16(append(b, major<<5|25), uint16(n))
	case n <= 0xffffffff && r.IntN(2) == 0:
		return binary.BigEndian.AppendUint32(append(b, major<<5|26), uint32(n))
	}
	return binary.BigEndian.AppendUint64(append(b, major<<5|27), n)
}

// writeCBOR writes an item in one of its valid encodings.
func writeCBOR(b []byte, it cborItem, r *rand.Rand) []byte {
	switch it.major {
	case 0, 1:
		return cborWide(b, it.major, it.n, r)
	case 2, 3:
		if len(it.bytes) > 1 && r.IntN(3) == 0 {
			// Chunks of a text string must each be UTF-8: cut between
			// characters.
			b = append(b, it.major<<5|31)
			rest := it.bytes
			for len(rest) > 0 {
				cut := 1 + r.IntN(len(rest))
				for it.major == 3 && cut < len(rest) && rest[cut]&0xc0 == 0x80 {
					cut++
				}
				b = append(cborWide(b, it.major, uint64(cut), r), rest[:cut]...)
				rest = rest[cut:]
			}
			if r.IntN(2) == 0 {
				b = cborHead(b, it.major, 0) // an empty chunk
			}
			return append(b, 0xff)
		}
		return append(cborWide(b, it.major, uint64(len(it.bytes)), r), it.bytes...)
	case 4, 5:
		indefinite := r.IntN(3) == 0
		if indefinite {
			b = append(b, it.major<<5|31)
		} else {
			n := uint64(len(it.items))
			if it.major == 5 {
				n /= 2
			}
			b = cborWide(b, it.major, n, r)
		}
		for _, e := range it.items {
			b = writeCBOR(b, e, r)
		}
		if indefinite {
			b = append(b, 0xff)
		}
		return b
	case 6:
		b = cborWide(b, 6, it.n, r)
		if e := it.items[0]; it.n == 1 && r.IntN(2) == 0 {
			// An epoch-seconds timestamp is an integer or a float: write
			// a whole number as the other.
			switch {
			case e.major == 0 || e.major == 1:
				f := float64(e.n)
				if e.major == 1 {
					f = -1 - f
				}
				return binary.BigEndian.AppendUint64(append(b, 0xfb), math.Float64bits(f))
			case e.major == 7 && e.info == 27:
				if f := math.Float64frombits(e.n); f == math.Trunc(f) && math.Abs(f) < 1<<53 {
					if f >= 0 {
						return cborWide(b, 0, uint64(f), r)
					}
					return cborWide(b, 1, uint64(-1-f), r)
				}
			}
		}
		return writeCBOR(b, it.items[0], r)
	}
	// Major 7: simple values as they are; floats as narrow as is exact.
	var f float64
	switch it.info {
	case 25:
		f = halfToFloat(uint16(it.n))
	case 26:
		f = float64(math.Float32frombits(uint32(it.n)))
	case 27:
		f = math.Float64frombits(it.n)
	default:
		return cborHead(b, 7, it.n)
	}
	if h, ok := floatToHalf(f); ok && r.IntN(2) == 0 {
		return binary.BigEndian.AppendUint16(append(b, 0xf9), h)
	}
	if f32 := float32(f); (float64(f32) == f || math.IsNaN(f)) && r.IntN(2) == 0 {
		return binary.BigEndian.AppendUint32(append(b, 0xfa), math.Float32bits(f32))
	}
	return binary.BigEndian.AppendUint64(append(b, 0xfb), math.Float64bits(f))
}

// halfToFloat is the value of an IEEE 754 half-precision float.
func halfToFloat(h uint16) float64 {
	sign := 1.0
	if h&0x8000 != 0 {
		sign = -1
	}
	exp, mant := int(h>>10&31), float64(h&0x3ff)
	switch exp {
	case 0:
		return sign * math.Ldexp(mant, -24)
	case 31:
		if mant != 0 {
			return math.NaN()
		}
		return math.Inf(int(sign))
	}
	return sign * math.Ldexp(1024+mant, exp-25)
}

// floatToHalf is the half-precision float of f, when one holds it exactly.
func floatToHalf(f float64) (uint16, bool) {
	if math.IsNaN(f) {
		return 0x7e00, true
	}
	var sign uint16
	if math.Signbit(f) {
		sign = 0x8000
	}
	for h := uint16(0); h < 0x7c01; h++ {
		if halfToFloat(h) == math.Abs(f) {
			return sign | h, true
		}
	}
	return 0, false
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
