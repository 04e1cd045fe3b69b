package jsonwire

import (
	"os"
	"strings"
	"testing"
)

// TestTextFormatShared checks that textfmt.go is the same file in jsonwire
// and httpbind but for the package clause, so that bodies and bindings
// format values alike.
func TestTextFormatShared(t *testing.T) {
	mine, err := os.ReadFile("textfmt.go")
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := os.ReadFile("../httpbind/textfmt.go")
	if os.IsNotExist(err) {
		t.Skip("../httpbind not present")
	}
	if err != nil {
		t.Fatal(err)
	}
	a := strings.TrimPrefix(string(mine), "package jsonwire\n")
	b := strings.TrimPrefix(string(theirs), "package httpbind\n")
	if a == string(mine) || b == string(theirs) || a != b {
		t.Error("textfmt.go differs between templates/jsonwire and templates/httpbind; copy one over the other")
	}
}

func TestScanNumber(t *testing.T) {
	tests := []struct {
		in  string
		end int
		ok  bool
	}{
		{"0", 1, true}, {"-0", 2, true}, {"12", 2, true}, {"1.5", 3, true}, {"1e5", 3, true},
		{"1E+5", 4, true}, {"1e-5", 4, true}, {"-1.25e-10", 9, true}, {"0.0", 3, true},
		{"01", 1, true}, // the number is "0"; what follows is the caller's business
		{"1x", 1, true}, {"1.5.5", 3, true},
		{"", 0, false}, {"-", 1, false}, {"+1", 0, false}, {".5", 0, false}, {"1.", 2, false},
		{"1.e5", 2, false}, {"1e", 2, false}, {"1e+", 3, false}, {"-a", 1, false}, {"x", 0, false},
	}
	for _, tt := range tests {
		end, ok := scanNumber(tt.in, 0)
		if end != tt.end || ok != tt.ok {
			t.Errorf("scanNumber(%q) = %d, %v; want %d, %v", tt.in, end, ok, tt.end, tt.ok)
		}
	}
}

func TestNumberParts(t *testing.T) {
	tests := []struct {
		in       string
		mag      uint64
		fits     bool
		fraction bool
		nanos    int64
	}{
		{"0", 0, true, false, 0},
		{"123", 123, true, false, 0},
		{"-123.5", 123, true, true, 500000000},
		{"1.5e1", 15, true, false, 0},
		{"1.25e1", 12, true, true, 500000000},
		{"15e-1", 1, true, true, 500000000},
		{"0.000000001", 0, true, true, 1},
		{"0.0000000019", 0, true, true, 1},
		{"1e-10", 0, true, true, 0},
		{"18446744073709551615", 18446744073709551615, true, false, 0},
		{"18446744073709551616", 0, false, false, 0},
		{"1.8446744073709551615e19", 18446744073709551615, true, false, 0},
		{"1e19", 10000000000000000000, true, false, 0},
		{"1e20", 0, false, false, 0},
		{"0e999999999999999999999", 0, true, false, 0},
		{"1e999999999999999999999", 0, false, false, 0},
		{"1e-999999999999999999999", 0, true, true, 0},
		{"100.000", 100, true, false, 0},
	}
	for _, tt := range tests {
		n := splitNumber(tt.in)
		mag, fits := n.integer()
		if mag != tt.mag || fits != tt.fits || n.hasFraction() != tt.fraction || n.nanos() != tt.nanos {
			t.Errorf("%s: integer %d, %v; fraction %v; nanos %d", tt.in, mag, fits, n.hasFraction(), n.nanos())
		}
	}
}
