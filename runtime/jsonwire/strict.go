package jsonwire

import "strconv"

// The methods a server's request decoders call where a client's are
// lenient; the package doc says why and who decides.

// RefuseNull consumes the next value if it is null and then records a
// TypeError naming container, a dense (not @sparse) list or map whose
// elements may not be null; it returns whether the value was null. A
// server's decoder calls it where a client's calls Null to skip the
// element.
func (d *Decoder) RefuseNull(container string) bool {
	if d.err != nil {
		return false
	}
	i := d.skipSpace()
	if !d.null() {
		return false
	}
	d.typeErr(i, "null in "+container+", which is not sparse")
	return true
}

// RefuseUnion records a TypeError saying that the value of union is not
// exactly one known member: problem says what is wrong ("no member set",
// "second member", "unknown member") and key, when not nil, names the
// member at fault. The offset is that of the next unread byte.
func (d *Decoder) RefuseUnion(union, problem string, key []byte) {
	msg := "union " + union + ": " + problem
	if key != nil {
		msg += " " + strconv.Quote(string(key))
	}
	d.typeErr(d.pos, msg)
}
