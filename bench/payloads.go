package bench

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Payload shapes for the decoding benchmarks. Each body is generated from a
// model (Outposts, ../model/outposts.json, or one in ../shared such as
// DynamoDB's) with a fixed seed: the generator walks an operation's output
// structure and writes every member the model gives it, choosing values that
// the member's traits allow (enum values, @range, @length, a union's members)
// in the style of a Profile. The top-level list (the page) is filled until
// the body reaches the profile's size, or to the profile's number of items.
// Nothing is tuned by hand; the same seed gives the same bytes on every
// machine.

// Profile says what kind of values a payload is made of.
type Profile struct {
	Seed      uint64
	Operation string // the operation whose output is generated, e.g. "ListAssets"
	Size      int    // the page is filled until the body has at least this many bytes
	ListLen   [2]int // length range of nested lists (inclusive)
	MapLen    [2]int // size range of maps (inclusive)
	// RichStrings asks for strings with escapes, non-ASCII text and, where
	// @length allows, long values; otherwise strings are short ASCII words.
	RichStrings bool
	// MaxString, if not 0, is the most characters a rich string has where
	// its @length allows more (a fuzz test's seeds are kept small).
	MaxString int
	// Text, if not empty, is what rich strings are made of instead of
	// richPieces.
	Text []string
	// WideNumbers asks for integers with many digits and floats with full
	// float32 precision; otherwise numbers are small.
	WideNumbers bool
	// Items, if not 0, is the length of the page instead of Size.
	Items int
	// MaxUnionDepth is how many unions deep a value may nest: below it, a
	// union takes only members from which the union cannot be reached again
	// (DynamoDB's AttributeValue: S, N, B, SS, NS, BS, NULL, BOOL, not M or L).
	MaxUnionDepth int
	// Omit is the chance that an optional member of a nested structure is
	// left out, as services leave out members that have no value.
	Omit float64
	// Absent is the chance that an optional member of a nested structure
	// is left out of every object of that structure, as services leave out
	// members they never set, where Omit leaves each out at random: a
	// decoder sees the same members, in the same order, every time.
	Absent float64
	// Unmodeled is the chance that a nested structure holds each of the
	// members of unmodeledMembers, which no Outposts shape has, at a place
	// of its own among the others: a service that has added members since
	// the client's model was taken writes them, and a client skips them.
	Unmodeled float64
	// Shuffled asks for each nested structure's members in an order of its
	// own instead of the same order every time.
	Shuffled bool
	// Nulls is the chance that an optional member of a nested structure is
	// written with the value null, as some services write members without
	// a value, instead of its value.
	Nulls float64
	// Numeric lists string shapes whose values are decimal numbers in text
	// (DynamoDB's NumberAttributeValue): the model gives them no trait to say so.
	Numeric []string
	// Indent asks for the body indented (json.Indent, two spaces), as some
	// services and most hand-written fixtures write JSON, instead of compact;
	// Size counts the compact body.
	Indent bool
	// Spaced asks for ", " and ": " between tokens, as Python's json.dumps
	// writes by default, instead of compact; Size counts the compact body.
	Spaced bool
	// JSONName writes a member by its @jsonName where it has one, as
	// restJson1 does (awsJson protocols ignore the trait).
	JSONName bool
}

// Shapes are the payload shapes of BenchmarkDecode. Outposts has no unions
// and no maps of structures: "deep" uses its deepest nesting (GetOrder:
// Order, LineItems, AssetInformationList, MacAddressList) and "page1MB" its
// maps (ListOutposts: a tag map per Outpost).
var Shapes = []Profile{
	{Seed: 1, Operation: "ListAssets", Size: 256 << 10, ListLen: [2]int{4, 16}, MapLen: [2]int{1, 4}, WideNumbers: true},
	{Seed: 2, Operation: "ListCapacityTasks", Size: 256 << 10, ListLen: [2]int{1, 4}, MapLen: [2]int{1, 4}, WideNumbers: true},
	{Seed: 3, Operation: "ListSites", Size: 256 << 10, ListLen: [2]int{1, 4}, MapLen: [2]int{2, 8}, RichStrings: true},
	{Seed: 4, Operation: "GetOrder", Size: 256 << 10, ListLen: [2]int{2, 8}, MapLen: [2]int{1, 4}},
	{Seed: 5, Operation: "ListOutposts", Size: 1 << 20, ListLen: [2]int{1, 4}, MapLen: [2]int{1, 8}, RichStrings: true},
}

// ShapeNames are the benchmark names of Shapes, in order.
var ShapeNames = []string{"numbers", "timestamps", "strings", "deep", "page1MB"}

// modelShape is the part of a Smithy JSON AST shape the generator reads.
type modelShape struct {
	Type    string                 `json:"type"`
	Members map[string]modelMember `json:"members"`
	Member  *modelMember           `json:"member"`
	Key     *modelMember           `json:"key"`
	Value   *modelMember           `json:"value"`
	Input   *modelMember           `json:"input"`
	Output  *modelMember           `json:"output"`
	Errors  []modelMember          `json:"errors"` // an operation's or a service's
	Traits  map[string]any         `json:"traits"`
}

type modelMember struct {
	Target string         `json:"target"`
	Traits map[string]any `json:"traits"`
}

const outpostsNS = "com.amazonaws.outposts#"

// LoadModel reads the Outposts model from the repository.
func LoadModel() (map[string]modelShape, error) {
	raw, err := os.ReadFile(filepath.Join("..", "model", "outposts.json"))
	if err != nil {
		return nil, err
	}
	var m struct {
		Shapes map[string]modelShape `json:"shapes"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("model/outposts.json: %w", err)
	}
	return m.Shapes, nil
}

// LoadModelDir reads every Smithy JSON AST file under dir (a model of
// ../shared/models, one file per service version) into one shape map.
func LoadModelDir(dir string) (map[string]modelShape, error) {
	shapes := map[string]modelShape{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".json" {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var m struct {
			Shapes map[string]modelShape `json:"shapes"`
		}
		if err := json.Unmarshal(raw, &m); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		maps.Copy(shapes, m.Shapes)
		return nil
	})
	return shapes, err
}

// Payload generates the response body of p.Operation: an Outposts operation
// name, or the absolute shape ID of another model's operation.
func Payload(model map[string]modelShape, p Profile) (string, error) {
	id := p.Operation
	if !strings.Contains(id, "#") {
		id = outpostsNS + id
	}
	op, ok := model[id]
	if !ok || op.Output == nil {
		return "", fmt.Errorf("bench: no operation %s with an output in the model", p.Operation)
	}
	g := &payloadGen{model: model, p: p, r: rand.New(rand.NewPCG(p.Seed, 0x5eed))}
	g.structure(op.Output.Target, 0, true)
	if g.err == nil && p.Indent {
		var out bytes.Buffer
		if err := json.Indent(&out, g.b, "", "  "); err != nil {
			return "", fmt.Errorf("bench: indenting the %s payload: %w", p.Operation, err)
		}
		return out.String(), nil
	}
	if g.err == nil && p.Spaced {
		return spaced(g.b), nil
	}
	return string(g.b), g.err
}

// spaced returns the compact JSON text with a space after every ',' and
// ':' outside strings.
func spaced(compact []byte) string {
	out := make([]byte, 0, len(compact)+len(compact)/8)
	inString, escaped := false, false
	for _, c := range compact {
		out = append(out, c)
		switch {
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case !inString && (c == ',' || c == ':'):
			out = append(out, ' ')
		}
	}
	return string(out)
}

type payloadGen struct {
	model map[string]modelShape
	p     Profile
	r     *rand.Rand
	b     []byte
	err   error
	// unions is how many unions the value being written is nested in.
	unions int
	// open holds the structures being written, and recursing counts those
	// being written within themselves.
	open      map[string]bool
	recursing int
	// absent holds, by structure and member name, whether Absent leaves
	// the member out, drawn the first time the member comes up.
	absent map[[2]string]bool
}

// isAbsent reports whether Absent leaves member name of structure id out of
// every object.
func (g *payloadGen) isAbsent(id, name string) bool {
	if g.p.Absent == 0 {
		return false
	}
	k := [2]string{id, name}
	a, ok := g.absent[k]
	if !ok {
		if g.absent == nil {
			g.absent = map[[2]string]bool{}
		}
		a = g.r.Float64() < g.p.Absent
		g.absent[k] = a
	}
	return a
}

func (g *payloadGen) between(r [2]int) int { return r[0] + g.r.IntN(r[1]-r[0]+1) }

// enumValues returns an enum's values in a fixed order, or nil for a shape
// that is not an enum.
func enumValues(s modelShape) []string {
	if s.Type != "enum" {
		return nil
	}
	vals := make([]string, 0, len(s.Members))
	for _, n := range members(s) {
		v, _ := s.Members[n].Traits["smithy.api#enumValue"].(string)
		vals = append(vals, v)
	}
	return vals
}

// members returns a structure's member names in a fixed order.
func members(s modelShape) []string {
	names := make([]string, 0, len(s.Members))
	for n := range s.Members {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// structure writes a structure; at the top level, its one list member is the
// page, filled up to the profile's size.
func (g *payloadGen) structure(id string, depth int, top bool) {
	s := g.model[id]
	if g.open == nil {
		g.open = map[string]bool{}
	}
	if g.open[id] {
		// A structure within itself (EMR Serverless's Configuration holds
		// a list of Configurations): written with only its required
		// members, and those with empty lists and maps, so that it ends.
		g.recursing++
		defer func() { g.recursing-- }()
	} else {
		g.open[id] = true
		defer delete(g.open, id)
	}
	g.b = append(g.b, '{')
	first := true
	names := members(s)
	if !top && g.p.Unmodeled > 0 {
		for _, u := range unmodeledMembers {
			if g.r.Float64() < g.p.Unmodeled {
				at := g.r.IntN(len(names) + 1)
				names = slices.Insert(names, at, u.name)
			}
		}
	}
	if !top && g.p.Shuffled {
		g.r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	}
	for _, name := range names {
		if _, modeled := s.Members[name]; !modeled {
			// One of unmodeledMembers.
			u, _ := unmodeled(name)
			if !first {
				g.b = append(g.b, ',')
			}
			first = false
			g.b = strconv.AppendQuote(g.b, name)
			g.b = append(g.b, ':')
			g.b = append(g.b, u.value...)
			continue
		}
		if _, required := s.Members[name].Traits["smithy.api#required"]; !top && !required && (g.recursing > 0 || g.p.Omit > 0 && g.r.Float64() < g.p.Omit || g.isAbsent(id, name)) {
			continue
		}
		if !first {
			g.b = append(g.b, ',')
		}
		first = false
		m := s.Members[name]
		g.b = strconv.AppendQuote(g.b, g.wireName(name, m))
		g.b = append(g.b, ':')
		if _, required := m.Traits["smithy.api#required"]; !top && !required && g.p.Nulls > 0 && g.r.Float64() < g.p.Nulls {
			g.b = append(g.b, "null"...)
			continue
		}
		if top && g.model[m.Target].Type == "list" {
			g.page(m.Target, depth+1)
			continue
		}
		if top && g.model[m.Target].Type == "structure" {
			// GetOrder's Order: the page is its list.
			g.structure(m.Target, depth+1, true)
			continue
		}
		g.value(m, depth+1)
	}
	g.b = append(g.b, '}')
}

// unmodeledMembers are the members Unmodeled adds: a string, a number, a
// list and a structure, as a service's newer members are.
var unmodeledMembers = []struct{ name, value string }{
	{"UnmodeledArn", `"arn:aws:outposts:us-west-2:123456789012:site/os-0123456789abcdef0"`},
	{"UnmodeledCount", `1234567`},
	{"UnmodeledZones", `["us-west-2a","us-west-2b"]`},
	{"UnmodeledDetails", `{"State":"ACTIVE","Ratio":0.75,"Flags":[true,false],"Note":null}`},
}

// unmodeled returns the unmodeled member named name, if it is one.
func unmodeled(name string) (u struct{ name, value string }, ok bool) {
	for _, u := range unmodeledMembers {
		if u.name == name {
			return u, true
		}
	}
	return u, false
}

func (g *payloadGen) page(id string, depth int) {
	elem := *g.model[id].Member
	g.b = append(g.b, '[')
	for n := 0; g.p.Items == 0 && len(g.b) < g.p.Size || n < g.p.Items; n++ {
		if n > 0 {
			g.b = append(g.b, ',')
		}
		g.value(elem, depth+1)
	}
	g.b = append(g.b, ']')
}

func (g *payloadGen) value(m modelMember, depth int) {
	s, ok := g.model[m.Target]
	if !ok {
		// A prelude shape: smithy.api#String and the like.
		s = modelShape{Type: preludeType(m.Target)}
	}
	switch s.Type {
	case "structure":
		g.structure(m.Target, depth, false)
	case "union":
		g.union(m.Target, s, depth)
	case "list":
		g.b = append(g.b, '[')
		n := g.between(g.p.ListLen)
		if g.recursing > 0 {
			n = 0
		}
		for i := range n {
			if i > 0 {
				g.b = append(g.b, ',')
			}
			g.value(*s.Member, depth+1)
		}
		g.b = append(g.b, ']')
	case "map":
		g.b = append(g.b, '{')
		seen := map[string]bool{}
		// An enum key (ListOrders' LineItemCountsByStatus) is one of the
		// enum's values, each at most once, as the service writes them.
		keys := enumValues(g.model[s.Key.Target])
		g.r.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
		n := g.between(g.p.MapLen)
		if g.recursing > 0 {
			n = 0
		}
		if keys != nil {
			n = min(n, len(keys))
		}
		for i := range n {
			if i > 0 {
				g.b = append(g.b, ',')
			}
			var k string
			if keys != nil {
				k = keys[i]
			} else {
				k = g.word(s.Key.Target)
				for seen[k] {
					k += strconv.Itoa(len(seen))
				}
				seen[k] = true
			}
			g.b = strconv.AppendQuote(g.b, k)
			g.b = append(g.b, ':')
			g.value(*s.Value, depth+1)
		}
		g.b = append(g.b, '}')
	case "enum":
		vals := enumValues(s)
		g.b = strconv.AppendQuote(g.b, vals[g.r.IntN(len(vals))])
	case "intEnum":
		var vals []float64
		for _, n := range members(s) {
			v, _ := s.Members[n].Traits["smithy.api#enumValue"].(float64)
			vals = append(vals, v)
		}
		g.b = strconv.AppendInt(g.b, int64(vals[g.r.IntN(len(vals))]), 10)
	case "string":
		if vals := enumTraitValues(s); vals != nil {
			// A string shape with the older @enum trait: one of its values.
			g.b = strconv.AppendQuote(g.b, vals[g.r.IntN(len(vals))])
			break
		}
		if slices.Contains(g.p.Numeric, m.Target) {
			g.b = append(g.b, '"')
			g.number()
			g.b = append(g.b, '"')
			break
		}
		g.str(m.Target, s)
	case "blob":
		lo, hi := lengthOf(s, 1, 64)
		raw := make([]byte, max(lo, min(hi, 8+g.r.IntN(56))))
		for i := range raw {
			raw[i] = byte(g.r.Uint32())
		}
		g.b = append(g.b, '"')
		g.b = base64.StdEncoding.AppendEncode(g.b, raw)
		g.b = append(g.b, '"')
	case "integer", "long", "short", "byte":
		lo, hi := rangeOf(s, 0, math.MaxInt32)
		if !g.p.WideNumbers {
			hi = min(hi, lo+100)
		}
		// Spread the digit counts: pick a magnitude, then a value below it.
		mag := math.Pow(10, float64(1+g.r.IntN(int(math.Log10(max(hi-lo, 1)))+1)))
		v := lo + math.Floor(g.r.Float64()*min(mag, hi-lo+1))
		g.b = strconv.AppendInt(g.b, int64(v), 10)
	case "float", "double":
		lo, hi := rangeOf(s, 0, 1e6)
		v := lo + g.r.Float64()*(hi-lo)
		if g.p.WideNumbers {
			g.b = strconv.AppendFloat(g.b, float64(float32(v)), 'g', -1, 32)
		} else {
			g.b = strconv.AppendFloat(g.b, math.Round(v*10)/10, 'g', -1, 64)
		}
	case "timestamp":
		// Between 2020 and 2026, with milliseconds on most of them; as
		// epoch seconds (the JSON protocols' default) unless the member or
		// its shape has another @timestampFormat.
		sec := 1_580_000_000 + g.r.Int64N(200_000_000)
		ms := -1
		if g.r.IntN(4) != 0 {
			ms = g.r.IntN(1000)
		}
		format, _ := m.Traits["smithy.api#timestampFormat"].(string)
		if format == "" {
			format, _ = s.Traits["smithy.api#timestampFormat"].(string)
		}
		switch t := time.Unix(sec, int64(max(ms, 0))*1e6).UTC(); format {
		case "date-time":
			layout := "2006-01-02T15:04:05Z"
			if ms >= 0 {
				layout = "2006-01-02T15:04:05.000Z"
			}
			g.b = strconv.AppendQuote(g.b, t.Format(layout))
		case "http-date":
			g.b = strconv.AppendQuote(g.b, t.Format(http.TimeFormat))
		default:
			g.b = strconv.AppendInt(g.b, sec, 10)
			if ms >= 0 {
				g.b = append(g.b, '.')
				g.b = append(g.b, fmt.Sprintf("%03d", ms)...)
			}
		}
	case "boolean":
		g.b = strconv.AppendBool(g.b, g.r.IntN(2) == 0)
	default:
		g.err = fmt.Errorf("bench: payload generator cannot write %s (%s)", m.Target, s.Type)
		g.b = append(g.b, "null"...)
	}
}

// union writes one member of a union, chosen at random; below the profile's
// MaxUnionDepth only among the members that cannot lead back to the union.
func (g *payloadGen) union(id string, s modelShape, depth int) {
	var choices []string
	for _, name := range members(s) {
		if g.unions < g.p.MaxUnionDepth || !g.reaches(s.Members[name].Target, id, map[string]bool{}) {
			choices = append(choices, name)
		}
	}
	if len(choices) == 0 {
		g.err = fmt.Errorf("bench: union %s has no member to write at depth %d", id, g.unions)
		g.b = append(g.b, "null"...)
		return
	}
	name := choices[g.r.IntN(len(choices))]
	g.b = append(g.b, '{')
	g.b = strconv.AppendQuote(g.b, name)
	g.b = append(g.b, ':')
	g.unions++
	g.value(s.Members[name], depth+1)
	g.unions--
	g.b = append(g.b, '}')
}

// reaches reports whether shape to can be reached from shape from.
func (g *payloadGen) reaches(from, to string, seen map[string]bool) bool {
	if from == to {
		return true
	}
	if seen[from] {
		return false
	}
	seen[from] = true
	s := g.model[from]
	for _, m := range []*modelMember{s.Member, s.Key, s.Value} {
		if m != nil && g.reaches(m.Target, to, seen) {
			return true
		}
	}
	for _, m := range s.Members {
		if g.reaches(m.Target, to, seen) {
			return true
		}
	}
	return false
}

// number writes a decimal number as text: an integer or a decimal fraction,
// of 1 to 12 digits, sometimes negative.
func (g *payloadGen) number() {
	if g.r.IntN(4) == 0 {
		g.b = append(g.b, '-')
	}
	g.b = strconv.AppendInt(g.b, g.r.Int64N(int64(math.Pow(10, float64(1+g.r.IntN(9))))), 10)
	if g.r.IntN(2) == 0 {
		g.b = append(g.b, '.')
		g.b = strconv.AppendInt(g.b, 1+g.r.Int64N(999), 10)
	}
}

// preludeType returns the type of a prelude shape (smithy.api#Long,
// smithy.api#PrimitiveDouble, ...), or "" for another shape.
func preludeType(id string) string {
	name, ok := strings.CutPrefix(id, "smithy.api#")
	if !ok {
		return ""
	}
	name = strings.ToLower(strings.TrimPrefix(name, "Primitive"))
	switch name {
	case "string", "integer", "boolean", "long", "short", "byte", "float", "double", "timestamp", "blob", "document":
		return name
	}
	return ""
}

// wireName is the name member name of m has in the JSON body.
func (g *payloadGen) wireName(name string, m modelMember) string {
	if n, ok := m.Traits["smithy.api#jsonName"].(string); ok && g.p.JSONName {
		return n
	}
	return name
}

// enumTraitValues returns the values of a string shape's @enum trait, or nil.
func enumTraitValues(s modelShape) []string {
	defs, _ := s.Traits["smithy.api#enum"].([]any)
	var vals []string
	for _, d := range defs {
		if d, ok := d.(map[string]any); ok {
			if v, ok := d["value"].(string); ok {
				vals = append(vals, v)
			}
		}
	}
	return vals
}

// rangeOf returns the @range of s, or [lo, hi].
func rangeOf(s modelShape, lo, hi float64) (float64, float64) {
	if r, ok := s.Traits["smithy.api#range"].(map[string]any); ok {
		if v, ok := r["min"].(float64); ok {
			lo = v
		}
		if v, ok := r["max"].(float64); ok {
			hi = v
		}
	}
	return lo, hi
}

// lengthOf returns the @length of s, or [lo, hi].
func lengthOf(s modelShape, lo, hi int) (int, int) {
	if r, ok := s.Traits["smithy.api#length"].(map[string]any); ok {
		if v, ok := r["min"].(float64); ok {
			lo = int(v)
		}
		if v, ok := r["max"].(float64); ok {
			hi = int(v)
		}
	}
	return lo, hi
}

const wordChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"

// word returns a short ASCII value for a string shape, as IDs and names are.
func (g *payloadGen) word(id string) string {
	lo, hi := lengthOf(g.model[id], 1, 64)
	n := min(max(lo, 4+g.r.IntN(20)), hi)
	b := make([]byte, n)
	for i := range b {
		b[i] = wordChars[g.r.IntN(len(wordChars))]
	}
	return string(b)
}

// richPieces are what rich strings are made of: plain words, escapes that
// JSON requires or allows, and non-ASCII text (as UTF-8 and as \u escapes).
var richPieces = []string{
	"rack ", "power ", "Zürich ", "São Paulo ", "東京都 ", "서울 ", "Москва ", "😀 ", "naïve café ",
	`\"quoted\" `, `C:\\path\\to `, `line\nbreak `, `tab\tstop `, `\u00e9t\u00e9 `, `\u2028 `, `\ud83d\ude80 `, `a\/b `,
	"loading dock B, ", "second floor, ", "access via freight elevator; ",
}

// foreignText is text in other scripts than Latin, without escapes: names
// and addresses as a service stores them, in the scripts that take two and
// three bytes a character in UTF-8.
var foreignText = []string{
	"東京都港区六本木 ", "大阪府 ", "서울특별시 강남구 ", "Москва, ул. Тверская ", "Αθήνα ", "תל אביב ",
	"القاهرة ", "北京市朝阳区 ", "หนึ่ง ", "ஸ்ரீ ", "データセンター ", "机架 ",
}

// str writes a string of shape id: a word, or with RichStrings a text of
// escapes and non-ASCII pieces as long as @length allows (up to 2,000 bytes).
func (g *payloadGen) str(id string, s modelShape) {
	if !g.p.RichStrings {
		g.b = strconv.AppendQuote(g.b, g.word(id))
		return
	}
	lo, hi := lengthOf(s, 1, 256)
	if g.p.MaxString > 0 {
		hi = min(hi, max(lo, g.p.MaxString))
	}
	if hi < 32 {
		g.b = strconv.AppendQuote(g.b, g.word(id))
		return
	}
	// Half short, half long: long strings go up to the @length maximum.
	n := max(lo, 8+g.r.IntN(min(hi, 48)))
	if g.r.IntN(2) == 0 {
		n = max(lo, hi/2+g.r.IntN(hi/2))
	}
	g.b = append(g.b, '"')
	runes := 0
	for runes < n {
		pieces := richPieces
		if len(g.p.Text) > 0 {
			pieces = g.p.Text
		}
		p := pieces[g.r.IntN(len(pieces))]
		if runes+utf8.RuneCountInString(p) > n {
			break
		}
		g.b = append(g.b, p...)
		runes += utf8.RuneCountInString(p)
	}
	for ; runes < n; runes++ {
		g.b = append(g.b, 'x')
	}
	g.b = append(g.b, '"')
}
