package sigv4

import "time"

// SignedRequest is a request as a server received it, reduced to what its
// signature covers, for checking that signature with Signer.Signature. The
// canonical request is then built by the same code as when signing, so a
// client and a server of this package can never disagree on it.
type SignedRequest struct {
	// Method is the request method; "" means GET.
	Method string
	// Path is the path as sent, still escaped (the path part of the
	// request target).
	Path string
	// RawQuery is the query as sent, without the X-Amz-Signature
	// parameter of a presigned request (and without any parameter that
	// the client added after signing).
	RawQuery string
	// Headers are the headers the request lists as signed, each with its
	// values as received: names lowercase, sorted and distinct.
	Headers []SignedHeader
	// PayloadHash is the lowercase hex SHA-256 of the body, or
	// UnsignedPayload: what the client signed.
	PayloadHash string
}

// SignedHeader is one header of a SignedRequest.
type SignedHeader struct {
	// Name is the lowercase header name.
	Name string
	// Values are the header's values in the order received; they are
	// trimmed and joined the way SignHTTP does.
	Values []string
}

// Signature returns the hex signature of req by the secret key secret at
// time t (to the second, as in X-Amz-Date) for region and service: the
// value a correctly signed request carries. opts must be the options the
// client signed with; only DisableURIPathEscaping and DisableNormalizePath
// affect the result.
func (s *Signer) Signature(req *SignedRequest, secret string, t time.Time, region, service string, opts Options) (string, error) {
	switch {
	case secret == "":
		return "", errNoCreds
	case region == "" || service == "":
		return "", errNoScope
	case req.PayloadHash == "":
		return "", errNoPayload
	}
	var date [16]byte
	day := appendAmzDate(date[:0], t)

	sc := getScratch()
	defer putScratch(sc)
	for _, h := range req.Headers {
		sc.addHeader(hdr{name: h.Name, vals: h.Values, kind: kindValues})
	}
	sc.sortHeaders()

	b := sc.buf[:0]
	b = appendMethod(b, req.Method)
	b = append(b, '\n')
	b = appendCanonicalURI(b, req.Path, opts)
	b = append(b, '\n')
	b, err := appendCanonicalQuery(b, sc, req.RawQuery, false)
	if err != nil {
		sc.buf = b
		return "", err
	}
	b = append(b, '\n')
	b = appendCanonicalHeaders(b, sc, date[:])
	b = append(b, '\n')
	b = appendSignedHeaders(b, sc)
	b = append(b, '\n')
	b = append(b, req.PayloadHash...)
	crEnd := len(b)

	key := s.keys.get(secret, day, date[:8], region, service)
	var sig [hexSigLen]byte
	sc.buf = appendSignature(b, crEnd, key, date[:], region, service, &sig)
	return string(sig[:]), nil
}
