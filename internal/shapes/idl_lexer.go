package shapes

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file is the lexer of the Smithy IDL (smithy.io spec/idl.html,
// "Lexical notes" and the ABNF). The IDL is whitespace sensitive: some
// productions need a line break, others a space, others forbid both. So the
// lexer keeps whitespace, newlines, commas and comments as tokens and lets the
// parser decide where they are allowed.

// pos is a position in a source file: 1-based line and column (in characters,
// as editors count them) and the 0-based byte offset.
type pos struct {
	line, col, off int
}

type tokKind int

const (
	tEOF        tokKind = iota
	tError              // a lexical error; the token's text is the message
	tSpace              // one or more spaces or tabs
	tNewline            // \n or \r\n
	tComma              // , (whitespace everywhere outside strings)
	tComment            // // to the end of the line, newline excluded
	tDocComment         // /// as the first thing on a line; text is the documentation line
	tIdent              // identifier: *"_" ALPHA *(ALPHA / DIGIT / "_")
	tString             // "quoted text"; text is the decoded value
	tTextBlock          // """text block"""; text is the decoded value
	tNumber             // text is the literal as written (also valid JSON)
	tLBrace
	tRBrace
	tLBracket
	tRBracket
	tLParen
	tRParen
	tAt
	tColon
	tWalrus // :=
	tEqual
	tDot
	tPound
	tDollar
)

// token is one lexical token. For strings and text blocks, text holds the
// decoded value; for every other kind it holds the source text (or, for
// tError, the message).
type token struct {
	kind tokKind
	pos  pos
	text string
}

var punctNames = map[tokKind]string{
	tLBrace: "'{'", tRBrace: "'}'", tLBracket: "'['", tRBracket: "']'",
	tLParen: "'('", tRParen: "')'", tAt: "'@'", tColon: "':'", tWalrus: "':='",
	tEqual: "'='", tDot: "'.'", tPound: "'#'", tDollar: "'$'", tComma: "','",
}

// describe names a token the way an error message wants it: "'{'",
// `identifier "foo"`, "newline", "end of file".
func (t token) describe() string {
	switch t.kind {
	case tEOF:
		return "end of file"
	case tSpace:
		return "space"
	case tNewline:
		return "newline"
	case tComment:
		return "comment"
	case tDocComment:
		return "documentation comment"
	case tIdent:
		return fmt.Sprintf("identifier %q", t.text)
	case tString:
		return "string " + truncate(strconv.Quote(t.text), 40)
	case tTextBlock:
		return "text block"
	case tNumber:
		return "number " + t.text
	case tError:
		return "invalid input"
	}
	return punctNames[t.kind]
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n-4] + `..."`
}

// lexer splits an IDL file into tokens. A lexical error ends the token stream
// with a tError token, so that the parser reports it only when it gets there
// and an earlier syntax error is reported first.
type lexer struct {
	src  []byte
	off  int
	line int
	col  int
	// lineStart is true until something other than spaces has been seen on
	// the current line: "///" starts a documentation comment only there.
	lineStart bool
}

// lex returns the tokens of src, ending with tEOF or tError.
func lex(src []byte) []token {
	lx := &lexer{src: src, line: 1, col: 1, lineStart: true}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		lx.off = 3 // a UTF-8 byte order mark is not content
	}
	var toks []token
	for {
		t := lx.next()
		toks = append(toks, t)
		if t.kind == tEOF || t.kind == tError {
			return toks
		}
	}
}

func (lx *lexer) pos() pos { return pos{line: lx.line, col: lx.col, off: lx.off} }

func (lx *lexer) peekByte(i int) byte {
	if lx.off+i < len(lx.src) {
		return lx.src[lx.off+i]
	}
	return 0
}

// advance moves past n bytes that contain no newline.
func (lx *lexer) advance(n int) {
	lx.col += utf8.RuneCount(lx.src[lx.off : lx.off+n])
	lx.off += n
}

// newline moves past a newline of n bytes (1 for \n, 2 for \r\n).
func (lx *lexer) newline(n int) {
	lx.off += n
	lx.line++
	lx.col = 1
}

func (lx *lexer) errorf(at pos, format string, args ...any) token {
	return token{kind: tError, pos: at, text: fmt.Sprintf(format, args...)}
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// next returns the token at the current offset and moves past it.
func (lx *lexer) next() token {
	start := lx.pos()
	if lx.off >= len(lx.src) {
		return token{kind: tEOF, pos: start}
	}
	c := lx.src[lx.off]
	simple := func(k tokKind, n int) token {
		lx.lineStart = false
		text := string(lx.src[lx.off : lx.off+n])
		lx.advance(n)
		return token{kind: k, pos: start, text: text}
	}
	switch {
	case c == ' ' || c == '\t':
		n := 0
		for lx.off+n < len(lx.src) && (lx.src[lx.off+n] == ' ' || lx.src[lx.off+n] == '\t') {
			n++
		}
		lx.advance(n)
		return token{kind: tSpace, pos: start, text: " "}
	case c == '\n':
		lx.newline(1)
		lx.lineStart = true
		return token{kind: tNewline, pos: start, text: "\n"}
	case c == '\r':
		if lx.peekByte(1) != '\n' {
			return lx.errorf(start, "a carriage return must be followed by a newline")
		}
		lx.newline(2)
		lx.lineStart = true
		return token{kind: tNewline, pos: start, text: "\n"}
	case c == ',':
		lx.advance(1)
		return token{kind: tComma, pos: start, text: ","}
	case c == '/':
		if lx.peekByte(1) != '/' {
			return lx.errorf(start, "unexpected character '/' (comments start with //)")
		}
		doc := lx.lineStart && lx.peekByte(2) == '/'
		end := lx.off
		for end < len(lx.src) && lx.src[end] != '\n' && !(lx.src[end] == '\r' && end+1 < len(lx.src) && lx.src[end+1] == '\n') {
			end++
		}
		text := string(lx.src[lx.off:end])
		if !utf8.ValidString(text) {
			return lx.errorf(start, "invalid UTF-8 in comment")
		}
		lx.advance(end - lx.off)
		if doc {
			// The documentation is the text after "///", less one leading
			// space (spec: "If the text starts with a space, the leading
			// space is removed").
			line := strings.TrimPrefix(text[3:], " ")
			return token{kind: tDocComment, pos: start, text: line}
		}
		return token{kind: tComment, pos: start, text: text}
	case c == '"':
		lx.lineStart = false
		if lx.peekByte(1) == '"' && lx.peekByte(2) == '"' {
			return lx.textBlock(start)
		}
		return lx.quoted(start)
	case c == '-' || isDigit(c):
		lx.lineStart = false
		return lx.number(start)
	case c == '_' || isAlpha(c):
		lx.lineStart = false
		n := 0
		for lx.off+n < len(lx.src) && lx.src[lx.off+n] == '_' {
			n++
		}
		if lx.off+n >= len(lx.src) || !isAlpha(lx.src[lx.off+n]) {
			at := start
			at.col += n
			at.off += n
			return lx.errorf(at, "an identifier needs a letter after its leading underscores")
		}
		for lx.off+n < len(lx.src) {
			d := lx.src[lx.off+n]
			if !isAlpha(d) && !isDigit(d) && d != '_' {
				break
			}
			n++
		}
		return simple(tIdent, n)
	case c == ':':
		if lx.peekByte(1) == '=' {
			return simple(tWalrus, 2)
		}
		return simple(tColon, 1)
	}
	if k, ok := map[byte]tokKind{'{': tLBrace, '}': tRBrace, '[': tLBracket, ']': tRBracket,
		'(': tLParen, ')': tRParen, '@': tAt, '=': tEqual, '.': tDot, '#': tPound, '$': tDollar}[c]; ok {
		return simple(k, 1)
	}
	r, _ := utf8.DecodeRune(lx.src[lx.off:])
	if r == utf8.RuneError {
		return lx.errorf(start, "invalid UTF-8")
	}
	return lx.errorf(start, "unexpected character %q", r)
}

// number lexes Number = [Minus] Int [Frac] [Exp], the JSON number grammar.
func (lx *lexer) number(start pos) token {
	i := lx.off
	digits := func() int {
		n := 0
		for i < len(lx.src) && isDigit(lx.src[i]) {
			i++
			n++
		}
		return n
	}
	if lx.src[i] == '-' {
		i++
	}
	switch {
	case i < len(lx.src) && lx.src[i] == '0':
		i++
	case digits() == 0:
		return lx.errorf(start, "invalid number: '-' must be followed by a digit")
	}
	if i < len(lx.src) && lx.src[i] == '.' {
		i++
		if digits() == 0 {
			return lx.errorf(start, "invalid number %q: '.' must be followed by a digit", lx.src[lx.off:i])
		}
	}
	if i < len(lx.src) && (lx.src[i] == 'e' || lx.src[i] == 'E') {
		i++
		if i < len(lx.src) && (lx.src[i] == '+' || lx.src[i] == '-') {
			i++
		}
		if digits() == 0 {
			return lx.errorf(start, "invalid number %q: the exponent needs a digit", lx.src[lx.off:i])
		}
	}
	text := string(lx.src[lx.off:i])
	lx.advance(i - lx.off)
	return token{kind: tNumber, pos: start, text: text}
}

// quoted lexes "quoted text". A string may span lines; its newlines are
// normalised to \n as the spec requires.
func (lx *lexer) quoted(start pos) token {
	i := lx.off + 1
	for {
		if i >= len(lx.src) {
			return lx.errorf(start, "string not terminated")
		}
		c := lx.src[i]
		if c == '"' {
			break
		}
		if c == '\\' {
			i++ // the escaped character cannot end the string
		}
		i++
	}
	raw := string(lx.src[lx.off+1 : i])
	val, err := unescape(normalizeNewlines(raw))
	if err != nil {
		return lx.errorf(start, "invalid string: %v", err)
	}
	lx.consume(i + 1)
	return token{kind: tString, pos: start, text: val}
}

// textBlock lexes a """text block""": the opening quotes, optional spaces and
// a newline, then content up to an unescaped """.
func (lx *lexer) textBlock(start pos) token {
	i := lx.off + 3
	for i < len(lx.src) && (lx.src[i] == ' ' || lx.src[i] == '\t') {
		i++
	}
	switch {
	case i < len(lx.src) && lx.src[i] == '\n':
		i++
	case i+1 < len(lx.src) && lx.src[i] == '\r' && lx.src[i+1] == '\n':
		i += 2
	case strings.HasPrefix(string(lx.src[i:min(i+3, len(lx.src))]), `"""`) && i == lx.off+3:
		return lx.errorf(start, "invalid text block: it is empty (a text block starts with \"\"\" and a newline)")
	default:
		return lx.errorf(start, "invalid text block: \"\"\" must be followed by a newline")
	}
	content := i
	for {
		if i >= len(lx.src) {
			return lx.errorf(start, "text block not terminated")
		}
		if lx.src[i] == '\\' {
			i += 2
			continue
		}
		if lx.src[i] == '"' && i+2 < len(lx.src) && lx.src[i+1] == '"' && lx.src[i+2] == '"' {
			break
		}
		i++
	}
	val, err := decodeTextBlock(string(lx.src[content:i]))
	if err != nil {
		return lx.errorf(start, "invalid text block: %v", err)
	}
	lx.consume(i + 3)
	return token{kind: tTextBlock, pos: start, text: val}
}

// consume moves to byte offset end, counting the newlines passed.
func (lx *lexer) consume(end int) {
	for lx.off < end {
		switch {
		case lx.src[lx.off] == '\n':
			lx.newline(1)
		case lx.src[lx.off] == '\r' && lx.off+1 < end && lx.src[lx.off+1] == '\n':
			lx.newline(2)
		default:
			_, n := utf8.DecodeRune(lx.src[lx.off:])
			lx.off += n
			lx.col++
		}
	}
}

func normalizeNewlines(s string) string {
	return strings.ReplaceAll(s, "\r\n", "\n")
}

// decodeTextBlock removes the incidental whitespace of a text block's content
// (the text between the opening newline and the closing quotes) and then
// expands its escapes, in that order, as spec/idl "Text blocks" requires.
func decodeTextBlock(content string) (string, error) {
	lines := strings.Split(normalizeNewlines(content), "\n")
	// The common prefix counts the leading whitespace of every line that has
	// content, and of the last line even when it is blank: the closing
	// delimiter on a line of its own sets the indentation.
	common := -1
	for i, l := range lines {
		last := i == len(lines)-1
		n := leadingSpace(l)
		if n == len(l) && !last {
			continue
		}
		if common < 0 || n < common {
			common = n
		}
	}
	for i, l := range lines {
		if len(l) >= common {
			l = l[common:]
		} else {
			l = ""
		}
		lines[i] = strings.TrimRight(l, " \t")
	}
	return unescape(strings.Join(lines, "\n"))
}

func leadingSpace(s string) int {
	n := 0
	for n < len(s) && (s[n] == ' ' || s[n] == '\t') {
		n++
	}
	return n
}

// unescape expands the IDL's string escapes: \" \\ \/ \b \f \n \r \t \uXXXX
// and an escaped newline, which expands to nothing. Any other escape is an
// error, as spec/idl "String escape characters" says.
func unescape(s string) (string, error) {
	if !strings.Contains(s, `\`) {
		if !utf8.ValidString(s) {
			return "", fmt.Errorf("invalid UTF-8")
		}
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(s) {
			return "", fmt.Errorf("a backslash at the end of the string")
		}
		switch e := s[i]; e {
		case '"', '\\', '/':
			b.WriteByte(e)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case '\n':
			// An escaped newline joins the lines.
		case 'u':
			r, n, err := unicodeEscape(s[i+1:])
			if err != nil {
				return "", err
			}
			i += n
			b.WriteRune(r)
		default:
			r, _ := utf8.DecodeRuneInString(s[i:])
			return "", fmt.Errorf("invalid escape \\%c", r)
		}
	}
	if !utf8.ValidString(b.String()) {
		return "", fmt.Errorf("invalid UTF-8")
	}
	return b.String(), nil
}

// unicodeEscape decodes the XXXX of \uXXXX (s starts after the "u"),
// joining a surrogate pair written as two escapes. It returns the rune and
// the number of bytes of s it used.
func unicodeEscape(s string) (rune, int, error) {
	hex4 := func(s string) (rune, error) {
		if len(s) < 4 {
			return 0, fmt.Errorf("a \\u escape needs four hexadecimal digits")
		}
		v, err := strconv.ParseUint(s[:4], 16, 32)
		if err != nil {
			for _, c := range s[:4] {
				if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
					return 0, fmt.Errorf("invalid character %q in a \\u escape", c)
				}
			}
			return 0, err
		}
		return rune(v), nil
	}
	r, err := hex4(s)
	if err != nil {
		return 0, 0, err
	}
	if r >= 0xD800 && r < 0xDC00 && len(s) >= 10 && s[4] == '\\' && s[5] == 'u' {
		if lo, err := hex4(s[6:]); err == nil && lo >= 0xDC00 && lo < 0xE000 {
			return (r-0xD800)<<10 + (lo - 0xDC00) + 0x10000, 10, nil
		}
	}
	if r >= 0xD800 && r < 0xE000 {
		return 0, 0, fmt.Errorf("\\u%s is half of a surrogate pair", s[:4])
	}
	return r, 4, nil
}
