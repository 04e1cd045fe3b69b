package ecmaregex

type opcode uint8

const (
	opMatch  opcode = iota // the program has matched
	opChar                 // consume code point arg
	opClass                // consume a code point in classes[arg]
	opSplit                // continue at both out and arg
	opAssert               // continue at out if assertKind(arg) holds here
	opLook                 // continue at out if lookaround arg holds here (inverted by neg)
)

// inst is one instruction of a program. Programs are NFAs: only opChar and
// opClass consume input, everything else is an epsilon transition.
type inst struct {
	op  opcode
	neg bool
	out uint32
	arg uint32
}

// prog is a compiled program: the main pattern, or the body of a
// lookaround.
type prog struct {
	insts    []inst
	start    uint32
	backward bool // compiled reversed, to scan the input from its end

	// Upper bounds used to size scratch space once, so that matching never
	// grows a slice: threads is the number of consuming instructions, and
	// stack the most pushes one epsilon closure can make.
	threads, stack int
}

// compiler builds a prog back to front: compiling a node takes the pc
// that follows it and returns the pc that enters it. That needs no patch
// lists, and loops are closed by creating the split first.
type compiler struct {
	insts   []inst
	reverse bool // emit concatenations right to left, for backward scans
}

// newRegexp builds the matcher for a parsed pattern: the NFA programs, or
// for a pattern with backreferences the tree the backtracking matcher
// walks.
func newRegexp(expr string, tree *parsed) *Regexp {
	re := &Regexp{expr: expr, classes: tree.classes, anchored: anchoredAtStart(tree.root), word: tree.word}
	if tree.groups > 0 {
		re.tree, re.groups = tree.root, tree.groups
		return re
	}
	re.main = compileProg(tree.root, false)
	re.looks = make([]prog, len(tree.looks))
	for i, l := range tree.looks {
		// A lookahead body is run backward from the end of the input, and
		// a lookbehind body forward from its start; see machine.fillLook.
		re.looks[i] = compileProg(l.subs[0], !l.behind)
	}
	return re
}

// compileProg compiles n into a program ending in opMatch. With reverse
// set, the program recognises the reversed language, for scanning the
// input backward.
func compileProg(n *node, reverse bool) prog {
	c := &compiler{insts: make([]inst, 0, n.size+1), reverse: reverse}
	match := c.emit(inst{op: opMatch})
	start := c.compile(n, match)
	p := prog{insts: c.insts, start: start, backward: reverse, stack: 1}
	for _, in := range p.insts {
		switch in.op {
		case opChar, opClass:
			p.threads++
		case opSplit:
			p.stack += 2
		case opAssert, opLook:
			p.stack++
		}
	}
	return p
}

func (c *compiler) emit(in inst) uint32 {
	c.insts = append(c.insts, in)
	return uint32(len(c.insts) - 1)
}

func (c *compiler) compile(n *node, next uint32) uint32 {
	switch n.kind {
	case nEmpty:
		return next
	case nChar:
		return c.emit(inst{op: opChar, out: next, arg: uint32(n.r)})
	case nClass:
		return c.emit(inst{op: opClass, out: next, arg: uint32(n.cls)})
	case nAssert:
		return c.emit(inst{op: opAssert, out: next, arg: uint32(n.assert)})
	case nLook:
		return c.emit(inst{op: opLook, neg: n.neg, out: next, arg: uint32(n.look)})
	case nConcat:
		if c.reverse {
			for _, s := range n.subs {
				next = c.compile(s, next)
			}
			return next
		}
		for i := len(n.subs) - 1; i >= 0; i-- {
			next = c.compile(n.subs[i], next)
		}
		return next
	case nAlt:
		pc := c.compile(n.subs[len(n.subs)-1], next)
		for i := len(n.subs) - 2; i >= 0; i-- {
			first := c.compile(n.subs[i], next)
			pc = c.emit(inst{op: opSplit, out: first, arg: pc})
		}
		return pc
	case nRepeat:
		return c.compileRepeat(n, next)
	case nGroup:
		return c.compile(n.subs[0], next)
	}
	// nBackref: patterns with backreferences use the backtracking matcher.
	panic("ecmaregex: unknown node kind")
}

// compileRepeat expands x{min,max} into min copies of x followed by either
// a loop (max unbounded) or max-min optional copies. Greedy and lazy
// compile alike: both accept the same strings.
func (c *compiler) compileRepeat(n *node, next uint32) uint32 {
	x := n.subs[0]
	pc := next
	copies := n.min
	if n.max < 0 {
		// loop: split(x then loop, next).
		loop := c.emit(inst{op: opSplit})
		body := c.compile(x, loop)
		c.insts[loop].out, c.insts[loop].arg = body, next
		pc = loop
		if copies > 0 {
			// x+ enters the body directly; the loop supplies the rest.
			pc = body
			copies--
		}
	} else {
		// (x(x(x)?)?)? built inside out; every skip goes straight to next.
		for i := 0; i < n.max-n.min; i++ {
			body := c.compile(x, pc)
			pc = c.emit(inst{op: opSplit, out: body, arg: next})
		}
	}
	for i := 0; i < copies; i++ {
		pc = c.compile(x, pc)
	}
	return pc
}
