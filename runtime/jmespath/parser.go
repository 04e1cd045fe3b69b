package jmespath

// The parser is a Pratt (top-down operator precedence) parser. Each token
// kind has a binding power; expression(rbp) keeps extending the expression
// on its left while the next token binds more tightly than rbp. Tokens that
// only start expressions (such as "*" and "{") still get a binding power:
// it is what decides whether they end a projection (below).

// projectionStop is the binding power below which a token ends the
// right-hand side of a projection: "|", "||", "&&", comparators and "[]".
// Every other token continues the projection, so in foo[*].bar[0] the
// ".bar[0]" is applied to each element.
const projectionStop = 10

// maxNesting bounds how deeply expressions may nest. No real expression comes
// close; the limit keeps hostile input from exhausting the stack, since
// both the parser and the evaluator recurse once per level.
const maxNesting = 1000

// bindingPower returns how tightly a token binds to the expression on its
// left.
func bindingPower(k tokenKind) int {
	switch k {
	case tPipe:
		return 1
	case tOr:
		return 2
	case tAnd:
		return 3
	case tEQ, tNE, tLT, tLTE, tGT, tGTE:
		return 5
	case tFlatten:
		return 9
	case tStar:
		return 20
	case tFilter:
		return 21
	case tDot:
		return 40
	case tNot:
		return 45
	case tLBrace:
		return 50
	case tLBracket:
		return 55
	case tLParen:
		return 60
	}
	return 0
}

// parser holds the state of one parse.
type parser struct {
	toks  []token
	pos   int
	depth int
}

// parse compiles an expression into its syntax tree.
func parse(src string) (astNode, *ExprError) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	root, err := p.expression(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, p.unexpected(t)
	}
	return root, nil
}

func (p *parser) peek() token {
	return p.toks[p.pos]
}

// peekKind returns the kind of the token n places ahead, or tEOF.
func (p *parser) peekKind(n int) tokenKind {
	if p.pos+n < len(p.toks) {
		return p.toks[p.pos+n].kind
	}
	return tEOF
}

// next consumes a token. The tEOF token is never consumed, so peek always
// has a token to return.
func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tEOF {
		p.pos++
	}
	return t
}

// expect consumes a token of the given kind.
func (p *parser) expect(k tokenKind) (token, *ExprError) {
	t := p.next()
	if t.kind != k {
		return t, errorAt(KindSyntax, t.pos, "expected %v, found %v", k, t.kind)
	}
	return t, nil
}

func (p *parser) unexpected(t token) *ExprError {
	return errorAt(KindSyntax, t.pos, "unexpected %v", t.kind)
}

// expression parses an expression whose tokens bind more tightly than rbp.
func (p *parser) expression(rbp int) (astNode, *ExprError) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxNesting {
		return nil, errorAt(KindSyntax, p.peek().pos, "expression nested more than %d levels deep", maxNesting)
	}
	left, err := p.nud(p.next())
	if err != nil {
		return nil, err
	}
	for rbp < bindingPower(p.peek().kind) {
		left, err = p.led(p.next(), left)
		if err != nil {
			return nil, err
		}
	}
	return left, nil
}

// nud parses an expression that starts with t ("null denotation").
func (p *parser) nud(t token) (astNode, *ExprError) {
	switch t.kind {
	case tLiteral:
		return newLiteral(t.lit), nil
	case tRawString:
		return &literalNode{value: t.text}, nil
	case tUnquoted:
		if p.peek().kind == tLParen {
			return p.call(t)
		}
		return &fieldNode{name: t.text}, nil
	case tQuoted:
		// A quoted name followed by "(" is not a function call; the "("
		// is left for the caller, which reports it.
		return &fieldNode{name: t.text}, nil
	case tCurrent:
		return currentNode{}, nil
	case tStar:
		return p.valueProjection(currentNode{})
	case tFlatten:
		return p.flatten(currentNode{})
	case tFilter:
		return p.filter(currentNode{})
	case tLBracket:
		switch p.peek().kind {
		case tNumber, tColon:
			return p.indexOrSlice(currentNode{})
		case tStar:
			if p.peekKind(1) == tRBracket {
				p.next()
				p.next()
				return p.listProjection(currentNode{})
			}
		}
		return p.multiSelectList()
	case tLBrace:
		return p.multiSelectHash()
	case tLParen:
		inner, err := p.expression(0)
		if err != nil {
			return nil, err
		}
		if _, err := p.expect(tRParen); err != nil {
			return nil, err
		}
		return inner, nil
	case tNot:
		operand, err := p.expression(bindingPower(tNot))
		if err != nil {
			return nil, err
		}
		return &notNode{operand: operand}, nil
	case tExpref:
		return nil, errorAt(KindSyntax, t.pos, `"&" may only start a function argument`)
	}
	return nil, p.unexpected(t)
}

// led extends left with an expression that continues at t ("left
// denotation").
func (p *parser) led(t token, left astNode) (astNode, *ExprError) {
	switch t.kind {
	case tDot:
		if p.peek().kind == tStar {
			p.next()
			return p.valueProjection(left)
		}
		right, err := p.dotRHS(bindingPower(tDot))
		if err != nil {
			return nil, err
		}
		return newChain(left, right), nil
	case tPipe:
		right, err := p.expression(bindingPower(tPipe))
		if err != nil {
			return nil, err
		}
		return newChain(left, right), nil
	case tOr, tAnd:
		right, err := p.expression(bindingPower(t.kind))
		if err != nil {
			return nil, err
		}
		if t.kind == tOr {
			return &orNode{left: left, right: right}, nil
		}
		return &andNode{left: left, right: right}, nil
	case tEQ, tNE, tLT, tLTE, tGT, tGTE:
		right, err := p.expression(bindingPower(t.kind))
		if err != nil {
			return nil, err
		}
		return &compareNode{op: t.kind, left: left, right: right}, nil
	case tFlatten:
		return p.flatten(left)
	case tFilter:
		return p.filter(left)
	case tLBracket:
		switch p.peek().kind {
		case tNumber, tColon:
			return p.indexOrSlice(left)
		case tStar:
			p.next()
			if _, err := p.expect(tRBracket); err != nil {
				return nil, err
			}
			return p.listProjection(left)
		}
		// foo[a, b] is not a multi-select list; that needs foo.[a, b].
		return nil, errorAt(KindSyntax, p.peek().pos, `expected a number, ":" or "*" after "["`)
	}
	return nil, p.unexpected(t)
}

// projectionRHS parses what a projection applies to each element: up to
// the next token that stops projections, or the current node if there is
// nothing.
func (p *parser) projectionRHS(rbp int) (astNode, *ExprError) {
	t := p.peek()
	switch {
	case bindingPower(t.kind) < projectionStop:
		return currentNode{}, nil
	case t.kind == tLBracket || t.kind == tFilter:
		return p.expression(rbp)
	case t.kind == tDot:
		p.next()
		return p.dotRHS(rbp)
	}
	return nil, p.unexpected(t)
}

// dotRHS parses what may follow a ".": an identifier, a function call, a
// wildcard, or a multi-select list or hash. In particular it rejects
// literals, numbers and "@".
func (p *parser) dotRHS(rbp int) (astNode, *ExprError) {
	switch t := p.peek(); t.kind {
	case tUnquoted, tQuoted, tStar:
		return p.expression(rbp)
	case tLBracket:
		p.next()
		return p.multiSelectList()
	case tLBrace:
		p.next()
		return p.multiSelectHash()
	default:
		return nil, errorAt(KindSyntax, t.pos, `expected an identifier, "*", "[" or "{" after ".", found %v`, t.kind)
	}
}

// valueProjection parses the rest of "*" (an object wildcard) applied to
// left.
func (p *parser) valueProjection(left astNode) (astNode, *ExprError) {
	right, err := p.projectionRHS(bindingPower(tStar))
	if err != nil {
		return nil, err
	}
	return &valueProjectionNode{left: left, right: right}, nil
}

// listProjection parses the rest of "[*]" applied to left.
func (p *parser) listProjection(left astNode) (astNode, *ExprError) {
	right, err := p.projectionRHS(bindingPower(tStar))
	if err != nil {
		return nil, err
	}
	return newListProjection(left, right), nil
}

// flatten parses the rest of "[]" applied to left: flattening is a
// projection over the flattened array.
func (p *parser) flatten(left astNode) (astNode, *ExprError) {
	right, err := p.projectionRHS(bindingPower(tFlatten))
	if err != nil {
		return nil, err
	}
	return newListProjection(&flattenNode{left: left}, right), nil
}

// filter parses the rest of "[?cond]" applied to left.
func (p *parser) filter(left astNode) (astNode, *ExprError) {
	cond, err := p.expression(0)
	if err != nil {
		return nil, err
	}
	if _, err := p.expect(tRBracket); err != nil {
		return nil, err
	}
	right, err := p.projectionRHS(bindingPower(tFilter))
	if err != nil {
		return nil, err
	}
	return &filterNode{left: left, cond: cond, right: right}, nil
}

// indexOrSlice parses "[n]" or "[start:stop:step]" after the "[". An index
// selects one element; a slice is a projection over the selected elements.
func (p *parser) indexOrSlice(left astNode) (astNode, *ExprError) {
	var parts, at [3]int
	var given [3]bool
	part := 0
	for {
		t := p.next()
		switch t.kind {
		case tNumber:
			if given[part] {
				return nil, errorAt(KindSyntax, t.pos, `expected ":" or "]", found number`)
			}
			parts[part], given[part], at[part] = t.num, true, t.pos
			continue
		case tColon:
			if part == 2 {
				return nil, errorAt(KindSyntax, t.pos, `too many ":" in slice`)
			}
			part++
			continue
		case tRBracket:
		default:
			return nil, errorAt(KindSyntax, t.pos, `expected a number, ":" or "]" in index or slice, found %v`, t.kind)
		}
		break
	}
	if part == 0 {
		return &indexNode{left: left, index: parts[0]}, nil
	}
	if given[2] && parts[2] == 0 {
		return nil, errorAt(KindInvalidValue, at[2], "slice step cannot be 0")
	}
	s := &sliceNode{left: left, step: 1}
	if given[0] {
		s.start = &parts[0]
	}
	if given[1] {
		s.stop = &parts[1]
	}
	if given[2] {
		s.step = parts[2]
	}
	right, err := p.projectionRHS(bindingPower(tStar))
	if err != nil {
		return nil, err
	}
	return newListProjection(s, right), nil
}

// multiSelectList parses "[a, b, ...]" after the "[". At least one element
// is required; "[]" is the flatten token.
func (p *parser) multiSelectList() (astNode, *ExprError) {
	var items []astNode
	for {
		item, err := p.expression(0)
		if err != nil {
			return nil, err
		}
		items = append(items, item)
		t := p.next()
		if t.kind == tRBracket {
			return &multiListNode{items: items}, nil
		}
		if t.kind != tComma {
			return nil, errorAt(KindSyntax, t.pos, `expected "," or "]", found %v`, t.kind)
		}
	}
}

// multiSelectHash parses "{key: value, ...}" after the "{". At least one
// pair is required.
func (p *parser) multiSelectHash() (astNode, *ExprError) {
	h := &multiHashNode{}
	for {
		key := p.next()
		if key.kind != tUnquoted && key.kind != tQuoted {
			return nil, errorAt(KindSyntax, key.pos, "expected a key (an identifier), found %v", key.kind)
		}
		if _, err := p.expect(tColon); err != nil {
			return nil, err
		}
		value, err := p.expression(0)
		if err != nil {
			return nil, err
		}
		h.keys = append(h.keys, key.text)
		h.values = append(h.values, value)
		t := p.next()
		if t.kind == tRBrace {
			return h, nil
		}
		if t.kind != tComma {
			return nil, errorAt(KindSyntax, t.pos, `expected "," or "}", found %v`, t.kind)
		}
	}
}

// call parses a function call whose name is the token t; the next token is
// "(". The function must exist and take this many arguments, and
// expression references must appear exactly where the function takes them:
// all of that is known without data, so it is checked here.
func (p *parser) call(name token) (astNode, *ExprError) {
	p.next() // "("
	var args []astNode
	var argPos []int
	if p.peek().kind == tRParen {
		p.next()
	} else {
		for {
			start := p.peek()
			var arg astNode
			if start.kind == tExpref {
				p.next()
				body, err := p.expression(0)
				if err != nil {
					return nil, err
				}
				arg = &exprefNode{body: body}
			} else {
				var err *ExprError
				if arg, err = p.expression(0); err != nil {
					return nil, err
				}
			}
			args = append(args, arg)
			argPos = append(argPos, start.pos)
			t := p.next()
			if t.kind == tRParen {
				break
			}
			if t.kind != tComma {
				return nil, errorAt(KindSyntax, t.pos, `expected "," or ")" in function call, found %v`, t.kind)
			}
		}
	}

	fn := builtins[name.text]
	if fn == nil {
		return nil, errorAt(KindUnknownFunction, name.pos, "unknown function %s()", name.text)
	}
	if err := fn.checkArity(len(args)); err != nil {
		err.Offset = name.pos
		return nil, err
	}
	for i, arg := range args {
		_, isRef := arg.(*exprefNode)
		wantRef := fn.param(i)&argExpref != 0
		if isRef != wantRef {
			what := "a value"
			if wantRef {
				what = "an expression reference (&expr)"
			}
			return nil, errorAt(KindInvalidType, argPos[i], "argument %d of %s() must be %s", i+1, fn.name, what)
		}
	}
	return &callNode{fn: fn, args: args, pos: name.pos}, nil
}
