package shapes

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error is a problem found in a model. It names where the problem is so that a
// user can find it without reading the loader: the file, the shape ID and,
// where it helps, the JSON path inside the file. Problems in Smithy IDL files
// carry a line and column instead of a JSON path.
type Error struct {
	File  string // the model file, when known
	Shape string // the absolute shape or member ID, when known
	Path  string // a JSON path inside File, e.g. shapes["ns#A"].members.b.target
	Msg   string

	// Line and Col (1-based, Col in characters) locate the problem in an IDL
	// file; they are zero for JSON AST files, whose Path locates it.
	Line, Col int

	excerpt string // the source line and a caret under Col
}

// Error formats the problem as "file: shape: path: message", leaving out
// the parts that are unknown. A problem with a position is formatted the way
// Go's compiler does it, "file:line:col: shape: message", followed by the
// source line and a caret under the column.
func (e *Error) Error() string {
	var b strings.Builder
	parts := []string{e.File, e.Shape, e.Path}
	if e.Line > 0 {
		parts = []string{fmt.Sprintf("%s:%d:%d", e.File, e.Line, e.Col), e.Shape}
	}
	for _, part := range parts {
		if part != "" {
			b.WriteString(part)
			b.WriteString(": ")
		}
	}
	b.WriteString(e.Msg)
	b.WriteString(e.excerpt)
	return b.String()
}

// newPosError returns an error at a position of an IDL file, with an excerpt
// of the line.
func newPosError(file string, src []byte, at pos, shape, msg string) *Error {
	return &Error{File: file, Shape: shape, Msg: msg, Line: at.line, Col: at.col, excerpt: excerpt(src, at)}
}

// excerpt returns "\n\t<line>\n\t<caret>" for the line of at. Tabs before
// the column are kept in the caret line so that the caret lines up in a
// terminal; very long lines are cut around the column.
func excerpt(src []byte, at pos) string {
	if at.off > len(src) || at.line <= 0 {
		return ""
	}
	start := at.off
	for start > 0 && src[start-1] != '\n' {
		start--
	}
	end := at.off
	for end < len(src) && src[end] != '\n' && src[end] != '\r' {
		end++
	}
	line := []rune(strings.ToValidUTF8(string(src[start:end]), "\uFFFD"))
	c := min(utf8.RuneCount(src[start:at.off]), len(line)) // the caret's index in line
	lo, hi := 0, len(line)
	const window = 80
	if hi > 2*window {
		lo = max(0, c-window)
		hi = min(len(line), lo+2*window)
	}
	var shown, caret strings.Builder
	if lo > 0 {
		shown.WriteString("...")
		caret.WriteString("   ")
	}
	shown.WriteString(string(line[lo:hi]))
	if hi < len(line) {
		shown.WriteString("...")
	}
	for _, r := range line[lo:c] {
		if r == '\t' {
			caret.WriteByte('\t')
		} else {
			caret.WriteByte(' ')
		}
	}
	caret.WriteByte('^')
	return "\n\t" + shown.String() + "\n\t" + caret.String()
}

// srcFile is what an IDL file needs to report errors found after parsing,
// by the shared loader, at positions: its text and where each JSON path of
// its converted form came from.
type srcFile struct {
	name string
	data []byte
	at   map[string]pos

	// written holds, by the JSON path of each trait application, the trait
	// name as written (relative or absolute), and idl the parsed file, for
	// its namespace and use statements: messages about a trait speak of it
	// as the file does, and suggest names that resolve there.
	written map[string]string
	idl     *idlFile
}

// sourceMap maps IDL file names to their srcFile.
type sourceMap map[string]*srcFile

// locate adds the IDL position to an *Error about a converted IDL file: the
// longest prefix of its JSON path that has a position, else the position of
// its shape. Other errors are returned unchanged.
func (sm sourceMap) locate(err error) error {
	var e *Error
	if len(sm) == 0 || !errors.As(err, &e) || e.Line > 0 {
		return err
	}
	sf := sm[e.File]
	if sf == nil {
		return err
	}
	var paths []string
	if e.Path != "" {
		p := e.Path
		if !strings.HasPrefix(p, "shapes[") && !strings.HasPrefix(p, "apply[") && !strings.HasPrefix(p, "metadata[") && e.Shape != "" {
			if id, err := ParseID(e.Shape); err == nil {
				p = shapePath(id.Shape().String()) + "." + p
			}
		}
		for ; p != ""; p = parentPath(p) {
			paths = append(paths, p)
		}
	}
	if id, err := ParseID(e.Shape); err == nil {
		base := shapePath(id.Shape().String())
		if id.Member != "" {
			paths = append(paths, base+".members."+id.Member, base+"."+id.Member)
		}
		paths = append(paths, base)
	}
	for _, p := range paths {
		if at, ok := sf.at[p]; ok {
			return newPosError(e.File, sf.data, at, e.Shape, e.Msg)
		}
	}
	return err
}

// parentPath removes the last step of a JSON path: ".name", "[i]" or
// `["key"]`. The path of a shape, shapes["ns#Name"], has no parent.
func parentPath(p string) string {
	if strings.HasSuffix(p, `"]`) {
		if i := strings.LastIndex(p, `["`); i > 0 && strings.Contains(p[:i], "]") {
			return p[:i]
		}
		return ""
	}
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndexByte(p, '['); i > 0 {
			return p[:i]
		}
		return ""
	}
	if i := strings.LastIndexByte(p, '.'); i > 0 {
		return p[:i]
	}
	return ""
}

// traitPath is the JSON path of the trait id applied at base (a shape,
// member or apply path).
func traitPath(base, id string) string { return base + ".traits[" + strconv.Quote(id) + "]" }

// keyPath is the path at which an IDL file marks an object key, rather
// than its value, for problems with the key itself: p + "/key". For a JSON
// AST file, whose paths have no positions, its parent is p's parent.
func keyPath(p string) string { return p + "/key" }

// keyStep is the JSON path step to an object key: ".key" for an
// identifier, `["key"]` for anything else (which may hold dots).
func keyStep(k string) string {
	if isIdentifier(k) {
		return "." + k
	}
	return "[" + strconv.Quote(k) + "]"
}
