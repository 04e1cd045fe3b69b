package jmespath

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// tokenKind is the kind of a lexical token.
type tokenKind uint8

const (
	tEOF       tokenKind = iota
	tUnquoted            // foo
	tQuoted              // "foo"
	tNumber              // -12 (only in index and slice brackets)
	tLiteral             // `json`
	tRawString           // 'raw'
	tDot                 // .
	tStar                // *
	tFlatten             // []
	tFilter              // [?
	tLBracket            // [
	tRBracket            // ]
	tLBrace              // {
	tRBrace              // }
	tLParen              // (
	tRParen              // )
	tComma               // ,
	tColon               // :
	tPipe                // |
	tOr                  // ||
	tAnd                 // &&
	tNot                 // !
	tExpref              // &
	tCurrent             // @
	tEQ                  // ==
	tNE                  // !=
	tLT                  // <
	tLTE                 // <=
	tGT                  // >
	tGTE                 // >=
)

// tokenNames are used in syntax error messages.
var tokenNames = [...]string{
	tEOF:       "end of expression",
	tUnquoted:  "identifier",
	tQuoted:    "quoted identifier",
	tNumber:    "number",
	tLiteral:   "literal",
	tRawString: "raw string",
	tDot:       `"."`,
	tStar:      `"*"`,
	tFlatten:   `"[]"`,
	tFilter:    `"[?"`,
	tLBracket:  `"["`,
	tRBracket:  `"]"`,
	tLBrace:    `"{"`,
	tRBrace:    `"}"`,
	tLParen:    `"("`,
	tRParen:    `")"`,
	tComma:     `","`,
	tColon:     `":"`,
	tPipe:      `"|"`,
	tOr:        `"||"`,
	tAnd:       `"&&"`,
	tNot:       `"!"`,
	tExpref:    `"&"`,
	tCurrent:   `"@"`,
	tEQ:        `"=="`,
	tNE:        `"!="`,
	tLT:        `"<"`,
	tLTE:       `"<="`,
	tGT:        `">"`,
	tGTE:       `">="`,
}

func (k tokenKind) String() string {
	return tokenNames[k]
}

// token is a lexical token. Only the field that its kind needs is set.
type token struct {
	kind tokenKind
	pos  int    // byte offset in the expression
	text string // tUnquoted, tQuoted: the name; tRawString: the value
	num  int    // tNumber
	lit  any    // tLiteral: the decoded JSON value
}

// singleCharTokens are the tokens that are always one byte long.
var singleCharTokens = [256]tokenKind{
	'.': tDot,
	'*': tStar,
	']': tRBracket,
	'{': tLBrace,
	'}': tRBrace,
	'(': tLParen,
	')': tRParen,
	',': tComma,
	':': tColon,
	'@': tCurrent,
}

// lex splits an expression into tokens, ending with a tEOF token. Tokenizing
// everything first gives the parser the two tokens of lookahead that "[*]"
// needs.
func lex(src string) ([]token, *ExprError) {
	toks := make([]token, 0, len(src)/2+1)
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
			continue
		case isIdentStart(c):
			j := i + 1
			for j < len(src) && isIdentChar(src[j]) {
				j++
			}
			toks = append(toks, token{kind: tUnquoted, pos: i, text: src[i:j]})
			i = j
			continue
		case c == '-' || isDigitChar(c):
			tok, next, err := lexNumber(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, tok)
			i = next
			continue
		case c == '"':
			tok, next, err := lexQuoted(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, tok)
			i = next
			continue
		case c == '\'':
			tok, next, err := lexRawString(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, tok)
			i = next
			continue
		case c == '`':
			tok, next, err := lexLiteral(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, tok)
			i = next
			continue
		}

		kind, width := tEOF, 1
		next := byte(0)
		if i+1 < len(src) {
			next = src[i+1]
		}
		switch c {
		case '[':
			// "[?" and "[]" are single tokens only when written without
			// space, so "[ ?a]" and "[ ]" are syntax errors, as in the
			// reference implementations.
			switch next {
			case '?':
				kind, width = tFilter, 2
			case ']':
				kind, width = tFlatten, 2
			default:
				kind = tLBracket
			}
		case '|':
			kind = pick(next == '|', tOr, tPipe)
		case '&':
			kind = pick(next == '&', tAnd, tExpref)
		case '!':
			kind = pick(next == '=', tNE, tNot)
		case '<':
			kind = pick(next == '=', tLTE, tLT)
		case '>':
			kind = pick(next == '=', tGTE, tGT)
		case '=':
			if next != '=' {
				return nil, errorAt(KindSyntax, i, `"=" must be followed by "=" (use "==" to compare)`)
			}
			kind = tEQ
		default:
			kind = singleCharTokens[c]
			if kind == tEOF {
				r, _ := utf8.DecodeRuneInString(src[i:])
				return nil, errorAt(KindSyntax, i, "unexpected character %q", r)
			}
		}
		switch kind {
		case tOr, tAnd, tNE, tLTE, tGTE, tEQ:
			width = 2
		}
		toks = append(toks, token{kind: kind, pos: i})
		i += width
	}
	return append(toks, token{kind: tEOF, pos: len(src)}), nil
}

// pick returns a if cond, else b.
func pick(cond bool, a, b tokenKind) tokenKind {
	if cond {
		return a
	}
	return b
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func isIdentChar(c byte) bool {
	return isIdentStart(c) || isDigitChar(c)
}

func isDigitChar(c byte) bool {
	return c >= '0' && c <= '9'
}

// lexNumber reads number = ["-"] 1*digit. Numbers too large for an int
// saturate: as an index or slice bound they behave exactly like any other
// out-of-range number.
func lexNumber(src string, i int) (token, int, *ExprError) {
	j := i
	if src[j] == '-' {
		j++
	}
	k := j
	for k < len(src) && isDigitChar(src[k]) {
		k++
	}
	if k == j {
		return token{}, 0, errorAt(KindSyntax, i, `"-" must be followed by a digit`)
	}
	n, err := strconv.Atoi(src[i:k])
	if err != nil {
		n = math.MaxInt
		if src[i] == '-' {
			n = math.MinInt
		}
	}
	return token{kind: tNumber, pos: i, num: n}, k, nil
}

// lexQuoted reads a quoted identifier. Its escapes are JSON's, so the JSON
// decoder unescapes it, which also rejects bad escapes such as "\u" and raw
// control characters, as the grammar requires.
func lexQuoted(src string, i int) (token, int, *ExprError) {
	j := i + 1
	for j < len(src) && src[j] != '"' {
		if src[j] == '\\' {
			j++
		}
		j++
	}
	if j >= len(src) {
		return token{}, 0, errorAt(KindSyntax, i, "unterminated quoted identifier")
	}
	raw := src[i : j+1]
	name := raw[1 : len(raw)-1]
	if strings.IndexByte(name, '\\') >= 0 || !isPlainJSONString(name) {
		if err := json.Unmarshal([]byte(raw), &name); err != nil {
			return token{}, 0, errorAt(KindSyntax, i, "invalid quoted identifier %s: %v", raw, err)
		}
	}
	return token{kind: tQuoted, pos: i, text: name}, j + 1, nil
}

// isPlainJSONString reports whether s needs no unescaping: it has no
// control characters and is valid UTF-8. Checking this lets the common case
// skip the JSON decoder.
func isPlainJSONString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 {
			return false
		}
	}
	return utf8.ValidString(s)
}

// lexRawString reads a raw string literal. The only escape is \' for a
// quote; a backslash before anything else is kept together with that
// character, so '\\' is two backslashes, as the compliance suite requires.
func lexRawString(src string, i int) (token, int, *ExprError) {
	var b strings.Builder
	plain := true // no escapes so far: the value is a substring
	for j := i + 1; j < len(src); {
		switch c := src[j]; {
		case c == '\'':
			val := src[i+1 : j]
			if !plain {
				val = b.String()
			}
			return token{kind: tRawString, pos: i, text: val}, j + 1, nil
		case c == '\\' && j+1 < len(src):
			if plain {
				plain = false
				b.WriteString(src[i+1 : j])
			}
			if src[j+1] == '\'' {
				b.WriteByte('\'')
			} else {
				b.WriteString(src[j : j+2])
			}
			j += 2
		default:
			if !plain {
				b.WriteByte(c)
			}
			j++
		}
	}
	return token{}, 0, errorAt(KindSyntax, i, "unterminated raw string literal")
}

// lexLiteral reads a JSON literal between backticks. \` stands for a
// backtick; a backslash before anything else is kept, with the character
// after it, for the JSON decoder to interpret.
func lexLiteral(src string, i int) (token, int, *ExprError) {
	var b strings.Builder
	for j := i + 1; j < len(src); {
		switch c := src[j]; {
		case c == '`':
			var v any
			if err := json.Unmarshal([]byte(b.String()), &v); err != nil {
				return token{}, 0, errorAt(KindSyntax, i, "invalid JSON in literal: %v", err)
			}
			return token{kind: tLiteral, pos: i, lit: v}, j + 1, nil
		case c == '\\' && j+1 < len(src):
			if src[j+1] == '`' {
				b.WriteByte('`')
			} else {
				b.WriteString(src[j : j+2])
			}
			j += 2
		default:
			b.WriteByte(c)
			j++
		}
	}
	return token{}, 0, errorAt(KindSyntax, i, "unterminated literal")
}
