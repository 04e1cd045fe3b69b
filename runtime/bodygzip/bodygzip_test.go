package bodygzip

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"

	"github.com/smithygo/smithygo/runtime/call"
)

func TestCompressAboveTheMinimumOnly(t *testing.T) {
	small := call.NewRequest("POST")
	small.Body = []byte("short")
	if err := Compress(small, 0); err != nil || string(small.Body) != "short" || small.Header.Get("Content-Encoding") != "" {
		t.Fatalf("a body below the minimum was changed: %q %v %v", small.Body, small.Header, err)
	}

	big := call.NewRequest("POST")
	body := strings.Repeat("abc", 5000)
	big.Body = []byte(body)
	big.Header.Set("Content-Encoding", "custom")
	if err := Compress(big, 0); err != nil {
		t.Fatal(err)
	}
	if got := big.Header.Get("Content-Encoding"); got != "custom, gzip" {
		t.Errorf("Content-Encoding = %q, want gzip after the caller's", got)
	}
	zr, err := gzip.NewReader(bytes.NewReader(big.Body))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil || string(plain) != body {
		t.Errorf("the compressed body does not decompress to the original: %v", err)
	}
}

func TestStreamsAreLeftAlone(t *testing.T) {
	r := call.NewRequest("PUT")
	r.Stream = strings.NewReader(strings.Repeat("x", DefaultMinSize*2))
	if err := Compress(r, 1); err != nil || r.Body != nil || r.Header.Get("Content-Encoding") != "" {
		t.Errorf("a streaming body was compressed: %v", err)
	}
}
