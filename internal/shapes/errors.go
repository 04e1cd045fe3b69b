package shapes

import "strings"

// Error is a problem found in a model. It names where the problem is so that a
// user can find it without reading the loader: the file, the shape ID and,
// where it helps, the JSON path inside the file.
type Error struct {
	File  string // the model file, when known
	Shape string // the absolute shape or member ID, when known
	Path  string // a JSON path inside File, e.g. shapes["ns#A"].members.b.target
	Msg   string
}

// Error formats the problem as "file: shape: path: message", leaving out
// the parts that are unknown.
func (e *Error) Error() string {
	var b strings.Builder
	for _, part := range []string{e.File, e.Shape, e.Path} {
		if part != "" {
			b.WriteString(part)
			b.WriteString(": ")
		}
	}
	b.WriteString(e.Msg)
	return b.String()
}
