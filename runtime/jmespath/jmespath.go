// Package jmespath evaluates JMESPath expressions (https://jmespath.org/specification.html)
// over JSON-shaped Go values.
//
// Generated waiters use it: the acceptors of a Smithy smithy.waiters#waitable
// trait are JMESPath expressions evaluated over an operation's input and
// output. The package is copied verbatim into every generated client, so it
// depends on the standard library only.
//
// # Data model
//
// Values are those that encoding/json decodes into an any: nil, bool,
// float64, string, []any and map[string]any. Search also accepts the other
// Go integer and float types, and json.Number, wherever a number may appear,
// and converts them to float64 before evaluating, so results only ever hold
// the six canonical types. Any other Go type in the data is an error. To
// do this Search walks the data once; data that is already canonical, as
// encoding/json produces it, is not copied.
//
// # Deviations and choices
//
// The specification leaves a few things open; this package decides them as
// follows:
//
//   - Errors that can be found without data are reported by Compile: syntax
//     errors, unknown functions, wrong argument counts, a slice step of 0
//     (invalid-value), and an expression reference (&expr) passed where a
//     function wants a value or a value passed where it wants an expression
//     reference (invalid-type). Everything else that depends on the data,
//     such as abs('x'), is reported by Search.
//   - "&" is only accepted at the start of a function argument, as the
//     grammar says, so an expression reference can never become part of a
//     result.
//   - Literals between backticks must be valid JSON; the legacy form in
//     which `foo` meant the string "foo" is a syntax error. Smithy's own
//     parser, which validates waiter expressions in models, rejects it too.
//   - A quoted identifier may be empty (""), as in the reference
//     implementations and Smithy, although the grammar asks for one
//     character.
//   - Object wildcards (*), keys and values visit keys in sorted order, so
//     results do not depend on Go's random map iteration order. The
//     specification leaves the order unspecified.
//   - In foo.*.bar.baz the projection created by ".*" continues through
//     ".bar.baz", as it does for foo[*].bar.baz, matching Smithy's parser
//     (the Python and Go reference implementations end it after ".bar").
//   - to_number accepts exactly the strings that match the JSON number
//     grammar and whose value is finite.
//   - "!" binds more tightly than ".", as in the reference implementations
//     and Smithy: !a.b means (!a).b, which is null; write !(a.b).
//   - Results may share memory with the data passed to Search; treat them as
//     read-only. They never share memory with the compiled expression.
//
// # Cost
//
// Compiling is linear in the length of the expression, and nesting is
// limited to 1000 levels. Evaluating is not bounded by the size of the data
// alone: results share structure, so [@,@]|[@,@]|... doubles the size of
// its result at each step without copying anything, and whatever walks such
// a result (==, to_string, a projection) can take time exponential in the
// length of the expression. Expressions from Smithy models are trusted;
// do not evaluate untrusted expressions without a time limit.
package jmespath

import (
	"fmt"
	"strings"
)

// ErrorKind classifies an ExprError with the error names the JMESPath specification
// and its compliance suite use.
type ErrorKind string

// The kinds of error.
const (
	// KindSyntax means the expression is not valid JMESPath.
	KindSyntax ErrorKind = "syntax"
	// KindInvalidType means a value had a type that an operation does not
	// accept, such as abs('x'), or that the data held an unsupported Go type.
	KindInvalidType ErrorKind = "invalid-type"
	// KindInvalidValue means a value of the right type was unusable, such as
	// a slice step of 0.
	KindInvalidValue ErrorKind = "invalid-value"
	// KindInvalidArity means a function was called with the wrong number of
	// arguments.
	KindInvalidArity ErrorKind = "invalid-arity"
	// KindUnknownFunction means a function name is not one of the built-in
	// functions.
	KindUnknownFunction ErrorKind = "unknown-function"
)

// ExprError is the error type of Compile and Search.
type ExprError struct {
	// Kind classifies the error.
	Kind ErrorKind
	// Expression is the expression that failed.
	Expression string
	// Offset is the byte offset in Expression of the token where the problem
	// was found (for errors raised by a function, the function's name), or
	// -1 when the problem is not tied to a position, as for unsupported data.
	Offset int
	// Message describes the problem.
	Message string
}

// Error formats the error with its kind, position and expression.
func (e *ExprError) Error() string {
	var b strings.Builder
	b.WriteString("jmespath: ")
	b.WriteString(string(e.Kind))
	b.WriteString(" error")
	if e.Offset >= 0 {
		fmt.Fprintf(&b, " at offset %d", e.Offset)
	}
	if e.Expression != "" {
		fmt.Fprintf(&b, " in %q", e.Expression)
	}
	b.WriteString(": ")
	b.WriteString(e.Message)
	return b.String()
}

// errorAt makes an ExprError for a problem found at a known offset while
// compiling; Compile fills in Expression.
func errorAt(kind ErrorKind, offset int, format string, args ...any) *ExprError {
	return &ExprError{Kind: kind, Offset: offset, Message: fmt.Sprintf(format, args...)}
}

// runtimeError makes an ExprError raised by a built-in function. It has no
// offset yet: the call node that ran the function supplies its own, and
// Search supplies the expression.
func runtimeError(kind ErrorKind, format string, args ...any) *ExprError {
	return &ExprError{Kind: kind, Offset: -1, Message: fmt.Sprintf(format, args...)}
}

// Expr is a compiled JMESPath expression. It is immutable, so one Expr may
// be used by any number of goroutines at once.
type Expr struct {
	src  string
	root astNode
}

// Compile parses a JMESPath expression. Its errors are *Error; syntax errors
// carry the offset of the offending token, and the static checks described
// in the package documentation are done here too.
func Compile(expr string) (*Expr, error) {
	root, err := parse(expr)
	if err != nil {
		err.Expression = expr
		return nil, err
	}
	return &Expr{src: expr, root: root}, nil
}

// MustCompile is like Compile but panics if the expression does not
// compile. It suits expressions fixed at generation time, such as waiter
// acceptor paths, held in package-level variables.
func MustCompile(expr string) *Expr {
	e, err := Compile(expr)
	if err != nil {
		panic(err)
	}
	return e
}

// String returns the source text of the expression.
func (e *Expr) String() string {
	return e.src
}

// Search evaluates the expression against data. Its errors are *Error:
// runtime errors such as invalid-type from a function, or data holding a
// Go type outside the data model.
func (e *Expr) Search(data any) (any, error) {
	data, err := normalize(data)
	if err == nil {
		var result any
		result, err = e.root.eval(data)
		if err == nil {
			return result, nil
		}
	}
	if je, ok := err.(*ExprError); ok && je.Expression == "" {
		je.Expression = e.src
	}
	return nil, err
}

// Search compiles expr and evaluates it against data. Code that evaluates
// the same expression more than once should Compile it once instead.
func Search(expr string, data any) (any, error) {
	e, err := Compile(expr)
	if err != nil {
		return nil, err
	}
	return e.Search(data)
}
