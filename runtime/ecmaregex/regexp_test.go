package ecmaregex

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"unicode"
)

type matchCase struct {
	pattern, input string
	want           bool
}

// matchCases are checked against what java.util.regex's find() returns
// (Java 17, no flags), or for a pattern only ECMA-262 accepts, what
// RegExp.prototype.test returns with the u flag.
var matchCases = []matchCase{
	// Unanchored search and anchors.
	{"", "", true},
	{"", "anything", true},
	{"b", "abc", true},
	{"b", "acd", false},
	{"^b", "abc", false},
	{"c$", "abc", true},
	{"b$", "abc", false},
	{"^abc$", "abc", true},
	{"^abc$", "abcd", false},
	{"^abc$", "abc\n", true}, // Java: $ also matches before a final line terminator
	{"^abc$", "abc\r\n", true},
	{"^abc$", "abc\r", true},
	{"^abc$", "abc\u0085", true},
	{"^abc$", "abc\u2028", true},
	{"^abc$", "abc\n\n", false},
	{"^abc$", "abc\n\r", false},
	{"^abc\r$", "abc\r\n", false}, // not between \r and \n
	{"^abc\n$", "abc\n\n", true},
	{"^$", "\n", true},
	{"^abc$", "\nabc", false},
	{"abc$", "x\nabc", true},
	{"^a$|^b$", "a", true},
	{"^a$|^b$", "b", true},
	{"^a$|^b$", "ab", false},
	{"^a$|^b$", "", false},
	{"a|^b", "xb", false},
	{"a|^b", "xa", true},
	{"^$", "", true},
	{"^$", "x", false},
	{"$^", "", true},
	{"x^", "x", false},

	// Literals and escapes.
	{`a\.b`, "a.b", true},
	{`a\.b`, "axb", false},
	{`a.b`, "axb", true},
	{`\/\\\$\^\*\+\?\(\)\[\]\{\}\|`, `/\$^*+?()[]{}|`, true},
	{`\t\n\r\v\f\0`, "\t\n\r\v\f\x00", true},
	{`\x41\x7e`, "A~", true},
	{`\x41`, "a", false},
	{`\u0041\u00e9`, "Aé", true},
	{`\u{1F600}`, "😀", true},
	{`\u{0000041}`, "A", true},
	{`\uD83D\uDE00`, "😀", true}, // a surrogate pair is one code point in u-mode
	{`^\uD83D\uDE00$`, "😀", true},
	{`\cJ`, "\n", true},
	{`\ca`, "\x01", false}, // Java: \cX flips bit 6 of X, so \ca is !
	{`\ca`, "!", true},
	{`^\u10000$`, "\u10000", true}, // \u1000 then the digit 0
	{`^\u10000$`, "\U00010000", false},

	// Dot.
	{"^.$", "a", true},
	{"^.$", "é", true},
	{"^.$", "😀", true}, // one code point, not two UTF-16 units
	{"^..$", "😀", false},
	{"^.$", "\n", false},
	{"^.$", "\r", false},
	{"^.$", "\u2028", false},
	{"^.$", "\u2029", false},
	{"^.$", "\u0085", false}, // Java: NEL is a line terminator
	{"^.$", "\xff", true},    // an invalid byte reads as U+FFFD
	{"^\uFFFD$", "\xff", true},
	{"^..$", "\xe2\x82", true}, // two invalid bytes, two code points

	// Character class escapes.
	{`^\d+$`, "0123456789", true},
	{`\d`, "٣", false}, // ECMA \d is ASCII only
	{`^\D$`, "٣", true},
	{`^\w+$`, "az_AZ09", true},
	{`\w`, "é", false},
	{`^\W$`, "é", true},
	{`^\s$`, " ", true},
	{`^\s$`, "\t", true},
	{`^\s$`, "\v", true},
	{`^\s$`, "\u00a0", false}, // Java's \s is ASCII
	{`^\s$`, "\u3000", false},
	{`^\s$`, "\ufeff", false},
	{`^\s$`, "\u2028", false},
	{`^\s$`, "\u1680", false},
	{`^\s$`, "\x1c", false},
	{`^\s$`, "\u0085", false},
	{`^\S$`, "\u00a0", true},
	{`^\v$`, "\u0085", true}, // Java's \v is vertical white space
	{`^\v$`, "\n", true},
	{`^[\v]$`, "\u2028", true},
	{`^\v$`, "v", false},
	{`^\S+$`, "abc", true},

	// Word boundaries.
	{`\bfoo\b`, "a foo b", true},
	{`\bfoo\b`, "afoo b", false},
	{`\bfoo\b`, "foo", true},
	{`\Bfoo`, "afoo", true},
	{`\Bfoo`, "a foo", false},
	{`\b`, "", false},
	{`\B`, "", true},
	{`\bé`, " é", true}, // Java 17's \b counts letters and digits of any script
	{`é\b`, "éa", false},
	{`a\b`, "a٣", false},
	{`a\b`, "a\u0301", false}, // a non-spacing mark continues the word
	{`^a\u0301\b`, "a\u0301", true},
	{`^a\u0301\b`, "a\u0301b", false},
	{`_\b`, "_\u0301", true},                          // ... of a letter or digit, not of _
	{`^\x{1D400}\u0301\b`, "\U0001D400\u0301", false}, // ... nor of a supplementary letter
	{`\b\x{1D400}`, " \U0001D400", true},
	{`^(?:(?:25[0-5]|(?:2[0-4]|1\d|[0-9]|)\d)\.?\b){4}$`, "192.168.0.1", true},
	{`^(?:(?:25[0-5]|(?:2[0-4]|1\d|[0-9]|)\d)\.?\b){4}$`, "192.168.0.256", false},

	// Classes.
	{"^[abc]+$", "abccba", true},
	{"^[abc]+$", "abcd", false},
	{"^[^abc]+$", "xyz", true},
	{"^[^abc]+$", "xaz", false},
	{"^[a-z0-9]+$", "az09", true},
	{"^[a-z0-9]+$", "aZ", false},
	{"[]", "", false},
	{"[]", "abc", false},
	{"^[^]$", "\n", true},
	{"^[^]$", "😀", true},
	{`^[\d\s]+$`, "1 2\u00a03", false},
	{`^[^\s]$`, "\u00a0", true},
	{`^[\D]$`, "a", true},
	{`^[^\d]$`, "5", false},
	{`^[^\D]$`, "5", true},
	{`^[\b]$`, "\b", true}, // \b in a class is backspace
	{`^[\-]$`, "-", true},
	{`^[a\-z]+$`, "a-z", true},
	{`^[a\-z]+$`, "b", false},
	{`^[a-]+$`, "a-", true},
	{`^[-a]+$`, "-a", true},
	{`^[\w-]+$`, "a-b", true},
	{`^[a-b-c]+$`, "a-c", true}, // a-b, then '-' and 'c'
	{`^[a-b-c]+$`, "bb", true},
	{`^[--/]+$`, "-./", true},
	{`^[.]$`, "a", false},
	{`^[.]$`, ".", true},
	{`^[(){}|*+?$^]+$`, "(){}|*+?$^", true},
	{`^[\u0041-\u005A]+$`, "AZ", true},
	{`^[\u{1F600}-\u{1F64F}]$`, "😃", true},
	{`^[\uD83D\uDE00-\uD83D\uDE4F]$`, "😃", true}, // pairs in a class are code points
	{`^[\uD800]$`, "\uFFFD", false},              // a lone surrogate matches only itself
	{`^[\uD800\uDBFF-\uDC00\uDFFF]*$`, "", true},
	{`^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDBFF-\uDC00\uDFFF\r\n\t]*$`, "hello\tworld ✓", true},
	{`^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDBFF-\uDC00\uDFFF\r\n\t]*$`, "\x01", false},
	// \u10000-\u10FFFF in a class is \u1000, '0'-\u10FF, 'F', 'F'.
	{`^[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]*$`, "ok ✓", true},
	{`^[\u10000-\u10FFFF]$`, "\U00010000", false},
	{`^[\u10000-\u10FFFF]$`, "A", true},
	{`^[\x20-\x7E]+$`, "Hello, World!", true},
	{`^[\x20-\x7E]+$`, "Héllo", false},
	{`^[^\x00-\x1F\x7F]+$`, "tab\there", false},
	{`^[^\x00-\x1F\x7F]+$`, "fine ünïcödé", true},

	// The AWS patterns from the brief.
	{`^(?!aws:)[a-zA-Z+-=._:/]+$`, "aws:foo", false},
	{`^(?!aws:)[a-zA-Z+-=._:/]+$`, "aws-foo", true},
	{`^(?!aws:)[a-zA-Z+-=._:/]+$`, "my:key/1=2", true}, // '+-=' is the range '+'..'=', digits included
	{`^(?!aws:)[a-zA-Z+-=._:/]+$`, "a b", false},
	{`^(?!aws:)[a-zA-Z+-=._:/]+$`, "", false},
	{`^[a-zA-Z0-9+/=]{1,1024}$`, "dGhpcyBpcyBhIHRlc3Q=", true},
	{`^[a-zA-Z0-9+/=]{1,1024}$`, "", false},
	{`^[a-zA-Z0-9+/=]{1,1024}$`, strings.Repeat("A", 1024), true},
	{`^[a-zA-Z0-9+/=]{1,1024}$`, strings.Repeat("A", 1025), false},
	{`^[a-zA-Z0-9+/=]{1,1024}$`, "abc!", false},
	{`^\p{ASCII}{0,8192}$`, strings.Repeat("x", 8192), true},
	{`^\p{ASCII}{0,8192}$`, strings.Repeat("x", 8193), false},
	{`^\p{ASCII}{0,8192}$`, "é", false},

	// Groups, alternation, quantifiers.
	{"^(ab)+$", "ababab", true},
	{"^(ab)+$", "ababa", false},
	{"^(?:ab)*$", "", true},
	{"^(?<word>ab)c$", "abc", true},
	{"^(?<$x_1>a)(?<y>b)$", "ab", true},
	{"^(a|bc|)+d$", "abcbcad", true},
	{"^(a|bc|)+d$", "d", true},
	{"^(a|bc|)+d$", "bd", false},
	{"^a?b$", "b", true},
	{"^a?b$", "aab", false},
	{"^a{3}$", "aaa", true},
	{"^a{3}$", "aa", false},
	{"^a{3}$", "aaaa", false},
	{"^a{2,}$", "aa", true},
	{"^a{2,}$", "aaaaaaa", true},
	{"^a{2,}$", "a", false},
	{"^a{2,3}$", "aaa", true},
	{"^a{2,3}$", "aaaa", false},
	{"^a{0}$", "", true},
	{"^a{0}$", "a", false},
	{"^a{0,0}b$", "b", true},
	{"^a*?b+?c??d{1,2}?$", "aabbdd", true},
	{"^(?:a*)*$", "aaa", true},
	{"^(?:a*)+b$", "b", true},
	{"^(?:a?){5}a{5}$", "aaaaa", true},
	{"^(?:(?:a|b)*c){2}$", "abcbac", true},
	{"^(?:(?:a|b)*c){2}$", "abcba", false},
	{"^(?:){3}$", "", true},

	// Lookaround.
	{`^(?:(?!-)[a-z-])+$`, "abc", true},
	{`^(?:(?!-)[a-z-])+$`, "a-c", false},
	{`^(?:(?!-)[a-z-])+$`, "-ac", false},
	{`^(?:(?=[a-c])[a-z])+$`, "abcabc", true},
	{`^(?:(?=[a-c])[a-z])+$`, "abcd", false},
	{`foo(?=bar)`, "foobaz foobar", true},
	{`foo(?=bar)`, "foobaz", false},
	{`foo(?!bar)`, "foobar", false},
	{`foo(?!bar)`, "foobarfoo", true},
	{`^(?=.*\d)(?=.*[a-z]).{8,}$`, "abcdefg1", true},
	{`^(?=.*\d)(?=.*[a-z]).{8,}$`, "abcdefgh", false},
	{`^(?=.*\d)(?=.*[a-z]).{8,}$`, "abc1", false},
	{`^(?!.*[.]git$)[\w\-.]*$`, "repo.git", false},
	{`^(?!.*[.]git$)[\w\-.]*$`, "repo.gitx", true},
	{`^(?!^\s+$)((?![\x5c'\x2b,;<=>#\x22])([\x20-\x7E]))+$`, "hello world", true},
	{`^(?!^\s+$)((?![\x5c'\x2b,;<=>#\x22])([\x20-\x7E]))+$`, "   ", false},
	{`^(?!^\s+$)((?![\x5c'\x2b,;<=>#\x22])([\x20-\x7E]))+$`, "a+b", false},
	{`(?=a)`, "xxa", true},
	{`(?=a)`, "xxb", false},
	{`(?!)`, "abc", false},
	{`(?=)`, "", true},
	{`^(?=(?!b)a)a$`, "a", true}, // nested lookarounds
	{`^(?=(?=a)(?!ab)).*$`, "ab", false},
	{`^(?=(?=a)(?!ab)).*$`, "ac", true},
	{`a(?=b(?=c))`, "abd abc", true},
	{`a(?=b(?=c))`, "abd", false},
	{`(?<=a)b`, "ab", true},
	{`(?<=a)b`, "cb", false},
	{`(?<!a)b`, "ab", false},
	{`(?<!a)b`, "cb", true},
	{`(?<!a)b`, "b", true},
	{`(?<=^|,)x`, "a,x", true},
	{`(?<=^|,)x`, "ax", false},
	{`(?<=\$)\d+(?:\.\d\d)?$`, "cost: $10.50", true},
	{`(?<=\$)\d+(?:\.\d\d)?$`, "cost: 10.50", false},
	{`(?<=ab(?=c)c)d`, "abcd", true},
	{`(?<=a(?<!xa)b)c`, "yabc", true},
	{`(?<=a(?<!xa)b)c`, "xabc", false},
	{`(?<=é)x`, "éx", true},
	{`(?<=😀)x`, "😀x", true},
	{`(?<=\w{3})x`, "abx", false},
	{`(?<=\w{3})x`, "abcx", true},

	// Unicode properties, with non-ASCII input.
	{`^\p{L}+$`, "héllo", true},
	{`^\p{L}+$`, "日本語", true},
	{`^\p{L}+$`, "abc1", false},
	{`^\p{Lu}$`, "É", true},
	{`^\p{Lu}$`, "é", false},
	{`^\p{Ll}$`, "é", true},
	{`^\p{Letter}+$`, "Ωμέγα", true},
	{`^\p{General_Category=L}+$`, "Ωμέγα", true},
	{`^\p{gc=Lu}$`, "Ω", true},
	{`^\p{gc=Uppercase_Letter}$`, "Ω", true},
	{`^\p{N}+$`, "١٢٣", true},
	{`^\p{Nd}+$`, "١٢٣", true},
	{`^\p{Nd}$`, "Ⅻ", false},
	{`^\p{Nl}$`, "Ⅻ", true},
	{`^\p{P}+$`, "!¿«»", true},
	{`^\p{punct}+$`, "!¿", true},
	{`^\p{S}+$`, "€+©", true},
	{`^\p{Sc}$`, "€", true},
	{`^\p{Z}$`, "\u3000", true},
	{`^\p{Zs}$`, "\u2028", false},
	{`^\p{Zl}$`, "\u2028", true},
	{`^\p{M}$`, "\u0301", true},
	{`^\p{Mn}$`, "\u0301", true},
	{`^\p{C}$`, "\x00", true},
	{`^\p{C}$`, "\u200b", true},      // Cf
	{`^\p{C}$`, "\U000E0000", true},  // unassigned (Cn) is part of C
	{`^\p{C}$`, "\U0010FFFF", true},  // noncharacter: unassigned
	{`^\p{Cn}$`, "\U000E0000", true}, // unassigned
	{`^\p{Cn}$`, "a", false},
	{`^\p{Cn}$`, "\u200b", false},
	{`^\p{Co}$`, "\uE000", true},
	{`^\p{C}$`, "a", false},
	{`^[^\p{C}]+$`, "printable ✓", true},
	{`^[^\p{C}]+$`, "tab\t", false},
	{`^\P{L}+$`, "123", true},
	{`^\P{L}+$`, "12a", false},
	{`^[\P{L}]+$`, "123", true},
	{`^[^\P{L}]+$`, "abc", true},
	{`^[^\P{L}]+$`, "ab1", false},
	{`^\P{C}+$`, "ok", true},
	{`^\P{Cn}$`, "\U000E0000", false},
	{`^\p{LC}$`, "a", true},
	{`^\p{Cased_Letter}$`, "ǅ", true},
	{`^\p{LC}$`, "ª", false}, // Lo
	{`^\p{Script=Latin}+$`, "abcé", true},
	{`^\p{Script=Latin}+$`, "abcΩ", false},
	{`^\p{sc=Greek}+$`, "Ωμέγα", true},
	{`^\p{sc=Grek}+$`, "Ωμέγα", true},
	{`^\p{sc=Han}+$`, "日本", true},
	{`^\p{sc=Hani}+$`, "日本", true},
	{`^\p{sc=Zyyy}$`, "1", true},
	{`^\p{sc=Unknown}$`, "\U000E0000", true},
	{`^\p{sc=Unknown}$`, "a", false},
	{`^\p{ASCII}+$`, "abc~\x00", true},
	{`^\p{ASCII}+$`, "abcé", false},
	{`^\P{ASCII}$`, "é", true},
	{`^\p{Any}$`, "\U0010FFFF", true},
	{`^\p{Any}$`, "\n", true},
	{`^\p{Alphabetic}+$`, "abcÉⅫ", true}, // Nl is alphabetic
	{`^\p{Alphabetic}$`, "1", false},
	{`^\p{White_Space}$`, "\u0085", true},
	{`^\p{space}$`, "\u3000", true},
	{`^\p{White_Space}$`, "\ufeff", false}, // unlike ECMA \s
	{`^\p{Lowercase}$`, "ª", true},         // Other_Lowercase
	{`^\p{Uppercase}$`, "Ⓐ", true},         // Other_Uppercase
	{`^\p{Assigned}$`, "a", true},
	{`^\p{Assigned}$`, "\U000E0000", false},
	{`^\p{Hex_Digit}+$`, "0aF", true},
	{`^\p{AHex}$`, "g", false},
	{`^\p{ID_Start}\p{ID_Continue}*$`, "ab1_", true},
	{`^\p{ID_Start}$`, "1", false},
	{`^\p{Ideographic}$`, "日", true},
	{`^\p{Grapheme_Base}$`, "a", true},
	{`^\p{Grapheme_Base}$`, "\u0301", false},
	{`^\p{Grapheme_Extend}$`, "\u0301", true},
	{`^\p{Math}$`, "+", true},
	{`^\p{Cased}$`, "1", false},
	{`^[\p{L}||\p{N}]+$`, "ab12é", true},
	{`^[\p{L}||\p{N}]+$`, "a|b", true}, // || is two literal |
	{`^[\p{L}||\p{N}]+$`, "a-b", false},
	{`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`, "Tag Name: été/2024", true},
	{`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`, "no!", false},
	{`^[^_][\p{L}\p{M}\p{S}\p{N}\p{P}][^_]+$`, "a日x", true},

	// Java extensions.
	{`^\A\S[\p{Print}]*\z$`, "x hello", true},
	{`^\A\S[\p{Print}]*\z$`, " hello", false},
	{`^\A\S[\p{Print}]*\z$`, "héllo", false},
	{`\Aab`, "ab", true},
	{`\Aab`, "cab", false},
	{`ab\z`, "cab", true},
	{`ab\Z`, "abc", false},
	{`ab\Z`, "ab\n", true}, // \Z is $ without MULTILINE
	{`ab\Z`, "ab\r\n", true},
	{`ab\z`, "ab\n", false},
	{`^\p{Print}+$`, "~ !", true},
	{`^\p{Print}+$`, "\x7f", false},
	{`^\p{Graph}+$`, "a!", true},
	{`^\p{Graph}+$`, "a b", false},
	{`^\p{Alpha}+$`, "abcXYZ", true},
	{`^\p{Alpha}+$`, "é", false}, // Java's ASCII meaning, not Alphabetic
	{`^\p{Alnum}+$`, "a1Z", true},
	{`^\p{Alnum}+$`, "a_", false},
	{`^\p{Punct}+$`, "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", true},
	{`^\p{Punct}+$`, "¿", false},
	{`^\p{Digit}$`, "٣", false},
	{`^\p{XDigit}+$`, "0fA", true},
	{`^\p{Lower}$`, "ª", false},
	{`^\p{Upper}$`, "A", true},
	{`^\p{Space}$`, "\v", true},
	{`^\p{Blank}$`, "\t", true},
	{`^\p{Cntrl}$`, "\x7f", true},
	{`^\p{IsAlphabetic}+$`, "abcé", true},
	{`^\p{IsLetter}+$`, "abcé", true},
	{`^\p{IsLetter}+$`, "1", false},
	{`^\p{IsL}$`, "é", true},
	{`^\p{IsLu}$`, "É", true},
	{`^\p{IsLatin}+$`, "abcé", true},
	{`^\p{IsGreek}$`, "a", false},
	{`^\p{IsWhite_Space}$`, "\u3000", true},
	{`^\p{IsWhiteSpace}$`, "\u3000", true},
	{`^\p{IsPunctuation}$`, "¿", true},
	{`^\p{IsDigit}$`, "٣", true},
	{`^\p{IsControl}$`, "\x00", true},
	{`^\p{IsUppercase}$`, "Ⓐ", true},
	{`^[\x{60}]$`, "`", true},
	{`^\x{1F600}$`, "😀", true},
	{`^\~\_\:\,\@\-\#\%\&\'\"\!\<\>\;\=\` + "`" + `$`, "~_:,@-#%&'\"!<>;=`", true},
	{`^(?:[A-Za-z0-9_\.\-\~]+/){0,10}[A-Za-z0-9_\.\-\~]+$`, "a/b.c/d~e", true},
	{`^([$\-._+!*\x{60}(),;/?:@=&\w]|%([0-9a-fA-F?]{2}|[0-9a-fA-F?]?[*]))+$`, "a%20b`c", true},
	{`^([$\-._+!*\x{60}(),;/?:@=&\w]|%([0-9a-fA-F?]{2}|[0-9a-fA-F?]?[*]))+$`, "a b", false},
	{`^[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]*$`, "\x01", false},

	// Quantified anchors (Java accepts them; one AWS model has ${2,64}).
	{`^[-_a-zA-Z0-9]*${2,64}$`, "abc", true},
	{`^[-_a-zA-Z0-9]*${2,64}$`, "ab c", false},
	{`^a$*b`, "ab", true},
	{`^a$+b`, "ab", false},
	{`^*a`, "ba", true},
	{`\b+a`, "ba", false},
	{`\b{0,3}a`, "ba", true},

	// Java syntax that ECMA-262 u-mode rejects, with Java's meaning (each
	// checked against java.util.regex; testdata/java-vectors.json has more).
	{`^a{2}{3}$`, "aa", true}, // a quantifier after a quantifier is ignored
	{`^a{2}{3}$`, "aaaaaa", false},
	{`^x{1,2}{0,1011}$`, "", false},
	{`^{2}x$`, "x", true}, // so is one with nothing before it
	{`^{2}x$`, "{2}x", false},
	{`a|{2}b`, "b", true},
	{`^a?+a$`, "a", false}, // possessive: never gives the a back
	{`^a?+b$`, "ab", true},
	{`^a*+a`, "aaa", false},
	{`^a{1,3}+a$`, "aaaa", true},
	{`^a{1,3}+a$`, "aaa", false},
	{`^a{2}+$`, "aa", true},
	{`^[0-9A-Z]{2}+$`, "A1B2", false},
	{`^(\/(?!\.)+x)$`, "/x", true}, // a quantified lookaround holds once
	{`^(\/(?!\.)+x)$`, "/.x", false},
	{`^(?=a)*b`, "b", true},
	{`^}]$`, "}]", true},        // lone } and ] are literals
	{`^[\w-.]+$`, "a-.b", true}, // - after a class escape is a literal
	{`^[\w-.]+$`, "a,b", false},
	{`^[a-z\d-_/]+$`, "a-_/9", true},
	{`^[a-z\d-_/]+$`, "^", false},
	{`^a\ b\é$`, "a bé", true}, // \ before any non-alphanumeric quotes it
	{`^[\ ]$`, " ", true},
	{`^[^/:|\000-\037]+$`, "abc", true}, // octal escapes
	{`^[^/:|\000-\037]+$`, "a\x1fc", false},
	{`^\0101\0400$`, "A 0", true},
	{`^\a\e\c1$`, "\x07\x1bq", true},
	{`^\p{all}+$`, "\U0010FFFF\n", true},
	{`^\p{LD}+$`, "a1é٣", true},
	{`^\p{LD}+$`, "_", false},
	{`^\p{L1}$`, "ÿ", true},
	{`^\p{L1}$`, "Ā", false},
	{`^\p{IsWhitespace}$`, "\u0085", true},
	{`^\p{IsGREEK}$`, "Ω", true},
	{`^\pL\PL$`, "a1", true},
	{`^\h\H$`, "\u3000a", true},
	{`^\V$`, "\n", false},
	{`^\Qa.b\E.$`, "a.bc", true},
	{`^\Qa.b\E.$`, "axbc", false},
	{`^(?s).$`, "\n", true},
	{`^(?s)\s*-----BEGIN CERTIFICATE-----.+-----END CERTIFICATE-----\s*$`, "-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n", true},
	{`^(?i)(true|false)$`, "TrUe", true},
	{`^(?i)(true|false)$`, "yes", false},
	{`^(?i)all|[0-9]{12}$`, "ALLx", true},
	{`(?i:a)b`, "Ab", true},
	{`(?i:a)b`, "AB", false},
	{`(a(?i)b)c`, "aBc", true}, // flags end with their group
	{`(a(?i)b)c`, "aBC", false},
	{`a(?i)b|c`, "C", true}, // ... and reach later alternatives
	{`(?i)[^a]`, "A", false},
	{`(?i)[b-c]`, "C", true},
	{`(?i)\p{Lu}`, "é", true}, // Java widens case categories under (?i)
	{`(?i)\p{Lower}`, "A", true},
	{`(?i)é`, "É", false}, // ASCII only, as Java without UNICODE_CASE
	{`^(?i)\x41$`, "a", true},
	{`(?-i)a`, "A", false},
	{`(?m)^b$`, "a\nb\nc", true},
	{`(?m)^b$`, "a\r\nb\r\nc", true},
	{`^(?m)b$`, "a\nb\nc", false}, // the first ^ is before (?m)
	{`(?m)^$`, "", false},         // Java: no (?m)^ at the end of the input
	{`(?m)a$`, "a\r\n", true},
	{`(?m)a\r$`, "a\r\n", false}, // not between \r and \n
	{`(?m)^\n`, "\r\n", false},
	{`(?m)^a`, "\u2028a", true},
	{`^(?ms)\s*^-----BEGIN (?-s:.*)PRIVATE KEY-----$.*?^-----END (?-s:.*)PRIVATE KEY-----$\s*$`, "-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----\n", true},
	{`^(?ms)\s*^-----BEGIN (?-s:.*)PRIVATE KEY-----$.*?^-----END (?-s:.*)PRIVATE KEY-----$\s*$`, "-----BEGIN RSA\n PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----\n", false},
	{`^(\[[[:alnum:]\/\_]+\])?$`, "[nu:/_]", true}, // Java's nested class
	{`^(\[[[:alnum:]\/\_]+\])?$`, "[b]", false},
	{`^[\p{Print}&&[^|:/]]+$`, "a b~", true}, // Java's intersection
	{`^[\p{Print}&&[^|:/]]+$`, "a|b", false},
	{`^[\p{Print}&&[^|:/]]+$`, "é", false},
	{`^[^a[b]]$`, "b", false},
	{`^[^a[b]]$`, "c", true},
	{`^[a-z&&[^d]&&[^e]]]$`, "f]", true}, // a stray ] after the class selects Java's reading
	{`^[a-z&&[^d]&&[^e]]]$`, "e]", false},
	{`^[a&&b]$`, "&", false}, // Java's intersection, though ECMA reads two literal &
	{`^[a&&b]$`, "a", false},
	{`[]a]`, "]", true}, // Java: a leading ] is a member
	{`^[^]a]$`, "b", true},
	{`^[^]a]$`, "]", false},

	// Backreferences (Java semantics), matched by bounded backtracking.
	{`^(a|b)\1$`, "aa", true},
	{`^(a|b)\1$`, "ab", false},
	{`^(?!.*?(.)\1{3})[-_!@#$a-zA-Z0-9]*$`, "abcaaab", true},
	{`^(?!.*?(.)\1{3})[-_!@#$a-zA-Z0-9]*$`, "abaaaab", false},
	{`(a)?\1b`, "b", false}, // a group that has not matched matches nothing
	{`(?:(a)|b)+\1`, "aba", true},
	{`(?:(a)|b)+\1`, "bab", false}, // a loop keeps its last capture
	{`^(a)\10$`, "aa0", true},      // \10 is \1 then 0 with one group
	{`a\2`, "a", false},            // a group that does not exist
	{`^(?<x>a+)-\k<x>$`, "aa-aa", true},
	{`^(?<x>a+)-\k<x>$`, "aa-a", false},
	{`^(?i)(a)\1$`, "aA", true},
	{`^(?=(a+))a*b\1$`, "aaba", false},
	{`^(?=(a+))a*b\1$`, "aaabaaa", true},
	{`(?<=(a))b\1`, "aba", true},
	{`^([12]\d{3})(-?)(\d\d)\2(\d\d)$`, "2024-01-02", true},
	{`^([12]\d{3})(-?)(\d\d)\2(\d\d)$`, "2024-0102", false},

	// Real-world shapes.
	{`^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?:/([0-9]|[12][0-9]|3[0-2])|)$`, "10.0.0.0/16", true},
	{`^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?:/([0-9]|[12][0-9]|3[0-2])|)$`, "10.0.0.0/33", false},
	{`^arn:aws:iam::\d{12}:role/.+$`, "arn:aws:iam::123456789012:role/x", true},
	{`^arn:aws:iam::\d{12}:role/.+$`, "arn:aws:iam::12345678901:role/x", false},
	{`^[a-zA-Z0-9.!#$%&'*+/=?^_` + "`" + `{|}~-]+@[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*$`, "me+x@example.com", true},
	{`^\{[\S\s]*\}\s*$`, "{\"a\": 1}\n", true},
	{`^https://hooks\.chime\.aws/incomingwebhooks/[A-Za-z0-9\-]+?\?token=[A-Za-z0-9\-]+$`, "https://hooks.chime.aws/incomingwebhooks/abc-1?token=x-y", true},
}

func TestMatch(t *testing.T) {
	for _, c := range matchCases {
		re, err := Compile(c.pattern)
		if err != nil {
			t.Errorf("Compile(%q): %v", c.pattern, err)
			continue
		}
		if got := re.MatchString(c.input); got != c.want {
			t.Errorf("Compile(%q).MatchString(%q) = %v, want %v", c.pattern, c.input, got, c.want)
		}
		// Run twice so that reused (pooled) scratch space is covered.
		if got := re.MatchString(c.input); got != c.want {
			t.Errorf("second Compile(%q).MatchString(%q) = %v, want %v", c.pattern, c.input, got, c.want)
		}
	}
}

// invalidPatterns must not compile; the fragment must appear in the error.
var invalidPatterns = []struct{ pattern, fragment string }{
	{`(`, "unterminated group"},
	{`(a`, "unterminated group"},
	{`(?:a`, "unterminated group"},
	{`(?=a`, "unterminated group"},
	{`a)`, "unmatched ')'"},
	{`)`, "unmatched ')'"},
	{`[a`, "unterminated character class"},
	{`[`, "unterminated character class"},
	{`*`, "nothing to repeat"},
	{`+a`, "nothing to repeat"},
	{`a|?`, "nothing to repeat"},
	{`a**`, "nothing to repeat"},
	{`a{2}*`, "nothing to repeat"},
	{`$**`, "nothing to repeat"},
	{`a{2,1}`, "out of order"},
	{`a{`, "incomplete quantifier"},
	{`a{1`, "incomplete quantifier"},
	{`a{,5}`, "incomplete quantifier"},
	{`a{1,2`, "incomplete quantifier"},
	{`{`, "lone '{'"},
	{`[b-a]`, "range out of order"},
	{`[a-\d]`, "range bound"},
	{`\q`, "invalid escape"},
	{`[\q]`, "invalid escape"},
	{`[\B]`, "invalid escape"},
	{`[\A]`, "invalid escape"},
	{`a{2}{x`, "incomplete quantifier"},
	{`a{2}{3,1}`, "out of order"},
	{`a{2}*`, "nothing to repeat"},
	{`(?i)*`, "nothing to repeat"},
	{`\08`, "invalid decimal escape"},
	{`\k<n>(?<n>a)`, "undefined group name"},
	{`\k`, "must be followed by <name>"},
	{`(?x)a`, "flag x is not supported"},
	{`(?>a)`, "atomic groups"},
	{`(?q)a`, "unknown inline modifier"},
	{`(?i`, "unterminated group"},
	{`\q`, "invalid escape"},
	{`\N{LATIN SMALL LETTER A}`, "not supported"},
	{`(ab|a)*+`, "possessive quantifier on an operand of varying length"},
	{`[a-\w]`, "range bound"},
	{`\p1`, "must be followed by"},
	{`\p{javaLowerCase}`, "not supported"},
	{`\`, "at end of pattern"},
	{`[\`, "at end of pattern"},
	{`[\1]`, "invalid class escape"},
	{`\x`, "invalid \\x escape"},
	{`\x4`, "invalid \\x escape"},
	{`\xZZ`, "invalid \\x escape"},
	{`\x{}`, "invalid braced"},
	{`\x{110000}`, "out of range"},
	{`\u12`, "invalid \\u escape"},
	{`\u{}`, "invalid braced"},
	{`\u{110000}`, "out of range"},
	{`\u{12`, "invalid braced"},
	{`\c`, "invalid \\c escape"},
	{`\p`, "must be followed by"},
	{`\p{`, "unterminated Unicode property"},
	{`\p{L`, "unterminated Unicode property"},
	{`\p{}`, "unknown Unicode property"},
	{`\p{Foo}`, "unknown Unicode property"},
	{`\p{Latin}`, "unknown Unicode property"}, // scripts need sc=
	{`\p{lu}`, "unknown Unicode property"},    // names are case-sensitive
	{`\p{gc=Foo}`, "unknown General_Category"},
	{`\p{sc=Foo}`, "Script value"},
	{`\p{scx=Latin}`, "Script_Extensions is not supported"},
	{`\p{Foo=Bar}`, "unknown Unicode property"},
	{`\p{Emoji}`, "not supported"},
	{`\p{InGreek}`, "blocks"},
	{`\p{L-u}`, "invalid character in Unicode property"},
	{`(?P<n>a)`, "invalid group"},
	{`(?<>a)`, "empty group name"},
	{`(?<1a>a)`, "invalid group name"},
	{`(?<a`, "unterminated group name"},
	{`(?<a>x)(?<a>y)`, "duplicate group name"},
	{`(?<a>x)|(?<a>y)`, ""}, // allowed since ES2025: different alternatives
	{`(?:(?<a>x)|y)(?<a>z)`, "duplicate group name"},
	{`a{1000000}`, "pattern too large"},
	{`.{1,200000}`, "pattern too large"},
	{`(?:a{1000}){1000}`, "pattern too large"},
	{`a{99999999999999999999}`, "repeat count too large"},
	{`a{2147483647}`, "pattern too large"},
	{strings.Repeat("(", 1000) + strings.Repeat(")", 1000), "nested too deeply"},
	{"\xff", "invalid UTF-8"},
}

func TestCompileErrors(t *testing.T) {
	for _, c := range invalidPatterns {
		re, err := Compile(c.pattern)
		if c.fragment == "" {
			if err != nil {
				t.Errorf("Compile(%q): unexpected error %v", c.pattern, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("Compile(%q) succeeded (%v), want error containing %q", c.pattern, re, c.fragment)
			continue
		}
		if !strings.Contains(err.Error(), c.fragment) {
			t.Errorf("Compile(%q) error %q does not contain %q", c.pattern, err, c.fragment)
		}
		var e *Error
		if !errors.As(err, &e) || e.Pattern != c.pattern || e.Offset < 0 || e.Offset > len(c.pattern) {
			t.Errorf("Compile(%q) error %#v is not a well-formed *Error", c.pattern, err)
		}
	}
}

func TestErrorOffset(t *testing.T) {
	for _, c := range []struct {
		pattern string
		offset  int
	}{
		{`abc\q`, 3},
		{`ab(cd`, 2},
		{`a[z-a]`, 2},
		{`abc)`, 3},
		{`ab{3,2}`, 2},
		{`x\p{Nope}`, 1},
	} {
		_, err := Compile(c.pattern)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Compile(%q) = %v, want *Error", c.pattern, err)
			continue
		}
		if e.Offset != c.offset {
			t.Errorf("Compile(%q) offset = %d, want %d (%v)", c.pattern, e.Offset, c.offset, err)
		}
		if !strings.Contains(e.Error(), "offset") {
			t.Errorf("error %q does not mention the offset", e)
		}
	}
}

func TestLargeRepeatsCompile(t *testing.T) {
	for _, p := range []string{
		`^\p{ASCII}{0,8192}$`,
		`^[a-zA-Z0-9+/=]{1,1024}$`,
		`^[\s\S]{0,50000}$`, // 100001 instructions
		`^(?:[a-z0-9]{1,63}\.){1,10}$`,
	} {
		if _, err := Compile(p); err != nil {
			t.Errorf("Compile(%q): %v", p, err)
		}
	}
}

func TestMustCompile(t *testing.T) {
	re := MustCompile(`^a+$`)
	if re.String() != `^a+$` {
		t.Errorf("String() = %q", re.String())
	}
	defer func() {
		if r := recover(); r == nil {
			t.Error("MustCompile of an invalid pattern did not panic")
		} else if !strings.Contains(r.(string), `"(a"`) {
			t.Errorf("panic %q does not name the pattern", r)
		}
	}()
	MustCompile("(a")
}

// TestSpaceRanges checks over every code point that \s is Java's ASCII
// white space, and . everything but Java's line terminators.
func TestSpaceRanges(t *testing.T) {
	re, dot := MustCompile(`^\s$`), MustCompile(`^.$`)
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := dot.MatchString(string(r)), !strings.ContainsRune("\n\r\u0085\u2028\u2029", r); got != want && !(r >= 0xD800 && r <= 0xDFFF) {
			t.Errorf(`. matches %U = %v, want %v`, r, got, want)
		}
		want := strings.ContainsRune(" \t\n\v\f\r", r)
		if r >= 0xD800 && r <= 0xDFFF {
			continue // not encodable in a Go string
		}
		if got := re.MatchString(string(r)); got != want {
			t.Errorf(`\s matches %U = %v, want %v`, r, got, want)
		}
	}
}

// TestCategoryC checks that \p{C} is exactly the code points outside the
// other major categories, including unassigned ones.
func TestCategoryC(t *testing.T) {
	c, cn := MustCompile(`^\p{C}$`), MustCompile(`^\p{Cn}$`)
	for r := rune(0); r <= unicode.MaxRune; r += 7 {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		other := !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z)
		unassigned := other && !unicode.In(r, unicode.Cc, unicode.Cf, unicode.Co, unicode.Cs)
		s := string(r)
		if got := c.MatchString(s); got != other {
			t.Fatalf(`\p{C} matches %U = %v, want %v`, r, got, other)
		}
		if got := cn.MatchString(s); got != unassigned {
			t.Fatalf(`\p{Cn} matches %U = %v, want %v`, r, got, unassigned)
		}
	}
}

// raceEnabled is set by race_test.go when the race detector is on.
var raceEnabled bool

func TestZeroAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items at random under the race detector")
	}
	for _, c := range []struct{ pattern, input string }{
		{`^[a-zA-Z0-9+/=]{1,1024}$`, "dGhpcyBpcyBhIHRlc3Qgb2YgYmFzZTY0IGRhdGE="},
		{`^(?!aws:)[a-zA-Z+-=._:/]+$`, "my-tag:key/with.dots"},
		{`^(?:(?!-)[a-z-])+$`, "abc"},
		{`(?<=\$)\d+`, "cost $100"},
		{`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`, "Some tag value 123"},
		{`^arn:aws:iam::\d{12}:role/.+$`, "arn:aws:iam::123456789012:role/admin"},
		{`b`, "abc"},
		{`^\p{ASCII}{0,8192}$`, "plain ascii text"},
	} {
		re := MustCompile(c.pattern)
		re.MatchString(c.input) // warm up the pool
		if n := testing.AllocsPerRun(100, func() { re.MatchString(c.input) }); n != 0 {
			t.Errorf("MatchString for %q allocates %v times per run, want 0", c.pattern, n)
		}
	}
}

func TestConcurrent(t *testing.T) {
	re := MustCompile(`^(?!aws:)(?=.*[a-z])[a-zA-Z+-=._:/]+$`)
	inputs := []struct {
		s    string
		want bool
	}{{"aws:x", false}, {"key:value", true}, {"KEY", false}, {"a b", false}, {"Key", true}}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 2000; i++ {
				in := inputs[i%len(inputs)]
				if got := re.MatchString(in.s); got != in.want {
					t.Errorf("MatchString(%q) = %v, want %v", in.s, got, in.want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestLinearTime runs patterns that make backtracking engines take
// exponential time; an NFA simulation finishes them at once. It checks
// results only: the guard against exponential blow-up is that the test
// run completes.
func TestLinearTime(t *testing.T) {
	long := strings.Repeat("a", 5000)
	for _, c := range []matchCase{
		{`^(a+)+$`, long + "!", false},
		{`^(a|a)*$`, long + "!", false},
		{`^(a|aa)+$`, long, true},
		{`^(?:a*)*b`, long, false},
		{`(?=(a+)+b)`, long, false},
		{`^(?:(?!b)a)*$`, long, true},
		{`(?<=(a+)+b)c`, long + "c", false},
		{`^(?:(?=a*$)a)*$`, long, true}, // a lookahead consulted at every position
		{`^(?:(?=(?=a*$)a)a)*$`, long, true},
	} {
		re := MustCompile(c.pattern)
		if got := re.MatchString(c.input); got != c.want {
			t.Errorf("MatchString(%q) = %v, want %v", c.pattern, got, c.want)
		}
	}
}

func TestProgramSize(t *testing.T) {
	// The size computed by the parser must agree with what the compiler
	// emits, since the size limit relies on it.
	for _, c := range append(matchCases, matchCase{pattern: `^(?:(?:ab|c){2,5}d*|(?=x)e+){3}$`}) {
		tree, err := parse(c.pattern)
		if err != nil {
			t.Fatal(err)
		}
		if tree.groups > 0 {
			continue // backreferences: matched by backtracking, not compiled
		}
		p := compileProg(tree.root, false)
		if len(p.insts) != tree.root.size+1 {
			t.Errorf("%q: compiled %d instructions, parser predicted %d", c.pattern, len(p.insts), tree.root.size+1)
		}
	}
}

func BenchmarkMatch(b *testing.B) {
	for _, c := range []struct{ name, pattern, input string }{
		{"base64-1024", `^[a-zA-Z0-9+/=]{1,1024}$`, "dGhpcyBpcyBhIHRlc3Qgb2YgYmFzZTY0IGRhdGE="},
		{"negative-lookahead", `^(?!aws:)[a-zA-Z+-=._:/]+$`, "my-application:environment/prod"},
		{"unicode-tag", `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`, "Projekt Größe: 42 / été"},
		{"arn", `^arn:(aws[a-zA-Z0-9-]*):iam::([0-9]{12}):(role((\u002F)|(\u002F[\u0021-\u007F]+\u002F))[\w+=,.@-]+)$`, "arn:aws:iam::123456789012:role/service-role/MyRole"},
		{"unanchored", `b[0-9]+`, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab123"},
		{"ascii-8192", `^\p{ASCII}{0,8192}$`, "a fairly ordinary description of a resource"},
	} {
		re := MustCompile(c.pattern)
		if !re.MatchString(c.input) {
			b.Fatalf("%s does not match", c.name)
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				re.MatchString(c.input)
			}
		})
	}
}
