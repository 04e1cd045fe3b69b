package jsonwire

import "strconv"

// A server must refuse some documents that a client reads leniently (a
// client keeps working when a service sends more than its model says):
// null in a dense list or map, a union with no member, several members or
// an unknown one, and a date-time with a numeric offset. The Decoder has no
// mode for this: the generated server decodes requests with the methods
// below (and DateTimeUTC), the generated client never calls them, and so
// the generator alone decides which side is strict.

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
