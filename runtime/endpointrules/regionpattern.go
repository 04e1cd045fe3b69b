package endpointrules

import (
	"errors"
	"strings"
)

// regionPattern matches the regular expressions of the partitions table,
// such as ^(us|eu|ap)\-\w+\-\d+$, without linking Go's regexp package into
// every client (about 90 KB). It knows exactly what those expressions use:
// ^ and $ around the whole pattern, literal characters (escaped or not),
// the classes \w and \d, each alone or followed by +, and groups of
// literal alternatives. compileRegionPattern refuses anything else, and
// internal/cmd/partitionsgen refuses a table it cannot compile.
type regionPattern []patternNode

type patternNode struct {
	lits  []string // a literal, or the alternatives of a group
	class byte     // 'w' or 'd' for a class; 0 for literals
	plus  bool     // the class repeats (one or more)
}

var errUnsupportedPattern = errors.New("unsupported region pattern")

// compileRegionPattern parses a partition's regionRegex.
func compileRegionPattern(p string) (regionPattern, error) {
	if !strings.HasPrefix(p, "^") || !strings.HasSuffix(p, "$") || strings.HasSuffix(p, `\$`) {
		return nil, errUnsupportedPattern
	}
	p = p[1 : len(p)-1]
	var out regionPattern
	for i := 0; i < len(p); {
		switch c := p[i]; {
		case c == '\\' && i+1 < len(p) && (p[i+1] == 'w' || p[i+1] == 'd'):
			n := patternNode{class: p[i+1]}
			i += 2
			if i < len(p) && p[i] == '+' {
				n.plus = true
				i++
			}
			out = append(out, n)
		case c == '\\' && i+1 < len(p) && strings.IndexByte(`-.\/_`, p[i+1]) >= 0:
			out = append(out, patternNode{lits: []string{p[i+1 : i+2]}})
			i += 2
		case c == '(':
			end := strings.IndexByte(p[i:], ')')
			if end < 0 {
				return nil, errUnsupportedPattern
			}
			alts := strings.Split(p[i+1:i+end], "|")
			for _, a := range alts {
				if a == "" || strings.ContainsAny(a, `\()[]{}*+?.^$`) {
					return nil, errUnsupportedPattern
				}
			}
			out = append(out, patternNode{lits: alts})
			i += end + 1
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_':
			out = append(out, patternNode{lits: []string{p[i : i+1]}})
			i++
		default:
			return nil, errUnsupportedPattern
		}
	}
	return out, nil
}

// match reports whether the whole of s matches.
func (p regionPattern) match(s string) bool {
	if len(p) == 0 {
		return s == ""
	}
	n := p[0]
	if n.class == 0 {
		for _, lit := range n.lits {
			if strings.HasPrefix(s, lit) && p[1:].match(s[len(lit):]) {
				return true
			}
		}
		return false
	}
	// A class: take as many characters as it matches, then give them back
	// one by one until the rest of the pattern matches (the backtracking an
	// RE2 match of these patterns amounts to).
	k := 0
	for k < len(s) && inClass(n.class, s[k]) && (n.plus || k < 1) {
		k++
	}
	for ; k >= 1; k-- {
		if p[1:].match(s[k:]) {
			return true
		}
	}
	return false
}

func inClass(class, c byte) bool {
	digit := c >= '0' && c <= '9'
	if class == 'd' {
		return digit
	}
	return digit || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}
