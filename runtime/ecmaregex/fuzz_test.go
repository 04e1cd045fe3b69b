package ecmaregex

import "testing"

// fuzzSeeds are shaped like the patterns found in AWS models.
var fuzzSeeds = []struct{ pattern, input string }{
	{`^(?!aws:)[a-zA-Z+-=._:/]+$`, "aws:tag"},
	{`^[a-zA-Z0-9+/=]{1,1024}$`, "dGVzdA=="},
	{`^(?:(?!-)[a-z-])+$`, "a-b"},
	{`^\p{ASCII}{0,8192}$`, "text"},
	{`^[\p{L}||\p{N}]+$`, "ab|12"},
	{`^\A\S[\p{Print}]*\z$`, "x y"},
	{`^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDBFF-\uDC00\uDFFF\r\n\t]*`, "ok\t"},
	{`^[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]*$`, "é"},
	{`^([$\-._+!*\x{60}(),;/?:@=&\w]|%([0-9a-fA-F?]{2}|[0-9a-fA-F?]?[*]))+$`, "a%2F"},
	{`^[-_a-zA-Z0-9]*${2,64}$`, "abc"},
	{`(?=[/\.\-_A-Za-z0-9]+)((?!aws\.).*)|(\$(\.[\w/_-]+(\[(\d+|\*)\])*)*)`, "$.a[1]"},
	{`^(?:(?:25[0-5]|(?:2[0-4]|1\d|[0-9]|)\d)\.?\b){4}$`, "10.0.0.1"},
	{`(?<=\$)\d+(?<!0)`, "$100"},
	{`^[^\p{C}]+$`, "x\u00a0"},
	{`\s\S\d\D\w\W\b\B.`, "a 1b"},
	{`\bé\B\u0301\b|_\b|a$|b\Z|\v`, " éa\u0301_\u0301\r\n"},
	{`(?<n>a)|(?<n>b)`, "b"},
	{`[^]|[]|\cJ|\0|\u{10FFFF}`, "\n"},
	// Java extensions.
	{`^(?ms)\s*^-----BEGIN (?-s:.*)KEY-----$.*?^-----END (?-s:.*)KEY-----$\s*$`, "-----BEGIN KEY-----\n-----END KEY-----"},
	{`^(?i)(true|false)$`, "TRUE"},
	{`^(?!.*?(.)\1{3})[-_!@#$a-zA-Z0-9]*$`, "abbbb"},
	{`^(?<y>\d{4})(-?)\d\d\2\d\d\k<y>$`, "2024-01-022024"},
	{`^[\/]?+[a-z]{2}+\d{1}+{0,3}$`, "/ab1"},
	{`^(\[[[:alnum:]\/\_]+\])?[\p{Print}&&[^|:/]]+$`, "[a]b"},
	{`^[\w-.\ ]}]\p{all}\p{IsWhitespace}\p{LD}[^/:|\000-\037]$`, "a}]x 1b"},
	{`(\/(?!\.)+x)\Qa.b\E\h\e\a\c1`, "/xa.b "},
}

// FuzzCompileMatch checks that Compile never panics, that MatchString
// never panics and terminates, and, for small cases, that the NFA agrees
// with the backtracking reference matcher.
func FuzzCompileMatch(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s.pattern, s.input)
	}
	f.Fuzz(func(t *testing.T, pattern, input string) {
		re, err := Compile(pattern)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("Compile(%q) returned %T, want *Error", pattern, err)
			}
			return
		}
		if re.String() != pattern {
			t.Fatalf("String() = %q, want %q", re.String(), pattern)
		}
		got := re.MatchString(input)
		if again := re.MatchString(input); again != got {
			t.Fatalf("Compile(%q).MatchString(%q) changed from %v to %v on reuse", pattern, input, got, again)
		}
		if len(pattern) > 64 || len(input) > 16 {
			return
		}
		tree, err := parse(pattern)
		if err != nil {
			t.Fatal(err)
		}
		if tree.groups > 0 {
			return // backreferences: the reference matcher has no captures
		}
		ref := &refMatcher{s: input, classes: tree.classes, word: tree.word, budget: 1 << 16}
		if want := ref.search(tree.root); ref.budget >= 0 && want != got {
			t.Fatalf("Compile(%q).MatchString(%q) = %v, reference matcher says %v", pattern, input, got, want)
		}
	})
}
