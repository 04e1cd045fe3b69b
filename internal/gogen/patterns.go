package gogen

import (
	"strconv"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/runtime/ecmaregex"
)

// Patterns are parsed here, when the client is generated, and written out
// as ecmaregex.Prepared literals: the client then links only the matcher,
// not the pattern parser and Go's Unicode property tables, which were most
// of the validation code's size in a binary. Unreferenced patterns are
// plain data the linker drops.

// preparedLit writes a prepared pattern as a Go composite literal, one
// node per line.
func preparedLit(rx string, p *ecmaregex.Prepared) jen.Code {
	return jen.Op("&").Qual(rx, "Prepared").ValuesFunc(func(g *jen.Group) {
		g.Line().Id("Source").Op(":").Add(rawLit(p.Source))
		g.Line().Id("Root").Op(":").Op("&").Add(nodeLit(rx, p.Root, true))
		if p.Groups > 0 {
			// Only patterns with backreferences keep their groups.
			g.Line().Id("Groups").Op(":").Lit(p.Groups)
		}
		if len(p.Classes) > 0 {
			g.Line().Id("Classes").Op(":").Index().Qual(rx, "Class").ValuesFunc(func(g *jen.Group) {
				for _, c := range p.Classes {
					g.Line().Add(classLit(rx, c))
				}
				g.Line()
			})
		}
		g.Line()
	})
}

var opNames = map[ecmaregex.Op]string{
	ecmaregex.OpEmpty: "OpEmpty", ecmaregex.OpLiteral: "OpLiteral", ecmaregex.OpChar: "OpChar",
	ecmaregex.OpClass: "OpClass", ecmaregex.OpConcat: "OpConcat", ecmaregex.OpAlt: "OpAlt",
	ecmaregex.OpRepeat: "OpRepeat", ecmaregex.OpAssert: "OpAssert", ecmaregex.OpLook: "OpLook",
	ecmaregex.OpGroup: "OpGroup", ecmaregex.OpBackref: "OpBackref",
}

var assertNames = map[ecmaregex.Assert]string{
	ecmaregex.AssertBegin: "AssertBegin", ecmaregex.AssertEnd: "AssertEnd",
	ecmaregex.AssertWordBoundary: "AssertWordBoundary", ecmaregex.AssertNotWordBoundary: "AssertNotWordBoundary",
	ecmaregex.AssertLineBegin: "AssertLineBegin", ecmaregex.AssertLineEnd: "AssertLineEnd",
	ecmaregex.AssertInputEnd: "AssertInputEnd",
}

// nodeLit writes one node, its fields in a fixed order; typed says whether
// the literal needs its type name (inside []*Node it is elided).
func nodeLit(rx string, n *ecmaregex.Node, typed bool) *jen.Statement {
	field := func(g *jen.Group, name string, v jen.Code) { g.Id(name).Op(":").Add(v) }
	fields := func(g *jen.Group) {
		field(g, "Op", jen.Qual(rx, opNames[n.Op]))
		switch n.Op {
		case ecmaregex.OpLiteral:
			field(g, "Text", jen.Lit(n.Text))
		case ecmaregex.OpChar:
			field(g, "Rune", runeLit(n.Rune))
		case ecmaregex.OpClass:
			field(g, "Class", jen.Lit(n.Class))
		case ecmaregex.OpAssert:
			field(g, "Assert", jen.Qual(rx, assertNames[n.Assert]))
			if n.Assert == ecmaregex.AssertWordBoundary || n.Assert == ecmaregex.AssertNotWordBoundary {
				// \b consults two of the pattern's classes (Java's \b is
				// not ASCII).
				field(g, "Class", jen.Lit(n.Class))
			}
		case ecmaregex.OpLook:
			if n.Behind {
				field(g, "Behind", jen.True())
			}
			if n.Neg {
				field(g, "Neg", jen.True())
			}
		case ecmaregex.OpRepeat:
			field(g, "Min", jen.Lit(n.Min))
			field(g, "Max", jen.Lit(n.Max))
		case ecmaregex.OpGroup:
			field(g, "Group", jen.Lit(n.Group))
		case ecmaregex.OpBackref:
			field(g, "Group", jen.Lit(n.Group))
			if n.Fold {
				field(g, "Fold", jen.True())
			}
		}
		if len(n.Subs) > 0 {
			field(g, "Subs", jen.Index().Op("*").Qual(rx, "Node").ValuesFunc(func(g *jen.Group) {
				for _, s := range n.Subs {
					g.Line().Add(nodeLit(rx, s, false))
				}
				g.Line()
			}))
		}
	}
	if typed {
		return jen.Qual(rx, "Node").ValuesFunc(fields)
	}
	return jen.ValuesFunc(fields)
}

// classLit writes a class with its ranges on one line.
func classLit(rx string, c ecmaregex.Class) jen.Code {
	return jen.ValuesFunc(func(g *jen.Group) {
		if c.Neg {
			g.Id("Neg").Op(":").True()
		}
		if len(c.Ranges) > 0 {
			g.Id("Ranges").Op(":").Index().Qual(rx, "Range").ValuesFunc(func(g *jen.Group) {
				for _, r := range c.Ranges {
					g.Values(runeLit(r[0]), runeLit(r[1]))
				}
			})
		}
	})
}

// runeLit writes ASCII as a rune literal ('a', '\t') and anything else as
// a hexadecimal code point (0x2028), which reads unambiguously.
func runeLit(r rune) jen.Code {
	if r < utf8.RuneSelf {
		return jen.Op(strconv.QuoteRune(r))
	}
	return jen.Op("0x" + strconv.FormatInt(int64(r), 16))
}
