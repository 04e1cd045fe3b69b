package eventfuzz

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/smithygo/smithygo/runtime/eventstream"
)

// A body whose checksums were broken reads again once they are put right,
// and the seeds of a file are its literals that frame as messages.
func TestFixChecksumsAndSeeds(t *testing.T) {
	m := eventstream.NewEventMessage("event", "tick")
	m.Payload = []byte("payload")
	one, err := eventstream.AppendEventMessage(nil, m)
	if err != nil {
		t.Fatal(err)
	}
	body := append(bytes.Clone(one), one...)
	broken := bytes.Clone(body)
	broken[2*len(one)-5] ^= 1 // the last byte of the second message's payload
	if _, _, err := eventstream.DecodeEventMessage(broken[len(one):]); err == nil {
		t.Fatal("the change did not break the checksum")
	}
	fixed := FixChecksums(broken)
	if _, _, err := eventstream.DecodeEventMessage(fixed[len(one):]); err != nil {
		t.Fatalf("after FixChecksums: %v", err)
	}
	if !bytes.Equal(FixChecksums(body), body) {
		t.Error("FixChecksums changed a body whose checksums were right")
	}

	src := "package p\n\nvar a = " + strconvQuote(one) + "\nvar b = \"not a message\"\n"
	path := filepath.Join(t.TempDir(), "p.go")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	seeds, err := Seeds(path)
	if err != nil || len(seeds) != 1 || !bytes.Equal(seeds[0], one) {
		t.Fatalf("Seeds = %q, %v", seeds, err)
	}
}

func strconvQuote(b []byte) string {
	var out []byte
	out = append(out, '"')
	for _, c := range b {
		out = append(out, '\\', 'x', "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
	}
	return string(append(out, '"'))
}
