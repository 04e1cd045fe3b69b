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
// unknown escape such as \q, a lone {, or an out-of-order range is a
// compile error rather than a literal (Java rejects those too; the Java
// syntax accepted beyond u-mode is listed under Extensions). Supported:
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
// input, lookbehind bodies run forward), only when first needed. The one
// exception is a pattern with backreferences (see Extensions).
//
// # Extensions
//
// AWS services validate @pattern with Java's java.util.regex, and real AWS
// models contain Java-only syntax that strict u-mode ECMA-262 rejects. The
// rule is: a pattern that ECMA-262 accepts means what ECMA-262 says (with
// the exceptions for \p{Alpha} and friends below); syntax that only Java
// accepts is accepted with Java's (OpenJDK 17's) meaning, so that every
// pattern of those models compiles. The extensions are:
//
//   - \A and \G match at the start of the input; \z and \Z match at the end
//     of the input (unlike Java, \Z does not also match before a final line
//     terminator: the input is a single value, not a text of lines)
//   - \x{h...h} is the code point with that hexadecimal value; \0 followed
//     by one to three octal digits (\0377 at most) is an octal escape; \a
//     is U+0007, \e is U+001B, and \cX for a non-letter X is X with bit 6
//     flipped
//   - a backslash before any character but an ASCII letter or digit is that
//     character (e.g. \~ \_ \: \ \é); ECMA u-mode allows this only for
//     syntax characters and /. \Q...\E quotes everything up to \E (or the
//     end of the pattern)
//   - a lone } or ] outside a class is a literal
//   - \h and \H are Java's horizontal white space and its complement, and
//     \V is anything but vertical white space (\v keeps its ECMA meaning,
//     U+000B)
//   - a quantifier directly after ^, $, \b, \B, \A, \z, \Z or a lookaround
//     (one AWS model has ${2,64}, another (?!\.)+): such an assertion is
//     zero-width, so repeating it at least once means the assertion itself,
//     and a minimum of zero means no assertion at all
//   - Java parses {n}, {n,} and {n,m} after a quantifier, or with nothing
//     before them, and ignores them: x{11}{0,1011} is x{11}, ^{2}x is ^x
//   - possessive quantifiers x*+ x++ x?+ x{n,m}+ take as many repetitions
//     as they can and give none back. An operand that always matches the
//     same number of code points (a character, a class, a fixed string)
//     makes that x{m} | x{n,m-1}(?!x), which the NFA runs in linear time;
//     other operands are not supported
//   - inline flags (?i) (?m) (?s), with - to clear them, alone (until the
//     end of the enclosing group, later alternatives included) or scoped
//     as (?flags:...). (?i) matches ASCII letters in either case, as Java
//     does without UNICODE_CASE (and, as Java does, makes \p{Lu}, \p{Ll}
//     and \p{Lt} each match all three). (?m) makes ^ match at the start of
//     the input and after a line terminator (\n, \r, \r\n, U+0085,
//     U+2028, U+2029) but never at the end of the input, and $ match at the
//     end and before a line terminator. (?s) makes . match every code
//     point. Java's other flags (d, u, x, U) are not supported
//   - backreferences \1 to \9 (more digits while they name a group already
//     opened, as in Java) and \k<name>. A reference to a group that has not
//     matched, or does not exist, fails; a group in a loop keeps its last
//     capture. A pattern with backreferences is not regular, so it is
//     matched by a backtracking search over its tree instead of the NFA,
//     with a budget of 2^20 steps and a nesting depth of 2^14 per
//     MatchString call (a run of one character or class costs steps but no
//     depth). If the budget runs out, MatchString reports a match: a client
//     check is a courtesy in front of the service, which has the final
//     word, and must not reject an input only because it was expensive to
//     check. Patterns without backreferences never use this matcher
//   - in a class, a - after a class escape is a literal ([\w-.] is \w, -
//     and .), as in Java
//   - a class with a nested [...] or && in a pattern that ECMA-262 rejects
//     (as an error, or by reading a ] that closes the nested class as a
//     stray literal) is read as Java reads it: [ opens a nested class
//     whose members are added, && intersects (e.g. [\p{Print}&&[^|:/]]),
//     and a leading ^ negates the whole class
//   - \pL (a one-letter name without braces) is \p{L}
//   - \p{Name} for the Java POSIX class names has Java's US-ASCII meaning:
//     Lower [a-z], Upper [A-Z], ASCII, Alpha [a-zA-Z], Digit [0-9],
//     Alnum [a-zA-Z0-9], Punct (ASCII punctuation), Graph [\x21-\x7E],
//     Print [\x20-\x7E], Blank (space and tab), Cntrl [\x00-\x1F\x7F],
//     XDigit [0-9a-fA-F], Space (space and \t \n \v \f \r). Alpha, Lower and Upper are
//     also ECMA aliases of the Unicode properties Alphabetic, Lowercase and
//     Uppercase; the Java meaning wins because the services that declare
//     these patterns enforce them with Java. Java's all (every code point),
//     L1 (Latin-1) and LD (a letter or decimal digit) are accepted too
//   - \p{IsName} (Java's Is prefix) names a binary property, ignoring case
//     and underscores (IsAlphabetic, IsWhite_Space, IsWhitespace), a
//     general category or POSIX name (IsL, IsLu, IsPunct), or a script,
//     ignoring case (IsLatin, IsGREEK); Java's IsLetter, IsPunctuation,
//     IsControl, IsDigit and IsTitlecase are L, P, Cc, Nd and Lt
//
// Everything else keeps its ECMA meaning where Java's differs: $ matches
// only at the very end of the input, never before a final line terminator;
// . matches U+0085; \s is ECMA's Unicode set (Java's is ASCII) while \d,
// \w and \b are ASCII; \v is U+000B; \0 alone is U+0000; \cX for a letter
// X is X mod 32; in a class, || is two literal | characters, && two
// literal & and [ a literal (when the pattern is valid ECMA-262); and
// \u10000 is \u1000 followed by the digit 0. Two groups may share a name
// when they are in different alternatives, as ES2025 allows. The tests
// record these differences against Java's answers (testdata).
//
// # Errors
//
// Compile and Prepare return an *Error. Its JavaRejects field (also
// reported by errors.Is(err, ErrJavaRejects)) is set when java.util.regex
// rejects the pattern too, so that no service validating with Java can be
// enforcing it: a generator can then warn and omit the check. Otherwise
// the pattern is valid Java, or may be, but this package does not support
// it (see below).
//
// # Limits and unsupported features
//
// Java's flags d, u, x and U, atomic groups (?>...), possessive quantifiers
// on operands of varying length, \R, \X, \N{...}, Unicode blocks
// (\p{InGreek}), \p{javaName}, Script_Extensions and the binary properties
// that Go's unicode package has no data for (for example Emoji,
// Changes_When_*, XID_Start) are compile errors. Property data is that of
// the Go release that builds the program.
//
// Counted repeats are compiled by copying their operand, and a pattern
// whose program would exceed 262144 instructions (e.g. a{300000}) is
// rejected, as is group nesting deeper than 500. A character class
// repeated {0,8192} is about 16k instructions, and the largest AWS
// pattern, .{1,100000}, about 200k (some megabytes of matcher, built on
// first use).
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
