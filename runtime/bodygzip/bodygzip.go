// Package bodygzip compresses the request bodies of operations marked
// @requestCompression with gzip. Only clients with such operations import
// it, so that others neither compile nor link a compressor.
package bodygzip

import (
	"bytes"
	"compress/gzip"
	"fmt"

	"github.com/smithygo/smithygo/runtime/call"
)

// DefaultMinSize is the smallest body compressed when the client sets no
// minimum, as the Smithy specification recommends.
const DefaultMinSize = 10240

// Compress gzips a body of at least minSize bytes (0: DefaultMinSize) and
// appends gzip to its Content-Encoding, after any the caller set.
// Streaming bodies are sent as they are.
func Compress(r *call.Request, minSize int) error {
	if minSize <= 0 {
		minSize = DefaultMinSize
	}
	if r.Stream != nil || len(r.Body) < minSize {
		return nil
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(r.Body); err != nil {
		return fmt.Errorf("compressing the request body: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("compressing the request body: %w", err)
	}
	r.Body = buf.Bytes()
	if enc := r.Header["Content-Encoding"]; len(enc) > 0 && enc[0] != "" {
		r.Header["Content-Encoding"] = []string{enc[0] + ", gzip"}
	} else {
		r.Header["Content-Encoding"] = []string{"gzip"}
	}
	return nil
}
