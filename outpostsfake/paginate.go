package outpostsfake

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"slices"
	"strconv"
	"strings"
)

// Pagination follows the model's @paginated traits: every list operation
// takes NextToken and MaxResults (range 1 to 1000) and returns at most
// MaxResults items (DefaultPageSize when it is absent) and a NextToken while
// more remain.
//
// A token has the model's Token pattern ^(\d+)##(\S+)$: the sequence number
// of the last item returned, "##", and a MAC over that number, the
// operation and the request's filters, keyed by a secret of this Fake. The
// next page starts after that item, so items made or deleted between pages
// neither repeat nor hide the others. A token that was not made by this
// Fake for the same operation and filters is a ValidationException.

// pageRequest is one list call's paging input.
type pageRequest struct {
	operation string   // the operation's name
	filters   []string // everything else in the request that selects items
	token     *string
	max       *int32
}

// page returns the items of one page from all (which is in the order of
// key, ascending) and the token for the next page, or nil.
func page[T any](f *Fake, req pageRequest, all []T, key func(T) uint64) ([]T, *string, error) {
	start := 0
	if req.token != nil {
		after, ok := f.parseToken(req, *req.token)
		if !ok {
			return nil, nil, validationErrorf("%s: NextToken is not one this service gave for this request", req.operation)
		}
		for start < len(all) && key(all[start]) <= after {
			start++
		}
	}
	size := DefaultPageSize
	if req.max != nil {
		size = int(*req.max)
	}
	end := min(start+size, len(all))
	items := all[start:end:end]
	if end == len(all) || len(items) == 0 {
		return items, nil, nil
	}
	return items, ptr(f.makeToken(req, key(items[len(items)-1]))), nil
}

func (f *Fake) tokenMAC(req pageRequest, after string) string {
	m := hmac.New(sha256.New, f.secret[:])
	m.Write([]byte(req.operation))
	for _, s := range req.filters {
		m.Write([]byte{0})
		m.Write([]byte(s))
	}
	m.Write([]byte{1})
	m.Write([]byte(after))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:18])
}

func (f *Fake) makeToken(req pageRequest, after uint64) string {
	s := strconv.FormatUint(after, 10)
	return s + "##" + f.tokenMAC(req, s)
}

func (f *Fake) parseToken(req pageRequest, token string) (uint64, bool) {
	num, mac, ok := strings.Cut(token, "##")
	if !ok {
		return 0, false
	}
	after, err := strconv.ParseUint(num, 10, 64)
	if err != nil || !hmac.Equal([]byte(mac), []byte(f.tokenMAC(req, num))) {
		return 0, false
	}
	return after, true
}

// filterKey turns a list filter into one string for a token's MAC. The
// order of the values does not matter to the filter, so it does not matter
// here either.
func filterKey[S ~string](name string, values []S) string {
	ss := make([]string, len(values))
	for i, v := range values {
		ss[i] = string(v)
	}
	slices.Sort(ss)
	return name + "=" + strings.Join(ss, "\x00")
}
