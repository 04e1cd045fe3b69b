// Package ecmaregex matches strings against ECMA-262 (JavaScript) regular
// expressions, which is the dialect of Smithy's @pattern trait.
//
// Go's regexp package implements RE2 syntax, which differs from ECMA-262 in
// ways that matter for real service models: it rejects lookaheads, \uXXXX
// escapes and repeat counts above 1000, and it gives \s, \w, \d and . slightly
// different meanings. This package implements only what a validator needs:
// a boolean "does the pattern match anywhere in the input", like
// RegExp.prototype.test with the u flag and no other flags.
//
// # Semantics
//
// Patterns use the ECMA-262 grammar with the u (Unicode) flag: the input is a
// sequence of Unicode code points (a Go string decoded as UTF-8, each invalid
// byte reading as U+FFFD), and the stricter u-mode escape rules apply, so an
// unknown escape such as \q, a lone { or }, or an out-of-order range is a
// compile error rather than a literal. Supported:
//
//   - literals, ., \d \D \w \W \s \S (\s is ECMA's WhiteSpace and
//     LineTerminator set, which includes U+00A0, U+FEFF, U+2028, U+2029 and
//     every Zs code point); . matches any code point except \n, \r, U+2028
//     and U+2029
//   - \t \n \r \v \f \0 \cX \xHH \uXXXX \u{X...}, surrogate pairs written as
//     two \u escapes, and identity escapes of the syntax characters and /
//   - character classes with ranges and negation, including [] (matches
//     nothing) and [^] (matches any code point); inside a class \b is U+0008
//     and \- is a hyphen
//   - groups ( ), (?: ) and (?<name> ), alternation, and the quantifiers
//     x* x+ x? x{n} x{n,} x{n,m} and their lazy forms (laziness cannot
//     change a boolean result, so it is accepted and ignored)
//   - the anchors ^ and $ (input start and end: there is no multiline flag),
//     \b and \B
//   - lookahead (?= ) (?! ) and lookbehind (?<= ) (?<! )
//   - \p{...} and \P{...} with General_Category values (L, Lu, Letter,
//     General_Category=L, gc=L, ... including Cn and C, which ECMA defines to
//     contain unassigned code points), scripts (Script=Latin, sc=Latn) and the
//     binary properties that Go's unicode tables can express (ASCII, Any,
//     Assigned, Alphabetic, White_Space, Lowercase, Uppercase, ID_Start, ...)
//
// Matching uses a Thompson NFA simulation over code points, so time is
// linear in the input length times the compiled program size, whatever the
// pattern. Lookarounds are evaluated for all input positions at once by one
// extra linear scan each (lookahead bodies run backward from the end of the
// input, lookbehind bodies run forward), only when first needed.
//
// # Extensions
//
// AWS services validate @pattern with Java's java.util.regex, and real AWS
// models contain Java-only syntax that strict u-mode ECMA-262 rejects. The
// following are accepted deliberately, with their Java meaning, so that
// every pattern of those models compiles:
//
//   - \A matches at the start of the input; \z and \Z match at the end of the
//     input (unlike Java, \Z does not also match before a final line
//     terminator: the input is a single value, not a text of lines)
//   - \x{h...h} is the code point with that hexadecimal value
//   - a backslash before any ASCII punctuation character is that character
//     (e.g. \~ \_ \: \, \@ \- outside a class); ECMA u-mode allows this only
//     for syntax characters and /
//   - a quantifier directly after ^, $, \b, \B, \A, \z or \Z (one AWS
//     model has ${2,64}): such an assertion is zero-width, so repeating it
//     at least once means the assertion itself, and a minimum of zero
//     means no assertion at all. Quantified lookarounds remain errors.
//   - \p{Name} for the Java POSIX class names has Java's US-ASCII meaning:
//     Lower [a-z], Upper [A-Z], ASCII, Alpha [a-zA-Z], Digit [0-9],
//     Alnum [a-zA-Z0-9], Punct (ASCII punctuation), Graph [\x21-\x7E],
//     Print [\x20-\x7E], Blank (space and tab), Cntrl [\x00-\x1F\x7F],
//     XDigit [0-9a-fA-F], Space (space and \t \n \v \f \r). Alpha, Lower and Upper are
//     also ECMA aliases of the Unicode properties Alphabetic, Lowercase and
//     Uppercase; the Java meaning wins because the services that declare
//     these patterns enforce them with Java.
//   - \p{IsName} (Java's Is prefix) names a binary property (IsAlphabetic,
//     IsWhite_Space), a general category (IsL, IsLetter, IsLu) or a script
//     (IsLatin); Java's IsPunctuation, IsControl, IsDigit, IsTitlecase are
//     P, Cc, Nd and Lt
//
// Everything else keeps its ECMA meaning where Java's differs: $ matches
// only at the very end of the input, never before a final newline; \s is
// ECMA's Unicode set while \d, \w and \b are ASCII; in a class, || is two
// literal | characters and && two literal &; and \u10000 is \u1000 followed
// by the digit 0. Two groups may share a name when they are in different
// alternatives, as ES2025 allows.
//
// # Limits and unsupported features
//
// Backreferences (\1, \k<name>), flags and modifiers ((?i) etc.),
// Script_Extensions, Unicode blocks (\p{InGreek}) and the binary properties
// that Go's unicode package has no data for (for example Emoji,
// Changes_When_*, XID_Start) are compile errors. Property data is that of
// the Go release that builds the program.
//
// Counted repeats are compiled by copying their operand, and a pattern
// whose program would exceed 131072 instructions (e.g. a{200000}) is
// rejected, as is group nesting deeper than 500. A character class
// repeated {0,8192} is about 16k instructions.
//
// # Prepared patterns
//
// Prepare parses a pattern ahead of time into a Prepared: a tree of Nodes
// and Classes (Unicode properties expanded to ranges) that a code generator
// writes out as a Go literal. Matching a Prepared builds the same program
// Compile does, on first use, without the parser or Go's Unicode property
// tables, which are most of this package's size in a binary. Generated
// clients use only prepared patterns, and their copy of this package leaves
// out the files that only preparing needs (those named *_gentime.go: the
// parser, Compile and the property tables). Their Unicode property data is
// that of the Go release that ran the generator.
package ecmaregex

import "sync"

// Regexp is a compiled ECMA-262 regular expression. A Regexp is safe for
// concurrent use by multiple goroutines and must not be copied.
type Regexp struct {
	expr     string
	main     prog
	looks    []prog      // body of lookaround i, referenced by opLook
	classes  []charClass // character classes referenced by opClass
	anchored bool        // every match must start at input offset 0

	// tree is set instead of main and looks for a pattern with
	// backreferences, which the backtracking matcher runs (backtrack.go);
	// groups is its number of capturing groups.
	tree   *node
	groups int

	// machines caches per-match scratch space so that MatchString does not
	// allocate once warmed up; a sync.Pool keeps concurrent callers apart.
	machines sync.Pool
}

// String returns the source pattern the Regexp was compiled from.
func (re *Regexp) String() string {
	return re.expr
}

// MatchString reports whether the pattern matches any substring of s, as
// RegExp.prototype.test would. ^ and $ match only at the start and end of s.
func (re *Regexp) MatchString(s string) bool {
	if re.tree != nil {
		return re.backtrackMatch(s)
	}
	m, _ := re.machines.Get().(*machine)
	if m == nil {
		m = newMachine(re)
	}
	ok := m.match(s)
	m.release()
	re.machines.Put(m)
	return ok
}
