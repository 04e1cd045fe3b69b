// Package naming turns Smithy names into Go identifiers. All of the
// generator's naming rules live here so that emitters never invent names.
package naming

import (
	"go/token"
	"strings"
	"unicode"
)

// Exported turns a Smithy identifier into an exported Go identifier. Names that
// are already exported identifiers are kept as they are (so Go names match the
// API's documentation); leading underscores are dropped and the first letter
// is upper-cased.
func Exported(name string) string {
	name = strings.TrimLeft(name, "_")
	if name == "" {
		return "X"
	}
	r := []rune(name)
	if unicode.IsDigit(r[0]) {
		return "N" + name
	}
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// Unexported turns a Smithy identifier into an unexported Go identifier that
// is not a keyword or predeclared name.
func Unexported(name string) string {
	e := Exported(name)
	r := []rune(e)
	// Lower the leading run of capitals: "HTTPCode" → "httpCode", "ID" → "id".
	for i := range r {
		if !unicode.IsUpper(r[i]) {
			break
		}
		if i > 0 && i+1 < len(r) && unicode.IsLower(r[i+1]) {
			break
		}
		r[i] = unicode.ToLower(r[i])
	}
	s := string(r)
	if token.IsKeyword(s) || predeclared[s] {
		s += "_"
	}
	return s
}

// predeclared are Go's predeclared identifiers, which generated locals must not shadow.
var predeclared = map[string]bool{
	"any": true, "bool": true, "byte": true, "comparable": true, "complex64": true, "complex128": true,
	"error": true, "float32": true, "float64": true, "int": true, "int8": true, "int16": true,
	"int32": true, "int64": true, "rune": true, "string": true, "uint": true, "uint8": true,
	"uint16": true, "uint32": true, "uint64": true, "uintptr": true, "true": true, "false": true,
	"iota": true, "nil": true, "append": true, "cap": true, "clear": true, "close": true,
	"complex": true, "copy": true, "delete": true, "imag": true, "len": true, "make": true,
	"max": true, "min": true, "new": true, "panic": true, "print": true, "println": true,
	"real": true, "recover": true,
}

// EnumMember turns an enum member name (or, for an unnamed enum-trait value,
// the value itself) into the Go-case suffix of its constant:
// "WAITING_FOR_EVACUATION" → "WaitingForEvacuation", "t2.micro" → "T2Micro",
// "InProgress" → "InProgress".
func EnumMember(name string) string {
	parts := strings.FieldsFunc(name, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	screaming := name == strings.ToUpper(name)
	var b strings.Builder
	for _, p := range parts {
		r := []rune(p)
		if screaming {
			r = []rune(strings.ToLower(p))
		}
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	if b.Len() == 0 {
		return "Value"
	}
	return b.String()
}

// Scope hands out unique identifiers within one Go namespace (a package, or
// the fields and methods of one struct). It remembers who owns each name, so
// that a clash between two names that must both be kept exactly (two model
// shapes) can name both. A name that may move gets "_" appended until it is
// free, the convention Go generators use for clashes.
type Scope struct {
	owner map[string]string // name → what owns it ("" for a reserved name)
}

// NewScope returns a scope in which reserved names are already taken.
func NewScope(reserved ...string) *Scope {
	s := &Scope{owner: map[string]string{}}
	s.Reserve(reserved...)
	return s
}

// Reserve takes names that the generator itself declares (a runtime
// function, a method of a generated type), so that no model name gets them.
func (s *Scope) Reserve(names ...string) {
	for _, n := range names {
		if _, ok := s.owner[n]; !ok {
			s.owner[n] = ""
		}
	}
}

// Taken reports whether name is in use.
func (s *Scope) Taken(name string) bool {
	_, ok := s.owner[name]
	return ok
}

// Owner returns what took name: the owner given to Claim or Unique, or ""
// for a reserved name; ok is false when the name is free.
func (s *Scope) Owner(name string) (owner string, ok bool) {
	owner, ok = s.owner[name]
	return owner, ok
}

// Claim takes name exactly for owner, reporting false if it was already
// taken (Owner tells by whom).
func (s *Scope) Claim(name, owner string) bool {
	if _, ok := s.owner[name]; ok {
		return false
	}
	s.owner[name] = owner
	return true
}

// Unique takes name, or name with "_" appended as often as needed, for
// owner and returns the name taken.
func (s *Scope) Unique(name, owner string) string {
	for s.Taken(name) {
		name += "_"
	}
	s.owner[name] = owner
	return name
}
