package contentmd5

import (
	"io"
	"strings"
	"testing"

	"github.com/smithygo/smithygo/runtime/call"
)

// The digest of "hello" is RFC 1321's MD5, base64-encoded.
const helloMD5 = "XUFAKrxLKna5cZ2REBfFkg=="

func TestBodyAndRewoundStream(t *testing.T) {
	r := call.NewRequest("POST")
	r.Body = []byte("hello")
	if err := Set(r); err != nil || r.Header.Get("Content-Md5") != helloMD5 {
		t.Fatalf("body: %q, %v", r.Header.Get("Content-Md5"), err)
	}

	s := strings.NewReader("..hello")
	if _, err := s.Seek(2, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	r = call.NewRequest("PUT")
	r.Stream = s
	if err := Set(r); err != nil || r.Header.Get("Content-Md5") != helloMD5 {
		t.Fatalf("stream: %q, %v", r.Header.Get("Content-Md5"), err)
	}
	if rest, _ := io.ReadAll(s); string(rest) != "hello" {
		t.Errorf("the stream was not rewound to where the caller left it: %q remains", rest)
	}
}

func TestUnseekableStreamIsRefused(t *testing.T) {
	r := call.NewRequest("PUT")
	r.Stream = io.MultiReader(strings.NewReader("x"))
	if err := Set(r); err == nil {
		t.Error("an unseekable stream was accepted")
	}
}
