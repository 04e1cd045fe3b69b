package jsonwire

import (
	"encoding/json"
	"math"
	"math/big"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// The differential tests hold the Decoder to encoding/json on many
// generated inputs: the same verdict on validity, the same strings and the
// same numbers.

// gen builds random JSON texts, valid or nearly so.
type gen struct {
	r *rand.Rand
	b []byte
}

var genStringPieces = []string{
	"a", "xyz", " ", "/", "<&>", "é", "€", "😀", "\u2028",
	`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, `\u0041`, `\u00e9`, `\u20ac`, `\uFFFF`,
	`\ud83d\ude00`, `\ud83d`, `\ude00`, `\ud83dx`, `\ud83d\u0041`,
	"\xff", "\xc3", "\xed\xa0\x80", "\xf0\x9f\x98", // invalid UTF-8
}

var genNumbers = []string{
	"0", "-0", "1", "-1", "12", "123456789", "9223372036854775807", "-9223372036854775808",
	"9223372036854775808", "18446744073709551616", "1.5", "-0.25", "1e2", "1E+2", "1.5e1", "1e-2",
	"100.000", "1e400", "-1e400", "1e-400", "4.9e-324", "1.7976931348623157e308", "3.4e38",
	"0.1", "123.456e-7", "2147483647", "2147483648", "-2147483649", "1.0e0",
}

func (g *gen) ws() {
	if g.r.IntN(4) == 0 {
		g.b = append(g.b, " \t\n\r"[g.r.IntN(4)])
	}
}

func (g *gen) str() {
	g.b = append(g.b, '"')
	for range g.r.IntN(6) {
		g.b = append(g.b, genStringPieces[g.r.IntN(len(genStringPieces))]...)
	}
	g.b = append(g.b, '"')
}

func (g *gen) value(depth int) {
	g.ws()
	n := 7
	if depth > 4 {
		n = 5 // scalars only
	}
	switch g.r.IntN(n) {
	case 0:
		g.str()
	case 1:
		g.b = append(g.b, genNumbers[g.r.IntN(len(genNumbers))]...)
	case 2:
		g.b = strconv.AppendFloat(g.b, g.r.NormFloat64()*math.Pow(10, float64(g.r.IntN(40)-20)), 'g', -1, 64)
	case 3:
		g.b = append(g.b, []string{"true", "false", "null"}[g.r.IntN(3)]...)
	case 4:
		g.b = strconv.AppendInt(g.b, g.r.Int64()>>g.r.IntN(64), 10)
	case 5:
		g.b = append(g.b, '[')
		for i := range g.r.IntN(4) {
			if i > 0 {
				g.b = append(g.b, ',')
			}
			g.value(depth + 1)
		}
		g.ws()
		g.b = append(g.b, ']')
	case 6:
		g.b = append(g.b, '{')
		for i := range g.r.IntN(4) {
			if i > 0 {
				g.b = append(g.b, ',')
			}
			g.ws()
			g.str()
			g.ws()
			g.b = append(g.b, ':')
			g.value(depth + 1)
		}
		g.ws()
		g.b = append(g.b, '}')
	}
	g.ws()
}

// mutate damages a text at random: JSON's syntax characters are the
// interesting replacements.
func (g *gen) mutate() {
	const chars = `{}[],:"\ -+.eE0123456789tfnulx` + "\x00\x1f\xff"
	for range 1 + g.r.IntN(2) {
		if len(g.b) == 0 {
			return
		}
		i := g.r.IntN(len(g.b))
		switch g.r.IntN(3) {
		case 0:
			g.b = append(g.b[:i], g.b[i+1:]...)
		case 1:
			g.b = append(g.b[:i], append([]byte{chars[g.r.IntN(len(chars))]}, g.b[i:]...)...)
		default:
			g.b[i] = chars[g.r.IntN(len(chars))]
		}
	}
}

// walk decodes any value through the pull API into the types
// encoding/json uses for an any.
func walk(d *Decoder) any {
	switch d.Kind() {
	case Object:
		m := map[string]any{}
		d.BeginObject()
		for k, ok := d.NextKeyString(); ok; k, ok = d.NextKeyString() {
			m[k] = walk(d)
		}
		return m
	case Array:
		s := []any{}
		d.BeginArray()
		for d.NextElem() {
			s = append(s, walk(d))
		}
		return s
	case String:
		return d.String()
	case Number:
		return d.Float64()
	case Bool:
		return d.Bool()
	case Null:
		d.Null()
		return nil
	}
	d.Skip() // records the syntax error
	return nil
}

// checkAgainstEncodingJSON compares the Decoder's verdict and values with
// encoding/json's on data; it is shared by the differential test and the
// fuzz target.
func checkAgainstEncodingJSON(t *testing.T, data []byte) {
	t.Helper()
	valid := json.Valid(data) || isBlank(data)

	d := NewDecoder(data)
	d.Skip()
	d.End()
	if (d.Err() == nil) != valid {
		t.Fatalf("Skip(%q): err %v, encoding/json valid %v", data, d.Err(), valid)
	}
	if valid {
		d = NewDecoder(data)
		raw := d.Raw()
		if want := strings.Trim(string(data), " \t\r\n"); want != "" && string(raw) != want {
			t.Fatalf("Raw(%q) = %q", data, raw)
		}
	}

	var want any
	wantErr := json.Unmarshal(data, &want)
	d = NewDecoder(data)
	got := walk(d)
	d.End()
	if wantErr != nil {
		if d.Err() == nil && !isBlank(data) {
			t.Fatalf("walk(%q) = %#v; encoding/json: %v", data, got, wantErr)
		}
		return
	}
	if d.Err() != nil {
		t.Fatalf("walk(%q): %v; encoding/json: %#v", data, d.Err(), want)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("walk(%q) = %#v; encoding/json: %#v", data, got, want)
	}
}

func TestDifferentialValidity(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(7, 8))}
	n := 30000
	if testing.Short() {
		n = 3000
	}
	valid := 0
	for i := range n {
		g.b = g.b[:0]
		g.value(0)
		if i%2 == 1 {
			g.mutate()
		}
		if json.Valid(g.b) {
			valid++
		}
		checkAgainstEncodingJSON(t, g.b)
	}
	// Make sure both verdicts were exercised.
	if valid < n/4 || valid > n*9/10 {
		t.Errorf("%d of %d inputs valid: the generator is off balance", valid, n)
	}
}

func TestDifferentialStrings(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(9, 10))}
	for range 20000 {
		g.b = g.b[:0]
		g.str()
		var want string
		wantErr := json.Unmarshal(g.b, &want)
		got, _, err := read(string(g.b), (*Decoder).String)
		if (err == nil) != (wantErr == nil) || (err == nil && got != want) {
			t.Fatalf("String(%q) = %q, %v; encoding/json %q, %v", g.b, got, err, want, wantErr)
		}
	}
}

func TestDifferentialNumbers(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	inputs := append([]string(nil), genNumbers...)
	for range 20000 {
		var s string
		switch r.IntN(4) {
		case 0:
			s = strconv.FormatFloat(math.Float64frombits(r.Uint64()), 'g', -1, 64)
		case 1:
			s = strconv.FormatInt(r.Int64()>>r.IntN(64), 10)
		case 2:
			s = strconv.FormatInt(r.Int64N(1e6), 10) + "." + strconv.FormatInt(r.Int64N(1e6), 10) + "e" + strconv.Itoa(r.IntN(40)-20)
		default:
			s = strconv.FormatUint(r.Uint64(), 10) + strings.Repeat("0", r.IntN(3))
		}
		if strings.ContainsAny(s, "NI") { // NaN, Inf
			continue
		}
		inputs = append(inputs, s)
	}
	for _, s := range inputs {
		var wantF float64
		wantErr := json.Unmarshal([]byte(s), &wantF)
		gotF, _, err := read(s, (*Decoder).Float64)
		if (err == nil) != (wantErr == nil) || (err == nil && gotF != wantF) {
			t.Fatalf("Float64(%s) = %v, %v; encoding/json %v, %v", s, gotF, err, wantF, wantErr)
		}

		var wantI int64
		wantErr = json.Unmarshal([]byte(s), &wantI)
		gotI, _, err := read(s, (*Decoder).Int64)
		if wantErr == nil {
			if err != nil || gotI != wantI {
				t.Fatalf("Int64(%s) = %v, %v; encoding/json %v", s, gotI, err, wantI)
			}
			continue
		}
		// encoding/json refuses integers spelled with a fraction or an
		// exponent, which the Decoder takes: check those exactly.
		f, _, ferr := big.ParseFloat(s, 10, 1000, big.ToNearestEven)
		exact, acc := f.Int64()
		if ferr == nil && f.IsInt() && acc == big.Exact {
			if err != nil || gotI != exact {
				t.Fatalf("Int64(%s) = %v, %v; want %v", s, gotI, err, exact)
			}
		} else if err == nil {
			t.Fatalf("Int64(%s) = %v; encoding/json: %v", s, gotI, wantErr)
		}
	}
}
