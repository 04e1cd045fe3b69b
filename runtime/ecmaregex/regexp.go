// Package ecmaregex matches strings against the regular expressions of
// Smithy's @pattern trait.
//
// Smithy specifies @pattern as an ECMA-262 (JavaScript) regular
// expression, but AWS services validate it with Java's java.util.regex,
// and real AWS models contain Java-only syntax. So the grammar accepted
// here is ECMA-262's (with the u flag) plus Java's, and the meaning is
// Java's: that of java.util.regex.Pattern.compile(pattern) with no flags
// and Matcher.find() (OpenJDK 17, which tests use as an oracle). A client
// then never rejects a value the service accepts, nor accepts one it
// rejects. Only for a pattern that Java rejects, and so no service
// enforces, does ECMA-262 give the meaning.
//
// Go's regexp package implements RE2 syntax, which rejects lookaheads,
// \uXXXX escapes and repeat counts above 1000, and gives \b, $ and . other
// meanings. This package implements only what a validator needs: a
// boolean "does the pattern match anywhere in the input".
//
// # Semantics
//
// The input is a sequence of Unicode code points (a Go string decoded as
// UTF-8, each invalid byte reading as U+FFFD). An unknown escape such as
// \q, a lone {, or an out-of-order range is a compile error, as in both
// Java and ECMA u-mode. Supported:
//
//   - literals; . matches any code point except Java's line terminators
//     \n, \r, U+0085, U+2028 and U+2029
//   - \d [0-9], \w [a-zA-Z_0-9], \s [ \t\n\x0B\f\r] (ASCII, as Java's
//     without UNICODE_CHARACTER_CLASS) and their complements \D \W \S;
//     \v is Java's vertical white space [\n\x0B\f\r\x85\u2028\u2029] and
//     \V its complement; \h and \H are Java's horizontal white space and
//     its complement
//   - \t \n \r \f \a \e \xHH \x{h...h} \uXXXX (a surrogate pair written as
//     two \u escapes is one code point), \0 followed by one to three octal
//     digits (\0377 at most), and \cX, which is X with bit 6 flipped (\cJ
//     is \n, \ca is !); a backslash before any character but an ASCII
//     letter or digit is that character (\~ \_ \: \ \é); \Q...\E quotes
//     everything up to \E or the end of the pattern; a lone } or ] is a
//     literal
//   - character classes with ranges and negation, read as Java reads them:
//     a [ inside opens a nested class whose members are added, &&
//     intersects (e.g. [\p{Print}&&[^|:/]]), a leading ^ negates the whole
//     class, a ] right after [ or [^ is a member, and a - after a class
//     escape is a literal ([\w-.] is \w, - and .); || is two | characters
//   - groups ( ), (?: ) and (?<name> ), alternation, and the quantifiers
//     x* x+ x? x{n} x{n,} x{n,m} and their lazy forms (laziness cannot
//     change a boolean result, so it is accepted and ignored)
//   - ^ and \A match at the start of the input (\G too: the search starts
//     there); $ and \Z at the end of the input or before a line terminator
//     that ends it (\n, \r\n, \r, U+0085, U+2028 or U+2029), so ^abc$
//     accepts "abc\n"; \z only at the very end
//   - \b and \B as Java 17 has them: a word character is a letter (L), a
//     decimal digit (Nd) or _, and a non-spacing mark (Mn) that follows a
//     letter or digit of the Basic Multilingual Plane, possibly through
//     other marks. This is not \w: \b sees a boundary before é in " é"
//   - lookahead (?= ) (?! ) and lookbehind (?<= ) (?<! ), and Java's
//     quantified assertions: ^, $, \b, \B, \A, \z, \Z or a lookaround
//     followed by a quantifier (one AWS model has ${2,64}, another
//     (?!\.)+) is the assertion itself when the minimum is at least one,
//     and nothing when it is zero
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
//     the input and after a line terminator but never at the end of the
//     input, and $ match at the end and before any line terminator, never
//     between \r and \n. (?s) makes . match every code point. Java's other
//     flags (d, u, x, U) are not supported
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
//   - \p{...} and \P{...}, and Java's one-letter \pL: General_Category
//     values (L, Lu, IsL, gc=L, General_Category=L; C and Cn include
//     unassigned code points), scripts (IsLatin, sc=Latn, Script=Latin),
//     binary properties (IsAlphabetic, IsWhite_Space, and the ECMA names
//     that Go's unicode tables can express: ASCII, Any, Alphabetic, ...),
//     Java's IsLetter, IsPunctuation, IsControl, IsDigit and IsTitlecase
//     (L, P, Cc, Nd, Lt), all, L1 (Latin-1) and LD (letter or decimal
//     digit), and the POSIX names with Java's US-ASCII meaning: Lower
//     [a-z], Upper [A-Z], ASCII, Alpha [a-zA-Z], Digit [0-9], Alnum
//     [a-zA-Z0-9], Punct (ASCII punctuation), Graph [\x21-\x7E], Print
//     [\x20-\x7E], Blank (space and tab), Cntrl [\x00-\x1F\x7F], XDigit
//     [0-9a-fA-F] and Space (\s)
//
// Where ECMA-262 accepts a pattern too, its meaning differs from the above
// in these ways, and Java's applies: ECMA's $ matches only at the very end
// of the input; its . matches U+0085; its \s is the Unicode white space
// set (with U+00A0, U+FEFF, U+2028 and every Zs); its \v is only U+000B;
// its \b is ASCII (\w-based); its \ca is U+0001; and it reads [ and && in
// a class as literals and [] as the empty class ([]a] is then that empty
// class followed by a]). Patterns that only ECMA-262 accepts keep its
// meaning: \u{X...}, \0 alone (U+0000), [] (matches nothing), [^] (any
// code point), \b in a class (U+0008), \p{Letter}, \p{White_Space} and
// other ECMA property names Java does not know, and group names Java
// rejects (two groups may share a name when they are in different
// alternatives, as ES2025 allows).
//
// Matching uses a Thompson NFA simulation over code points, so time is
// linear in the input length times the compiled program size, whatever the
// pattern. Lookarounds are evaluated for all input positions at once by one
// extra linear scan each (lookahead bodies run backward from the end of the
// input, lookbehind bodies run forward), only when first needed. The one
// exception is a pattern with backreferences (see above).
//
// Known differences from Java 17 remain: property data (\p{...} and the
// letters, digits and marks of \b) is that of the Go release that builds
// the program (or runs the generator, for prepared patterns), not Java
// 17's Unicode 13; Java's own lookbehind implementation answers
// differently on some bodies of unbounded length combined with
// alternatives or nested lookarounds (random tests find about one probe
// in 10,000; no AWS pattern has such a lookbehind); and JDK 19 made \b
// ASCII (JDK-8264160), so services on a newer Java see a boundary only
// where \w changes. The tests compare the AWS model patterns against
// Java's answers (testdata).
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

// Regexp is a compiled pattern. A Regexp is safe for
// concurrent use by multiple goroutines and must not be copied.
type Regexp struct {
	expr     string
	main     prog
	looks    []prog      // body of lookaround i, referenced by opLook
	classes  []charClass // character classes referenced by opClass
	anchored bool        // every match must start at input offset 0
	word     int         // parsed.word: the classes of \b, or -1

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
