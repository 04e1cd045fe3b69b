// Package utf8valid checks that text is valid UTF-8, as unicode/utf8's
// Valid does, at the speed the decoders need: every string a decoder
// hands out without copying it through a rune loop is checked here first,
// and in text of other scripts the check is most of a string's cost. Short
// text goes through a state machine without a branch per byte; text of
// minVectorText bytes or more, where the processor has AVX2, through the
// vector check of vector_amd64.s, 32 bytes at a time. ValidRun does the
// same for a JSON string's content while it looks for the string's end.
//
// Both jsonwire and cbor use it, so it imports no other runtime package:
// copy mode merges a copy into the package of each.
package utf8valid

import (
	"encoding/binary"
	"unsafe"
)

// asciiMask has the high bit of each byte of a word: a word ANDed with it
// is zero when all its bytes are ASCII.
const asciiMask = 0x8080808080808080

// ValidString is Valid for a string, without copying it.
func ValidString(s string) bool {
	return Valid(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// Valid reports whether p is valid UTF-8, as utf8.Valid does, with a
// state machine that takes no branch per byte: utf8.Valid branches on the
// length of each character, which in text that mixes scripts the processor
// cannot predict. The state is a shift amount; utf8States[c] holds, at bit
// s, the state after byte c in state s (six bits each), so one load, which
// does not wait for the state, and one shift read a byte.
//
// ASCII at either end does not go through the state machine: it leaves
// valid text valid, and after an incomplete character it would be
// rejected by the first ASCII byte as by the end of p, so p is valid
// exactly when the part between its first and last word with a byte from
// 0x80 on is. Most text is ASCII with a character beyond here and there,
// and passing over its ends a word at a time costs a fraction of running
// the state machine over them byte by byte.
func Valid(p []byte) bool {
	whole := p
	for len(p) >= 8 && binary.LittleEndian.Uint64(p)&asciiMask == 0 {
		p = p[8:]
	}
	if len(p) < 8 && len(whole) >= 8 && binary.LittleEndian.Uint64(whole[len(whole)-8:])&asciiMask == 0 {
		return true // the rest is ASCII too: the last word, read again, holds it
	}
	for len(p) >= 8 && binary.LittleEndian.Uint64(p[len(p)-8:])&asciiMask == 0 {
		p = p[:len(p)-8]
	}
	if len(p) >= minVectorText {
		return validLong(p)
	}
	return validStates(p)
}

// minVectorText is the length from which Valid checks text with vector
// instructions where the processor has them (validLong): below it,
// setting them up costs more than the state machine saves. At 64, text of
// 32 to 63 bytes, common in other scripts, went through the state machine
// at two to three instructions a byte (callgrind on a page of such text:
// 5% more instructions than at 32; at 16, 3% more).
const minVectorText = 32

// validStates is Valid's state machine, over all of p.
func validStates(p []byte) bool {
	var st uint64
	for len(p) >= 8 {
		st = utf8States[p[0]] >> (st & 63)
		st = utf8States[p[1]] >> (st & 63)
		st = utf8States[p[2]] >> (st & 63)
		st = utf8States[p[3]] >> (st & 63)
		st = utf8States[p[4]] >> (st & 63)
		st = utf8States[p[5]] >> (st & 63)
		st = utf8States[p[6]] >> (st & 63)
		st = utf8States[p[7]] >> (st & 63)
		p = p[8:]
	}
	for _, c := range p {
		st = utf8States[c] >> (st & 63)
	}
	return st&63 == utf8Accept
}

// The states of Valid, named by what the next bytes must be. The
// ranges after E0, ED, F0 and F4 are those of the table of well-formed
// sequences in the Unicode Standard (section 3.9): no overlong forms, no
// surrogates, nothing past U+10FFFF.
const (
	utf8Accept   = 6 * iota // between characters
	utf8Reject              // after invalid input, for good
	utf8Cont1               // one more continuation byte (80-BF)
	utf8Cont2               // two more
	utf8Cont3               // three more
	utf8AfterE0             // A0-BF, then one more
	utf8AfterED             // 80-9F, then one more
	utf8AfterF0             // 90-BF, then two more
	utf8AfterF4             // 80-8F, then two more
	utf8StateEnd            // past the last state
)

var utf8States = func() (t [256]uint64) {
	for c := range t {
		next := func(st int) int { // the state after byte c in state st
			cont := 0x80 <= c && c <= 0xBF
			switch st {
			case utf8Accept:
				switch {
				case c < 0x80:
					return utf8Accept
				case 0xC2 <= c && c <= 0xDF:
					return utf8Cont1
				case c == 0xE0:
					return utf8AfterE0
				case c == 0xED:
					return utf8AfterED
				case 0xE1 <= c && c <= 0xEF:
					return utf8Cont2
				case c == 0xF0:
					return utf8AfterF0
				case c == 0xF4:
					return utf8AfterF4
				case 0xF1 <= c && c <= 0xF3:
					return utf8Cont3
				}
			case utf8Cont1:
				if cont {
					return utf8Accept
				}
			case utf8Cont2:
				if cont {
					return utf8Cont1
				}
			case utf8Cont3:
				if cont {
					return utf8Cont2
				}
			case utf8AfterE0:
				if 0xA0 <= c && c <= 0xBF {
					return utf8Cont1
				}
			case utf8AfterED:
				if 0x80 <= c && c <= 0x9F {
					return utf8Cont1
				}
			case utf8AfterF0:
				if 0x90 <= c && c <= 0xBF {
					return utf8Cont2
				}
			case utf8AfterF4:
				if 0x80 <= c && c <= 0x8F {
					return utf8Cont2
				}
			}
			return utf8Reject
		}
		for st := 0; st < utf8StateEnd; st += 6 {
			t[c] |= uint64(next(st)) << st
		}
	}
	return t
}()

// ValidRun returns the offset n in p of the first byte that ends a run of
// a JSON string's content, '"', '\\' or a control character (below 0x20),
// or len(p) if there is none, and whether p[:n] is valid UTF-8 (with a
// character cut off at n, it is not). For a decoder of JSON strings in
// scripts other than Latin's: where the processor has AVX2, text is read
// once, 32 bytes at a time, rather than once for its end and again for
// its check.
func ValidRun(p []byte) (n int, ok bool) {
	return validRunLong(p)
}

// validRunStates is ValidRun without vector instructions: the search, then
// Valid.
func validRunStates(p []byte) (int, bool) {
	n := 0
	for n < len(p) && p[n] != '"' && p[n] != '\\' && p[n] >= 0x20 {
		n++
	}
	return n, Valid(p[:n])
}
