package sigv4

import (
	"crypto/hmac"
	"crypto/sha256"
	"sync"
	"sync/atomic"
	"unsafe"
)

const (
	// blockSize is the SHA-256 block size, the length of the HMAC pads.
	blockSize = 64
	// hexSigLen is the length of a hex HMAC-SHA256 signature.
	hexSigLen = 2 * sha256.Size
	// keyCacheSize bounds the cache. A client normally signs for one
	// secret, region and service, so a handful of entries covers a change
	// of day, rotated credentials and a few regions or services; more are
	// simply derived again.
	keyCacheSize = 8
)

// signingKey is the derived key of one (secret, date, region, service),
// kept as the two HMAC pads (key XOR ipad, key XOR opad), which is all that
// signing needs of it. It is immutable once published in the cache.
type signingKey struct {
	secret, region, service string
	day                     int32 // yyyymmdd
	ipad, opad              [blockSize]byte
}

// keyCache holds recently derived signing keys.
//
// Lookups, which happen on every signing, take no lock: they scan an
// immutable snapshot loaded atomically. Insertions, which happen about once
// a day per scope, copy the snapshot under mu and publish the new one. Even
// uncontended, a mutex on the read path would be shared by every goroutine
// of a busy client.
//
// The snapshot is an unsafe.Pointer to a []*signingKey read and written
// with atomic.LoadPointer and StorePointer, not an atomic.Pointer: every
// client refers to Signer, and each would compile that generic type's
// methods again.
type keyCache struct {
	mu      sync.Mutex     // serialises insertions
	entries unsafe.Pointer // *[]*signingKey, newest first
}

func (c *keyCache) snapshot() *[]*signingKey {
	return (*[]*signingKey)(atomic.LoadPointer(&c.entries))
}

// get returns the signing key for the scope, deriving and caching it on a
// miss. date8 is the scope date (yyyymmdd) as text and day the same as a
// number.
func (c *keyCache) get(secret string, day int32, date8 []byte, region, service string) *signingKey {
	if k := c.lookup(secret, day, region, service); k != nil {
		return k
	}
	k := deriveKey(secret, day, date8, region, service)

	c.mu.Lock()
	defer c.mu.Unlock()
	// Another goroutine may have inserted the same key meanwhile; keep a
	// single entry for it.
	if e := c.lookup(secret, day, region, service); e != nil {
		return e
	}
	var old []*signingKey
	if p := c.snapshot(); p != nil {
		old = *p
	}
	n := min(len(old), keyCacheSize-1) // the oldest entry falls off
	next := make([]*signingKey, 0, n+1)
	next = append(next, k)
	next = append(next, old[:n]...)
	atomic.StorePointer(&c.entries, unsafe.Pointer(&next))
	return k
}

func (c *keyCache) lookup(secret string, day int32, region, service string) *signingKey {
	p := c.snapshot()
	if p == nil {
		return nil
	}
	for _, k := range *p {
		if k.day == day && k.region == region && k.service == service && k.secret == secret {
			return k
		}
	}
	return nil
}

// len returns the number of cached keys (for tests).
func (c *keyCache) len() int {
	if p := c.snapshot(); p != nil {
		return len(*p)
	}
	return 0
}

// deriveKey computes the SigV4 signing key
//
//	kDate    = HMAC("AWS4" + secret, date)
//	kRegion  = HMAC(kDate, region)
//	kService = HMAC(kRegion, service)
//	kSigning = HMAC(kService, "aws4_request")
//
// and returns it as HMAC pads. This runs only on a cache miss, so it uses
// crypto/hmac plainly.
func deriveKey(secret string, day int32, date8 []byte, region, service string) *signingKey {
	kSecret := make([]byte, 0, 4+len(secret))
	kSecret = append(kSecret, "AWS4"...)
	kSecret = append(kSecret, secret...)
	// date8 is copied so that it does not escape through hash.Hash, which
	// would move the caller's stack buffer to the heap on every call.
	k := hmacSHA256(kSecret, []byte(string(date8)))
	clear(kSecret)
	k = hmacSHA256(k, []byte(region))
	k = hmacSHA256(k, []byte(service))
	k = hmacSHA256(k, []byte(scopeTerminal))

	sk := &signingKey{secret: secret, region: region, service: service, day: day}
	// A key shorter than the block is zero-padded, so past it the pads are
	// the bare HMAC constants.
	for i := range blockSize {
		var kb byte
		if i < len(k) {
			kb = k[i]
		}
		sk.ipad[i] = kb ^ 0x36
		sk.opad[i] = kb ^ 0x5c
	}
	return sk
}

func hmacSHA256(key, data []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(data)
	return m.Sum(nil)
}
