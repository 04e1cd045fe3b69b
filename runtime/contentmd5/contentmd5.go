// Package contentmd5 adds the Content-MD5 header that operations marked
// @httpChecksumRequired need. Only clients with such operations import it.
package contentmd5

import (
	"crypto/md5"
	"encoding/base64"
	"errors"
	"fmt"
	"io"

	"github.com/smithygo/smithygo/runtime/call"
)

// Set adds Content-MD5, the base64 MD5 of the body, to the request. A
// streaming body must be an io.Seeker: it is hashed from where the caller
// left it and rewound there.
func Set(r *call.Request) error {
	h := md5.New()
	if r.Stream != nil {
		seeker, ok := r.Stream.(io.Seeker)
		if !ok {
			return errors.New("the operation needs a Content-MD5 checksum, so its streaming body must be an io.ReadSeeker")
		}
		start, err := seeker.Seek(0, io.SeekCurrent)
		if err != nil {
			return err
		}
		if _, err := io.Copy(h, r.Stream); err != nil {
			return fmt.Errorf("hashing the request body: %w", err)
		}
		if _, err := seeker.Seek(start, io.SeekStart); err != nil {
			return err
		}
	} else {
		h.Write(r.Body)
	}
	r.Header["Content-Md5"] = []string{base64.StdEncoding.EncodeToString(h.Sum(nil))}
	return nil
}
