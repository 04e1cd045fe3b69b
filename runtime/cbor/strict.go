package cbor

import "strconv"

// The methods a server's request decoders call where a client's are
// lenient, as jsonwire's of the same names.

// RefuseNull consumes the next data item if it is null (or undefined) and
// then records a TypeError naming container, a dense (not @sparse) list or
// map whose elements may not be null; it returns whether the item was
// null. A server's decoder calls it where a client's calls Null to skip
// the element.
func (d *Decoder) RefuseNull(container string) bool {
	at := d.pos
	if !d.Null() {
		return false
	}
	d.typeErr(at, "null in "+container+", which is not sparse")
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
