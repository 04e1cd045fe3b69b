package shapes

import (
	"fmt"
	"strings"
)

// This file parses one Smithy IDL file (smithy.io spec/idl.html, "Smithy IDL
// ABNF") into an idlFile: the statements as written, with positions, and
// shape IDs still relative. Relative IDs can only be resolved once every file
// of the model is known (a shape may be defined in another file of the same
// namespace), so that happens later, in idl_convert.go.

// idlFile is a parsed IDL file.
type idlFile struct {
	name string
	src  []byte
	v10  bool // Smithy IDL 1.0 (explicitly, or because $version is absent)

	inputSuffix, outputSuffix string

	metadata  []idlMeta
	namespace string
	uses      map[string]idlUse // imported name → absolute ID
	shapes    []*idlShape
	applies   []*idlApply
}

type idlMeta struct {
	key   string
	pos   pos
	value *node
}

type idlUse struct {
	id  ID
	pos pos
}

// idlRef is a shape ID as written: relative or absolute, with an optional
// member part.
type idlRef struct {
	text string
	pos  pos
}

// idlTrait is one "@id(value)" (or a documentation comment, which is sugar
// for the documentation trait).
type idlTrait struct {
	id    idlRef
	value *node // nil for a trait written without a value: "@foo" or "@foo()"
	pos   pos   // the "@" (or the comment)
	doc   bool  // from documentation comments
}

// idlShape is a shape statement, or a structure defined inline as an
// operation's input or output.
type idlShape struct {
	typeName string
	typePos  pos
	name     string
	namePos  pos
	traits   []*idlTrait
	mixins   []idlRef
	withPos  pos
	forRes   *idlRef
	members  []*idlMember
	props    []*idlProp // service, resource and operation properties
	inline   string     // "input" or "output" for a structure defined with ":="
}

// idlMember is a member of a structure, union, list, map, enum or intEnum.
type idlMember struct {
	name     string
	pos      pos
	target   *idlRef // nil when elided ("$name") or for an enum member
	elided   bool
	traits   []*idlTrait
	value    *node // "= value": a default, or an enum member's value
	valuePos pos
}

// idlProp is a property of a service, resource or operation body.
type idlProp struct {
	key   string
	pos   pos
	value *node
}

type idlApply struct {
	target idlRef
	traits []*idlTrait
	pos    pos
}

type nodeKind int

const (
	nNull nodeKind = iota
	nBool
	nNumber
	nString
	nShapeID // an unquoted string: a syntactic shape ID, resolved later
	nArray
	nObject
)

// node is a node value (spec/idl "Node values"): JSON plus shape IDs.
type node struct {
	kind  nodeKind
	pos   pos
	text  string // string value, number literal or shape ID text
	b     bool
	elems []*node
	keys  []string // object keys, in order, with their values in vals
	kpos  []pos
	vals  []*node
}

func (n *node) field(key string) *node {
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

// parser is a recursive descent parser over the token stream of one file.
type parser struct {
	f     *idlFile
	toks  []token
	i     int
	depth int // nesting of node values, bounded so that input cannot exhaust the stack
}

// maxNodeDepth bounds the nesting of node values; real models (endpoint
// rule sets are the deepest) stay far below it.
const maxNodeDepth = 1000

// parseIDL parses one IDL file. It stops at the first error, which is an
// *Error naming the file, line and column.
func parseIDL(name string, src []byte) (*idlFile, error) {
	p := &parser{f: &idlFile{name: name, src: src, uses: map[string]idlUse{}}, toks: lex(src)}
	if err := p.file(); err != nil {
		return nil, err
	}
	return p.f, nil
}

func (p *parser) tok() token { return p.toks[p.i] }

func (p *parser) peekKind(k tokKind) bool { return p.toks[p.i].kind == k }

// next consumes the current token. It never moves past the end of the
// stream or a lexical error, so that loops cannot run off the end.
func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF && t.kind != tError {
		p.i++
	}
	return t
}

func (p *parser) errAt(at pos, format string, args ...any) error {
	return newPosError(p.f.name, p.f.src, at, "", fmt.Sprintf(format, args...))
}

// unexpected reports the current token as not what the grammar wants. A
// lexical error token reports its own message instead.
func (p *parser) unexpected(want string) error {
	t := p.tok()
	if t.kind == tError {
		return p.errAt(t.pos, "%s", t.text)
	}
	return p.errAt(t.pos, "expected %s, found %s", want, t.describe())
}

func (p *parser) expect(k tokKind, want string) (token, error) {
	if !p.peekKind(k) {
		return token{}, p.unexpected(want)
	}
	return p.next(), nil
}

func isWS(k tokKind) bool {
	return k == tSpace || k == tNewline || k == tComma || k == tComment || k == tDocComment
}

// ws skips whitespace (WS: spaces, newlines, commas and comments) and
// returns the documentation comment lines it passed.
func (p *parser) ws() (docs []string) {
	for isWS(p.tok().kind) {
		if t := p.next(); t.kind == tDocComment {
			docs = append(docs, t.text)
		}
	}
	return docs
}

// sp skips spaces and tabs (SP), which never include a newline.
func (p *parser) sp() bool {
	skipped := false
	for p.peekKind(tSpace) {
		p.next()
		skipped = true
	}
	return skipped
}

// sp1 requires at least one space.
func (p *parser) sp1() error {
	if !p.peekKind(tSpace) {
		return p.unexpected("a space")
	}
	p.sp()
	return nil
}

// br requires a line break (BR): optional spaces, then a newline or a
// comment (which ends with one), or the end of the file. The whitespace after
// it is left for the caller, which collects documentation comments from it.
// Commas are accepted before the break because commas are whitespace
// everywhere else too ("foo: String = \"x\",").
func (p *parser) br() error {
	for p.peekKind(tSpace) || p.peekKind(tComma) {
		p.next()
	}
	switch p.tok().kind {
	case tNewline, tComment, tDocComment:
		p.next()
		return nil
	case tEOF:
		return nil
	}
	return p.unexpected("a line break")
}

func (p *parser) isIdent(text string) bool {
	t := p.tok()
	return t.kind == tIdent && t.text == text
}

// identifier reads one identifier.
func (p *parser) identifier(want string) (token, error) {
	return p.expect(tIdent, want)
}

// shapeID reads ShapeId = [Namespace "#"] Identifier ["$" Identifier], with
// no whitespace inside.
func (p *parser) shapeID() (idlRef, error) {
	start := p.tok().pos
	first, err := p.identifier("a shape ID")
	if err != nil {
		return idlRef{}, err
	}
	var b strings.Builder
	b.WriteString(first.text)
	for p.peekKind(tDot) {
		p.next()
		id, err := p.identifier("an identifier after '.'")
		if err != nil {
			return idlRef{}, err
		}
		b.WriteString("." + id.text)
	}
	if p.peekKind(tPound) {
		p.next()
		id, err := p.identifier("a shape name after '#'")
		if err != nil {
			return idlRef{}, err
		}
		b.WriteString("#" + id.text)
	} else if strings.Contains(b.String(), ".") {
		return idlRef{}, p.unexpected("'#' after the namespace")
	}
	if p.peekKind(tDollar) {
		p.next()
		id, err := p.identifier("a member name after '$'")
		if err != nil {
			return idlRef{}, err
		}
		b.WriteString("$" + id.text)
	}
	return idlRef{text: b.String(), pos: start}, nil
}

// absoluteShapeID reads a shape ID that must have a namespace.
func (p *parser) absoluteShapeID() (idlRef, error) {
	start := p.tok().pos
	first, err := p.identifier("a namespace")
	if err != nil {
		return idlRef{}, err
	}
	text := first.text
	for p.peekKind(tDot) {
		p.next()
		id, err := p.identifier("an identifier after '.'")
		if err != nil {
			return idlRef{}, err
		}
		text += "." + id.text
	}
	if _, err := p.expect(tPound, "'#' (an absolute shape ID is namespace#Name)"); err != nil {
		return idlRef{}, err
	}
	id, err := p.identifier("a shape name after '#'")
	if err != nil {
		return idlRef{}, err
	}
	text += "#" + id.text
	if p.peekKind(tDollar) {
		return idlRef{}, p.errAt(p.tok().pos, "a use statement cannot import a member")
	}
	return idlRef{text: text, pos: start}, nil
}

// file reads IDL = control section, metadata section, then (if anything
// follows) the namespace, use statements and shape statements.
func (p *parser) file() error {
	p.ws()
	if err := p.controlSection(); err != nil {
		return err
	}
	if err := p.metadataSection(); err != nil {
		return err
	}
	if p.peekKind(tEOF) {
		return nil
	}
	if !p.isIdent("namespace") {
		return p.unexpected("a namespace statement")
	}
	if err := p.namespaceStatement(); err != nil {
		return err
	}
	docs := p.ws()
	for p.isIdent("use") {
		if err := p.useStatement(); err != nil {
			return err
		}
		docs = p.ws()
	}
	for !p.peekKind(tEOF) {
		if err := p.shapeOrApply(docs); err != nil {
			return err
		}
		docs = p.ws()
	}
	return nil
}

// controlSection reads "$key: value" statements: $version and the inline
// input/output suffixes; unknown ones are ignored, as the spec requires.
func (p *parser) controlSection() error {
	seen := map[string]bool{}
	p.f.v10 = true // spec: no $version means IDL 1.0
	for p.peekKind(tDollar) {
		dollar := p.next()
		key, err := p.nodeObjectKey()
		if err != nil {
			return err
		}
		p.sp()
		if _, err := p.expect(tColon, "':'"); err != nil {
			return err
		}
		p.sp()
		val, err := p.nodeValue()
		if err != nil {
			return err
		}
		if seen[key] {
			return p.errAt(dollar.pos, "duplicate control statement $%s", key)
		}
		seen[key] = true
		switch key {
		case "version":
			if val.kind != nString {
				return p.errAt(val.pos, "$version must be a string, such as \"2.0\"")
			}
			switch val.text {
			case "1", "1.0":
				p.f.v10 = true
			case "2", "2.0":
				p.f.v10 = false
			default:
				return p.errAt(val.pos, "unsupported Smithy IDL version %q (want 1.0 or 2.0)", val.text)
			}
		case "operationInputSuffix", "operationOutputSuffix":
			if val.kind != nString || !isIdentifierTail(val.text) {
				return p.errAt(val.pos, "$%s must be a string of identifier characters", key)
			}
			if key == "operationInputSuffix" {
				p.f.inputSuffix = val.text
			} else {
				p.f.outputSuffix = val.text
			}
		default:
			// Implementations must ignore unknown control statements.
		}
		if err := p.br(); err != nil {
			return err
		}
		p.ws()
	}
	return nil
}

// isIdentifierTail reports whether s can be appended to an identifier.
func isIdentifierTail(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isAlpha(c) && !isDigit(c) && c != '_' {
			return false
		}
	}
	return s != ""
}

func (p *parser) nodeObjectKey() (string, error) {
	switch t := p.tok(); t.kind {
	case tIdent, tString:
		p.next()
		return t.text, nil
	}
	return "", p.unexpected("a key (an identifier or a quoted string)")
}

// metadataSection reads "metadata key = value" statements.
func (p *parser) metadataSection() error {
	seen := map[string]pos{}
	for p.isIdent("metadata") {
		p.next()
		if err := p.sp1(); err != nil {
			return err
		}
		at := p.tok().pos
		key, err := p.nodeObjectKey()
		if err != nil {
			return err
		}
		p.sp()
		if _, err := p.expect(tEqual, "'='"); err != nil {
			return err
		}
		p.sp()
		val, err := p.nodeValue()
		if err != nil {
			return err
		}
		if prev, dup := seen[key]; dup {
			return p.errAt(at, "metadata %q is already set in this file (line %d)", key, prev.line)
		}
		seen[key] = at
		p.f.metadata = append(p.f.metadata, idlMeta{key: key, pos: at, value: val})
		if err := p.br(); err != nil {
			return err
		}
		p.ws()
	}
	return nil
}

// namespaceStatement reads "namespace a.b.c", which must fit on one line.
func (p *parser) namespaceStatement() error {
	p.next()
	if err := p.sp1(); err != nil {
		return err
	}
	first, err := p.identifier("a namespace")
	if err != nil {
		return err
	}
	ns := first.text
	for p.peekKind(tDot) {
		p.next()
		id, err := p.identifier("an identifier after '.'")
		if err != nil {
			return err
		}
		ns += "." + id.text
	}
	p.f.namespace = ns
	return p.br()
}

// useStatement reads "use ns#Name". Two uses may not import different shapes
// under one name.
func (p *parser) useStatement() error {
	p.next()
	if err := p.sp1(); err != nil {
		return err
	}
	ref, err := p.absoluteShapeID()
	if err != nil {
		return err
	}
	id, err := ParseID(ref.text)
	if err != nil {
		return p.errAt(ref.pos, "%v", err)
	}
	if prev, ok := p.f.uses[id.Name]; ok && prev.id != id {
		return p.errAt(ref.pos, "cannot use %s: the name %s is already imported as %s (line %d)", id, id.Name, prev.id, prev.pos.line)
	}
	p.f.uses[id.Name] = idlUse{id: id, pos: ref.pos}
	return p.br()
}

// traitStatements reads TraitStatements: traits separated by whitespace.
// docs are the documentation comment lines just before the first trait;
// they become a documentation trait, which comes first.
func (p *parser) traitStatements(docs []string, docPos pos) ([]*idlTrait, error) {
	var traits []*idlTrait
	if docs != nil {
		traits = append(traits, &idlTrait{
			id:    idlRef{text: "smithy.api#documentation", pos: docPos},
			value: &node{kind: nString, pos: docPos, text: strings.Join(docs, "\n")},
			pos:   docPos,
			doc:   true,
		})
	}
	for p.peekKind(tAt) {
		t, err := p.trait()
		if err != nil {
			return nil, err
		}
		traits = append(traits, t)
		p.ws() // documentation comments after a trait are plain comments
	}
	return traits, nil
}

// docPos returns the position of the first documentation comment before the
// current token, for error messages about the documentation trait.
func (p *parser) docPos() pos {
	j := p.i - 1
	at := p.tok().pos
	for j >= 0 && isWS(p.toks[j].kind) {
		if p.toks[j].kind == tDocComment {
			at = p.toks[j].pos
		}
		j--
	}
	return at
}

// trait reads "@id", "@id()", "@id(value)" or "@id(key: value, ...)".
func (p *parser) trait() (*idlTrait, error) {
	at := p.next().pos
	id, err := p.shapeID()
	if err != nil {
		return nil, err
	}
	t := &idlTrait{id: id, pos: at}
	if !p.peekKind(tLParen) {
		return t, nil
	}
	p.next()
	p.ws()
	if p.peekKind(tRParen) {
		p.next()
		return t, nil
	}
	if k := p.tok().kind; (k == tIdent || k == tString) && p.keyFollows() {
		t.value, err = p.traitStructure()
		if err != nil {
			return nil, err
		}
	} else {
		if t.value, err = p.nodeValue(); err != nil {
			return nil, err
		}
		p.ws()
	}
	if _, err := p.expect(tRParen, "')'"); err != nil {
		return nil, err
	}
	return t, nil
}

// keyFollows reports whether the current token (an identifier or string) is
// the key of a key-value pair: whether ':' comes next, past whitespace.
func (p *parser) keyFollows() bool {
	j := p.i + 1
	for isWS(p.toks[j].kind) {
		j++
	}
	return p.toks[j].kind == tColon || p.toks[j].kind == tWalrus
}

// traitStructure reads the key-value pairs of a trait value written without
// braces: @foo(a: 1, b: 2).
func (p *parser) traitStructure() (*node, error) {
	obj := &node{kind: nObject, pos: p.tok().pos}
	for {
		if err := p.objectEntry(obj); err != nil {
			return nil, err
		}
		sawWS := isWS(p.tok().kind)
		p.ws()
		if p.peekKind(tRParen) {
			return obj, nil
		}
		if !sawWS {
			return nil, p.unexpected("whitespace or ')'")
		}
	}
}

// objectEntry reads one "key: value" into obj.
func (p *parser) objectEntry(obj *node) error {
	at := p.tok().pos
	key, err := p.nodeObjectKey()
	if err != nil {
		return err
	}
	p.ws()
	if p.peekKind(tWalrus) {
		return p.unexpected("':' (':=' only defines inline operation input and output)")
	}
	if _, err := p.expect(tColon, "':'"); err != nil {
		return err
	}
	p.ws()
	val, err := p.nodeValue()
	if err != nil {
		return err
	}
	for i, k := range obj.keys {
		if k == key {
			return p.errAt(at, "duplicate key %q (line %d)", key, obj.kpos[i].line)
		}
	}
	obj.keys = append(obj.keys, key)
	obj.kpos = append(obj.kpos, at)
	obj.vals = append(obj.vals, val)
	return nil
}

// nodeValue reads NodeValue: array, object, number, keyword, string, text
// block or syntactic shape ID.
func (p *parser) nodeValue() (*node, error) {
	t := p.tok()
	if p.depth >= maxNodeDepth {
		return nil, p.errAt(t.pos, "values are nested more than %d deep", maxNodeDepth)
	}
	p.depth++
	defer func() { p.depth-- }()
	switch t.kind {
	case tLBracket:
		p.next()
		arr := &node{kind: nArray, pos: t.pos, elems: []*node{}}
		p.ws()
		for !p.peekKind(tRBracket) {
			v, err := p.nodeValue()
			if err != nil {
				return nil, err
			}
			arr.elems = append(arr.elems, v)
			p.ws()
		}
		p.next()
		return arr, nil
	case tLBrace:
		p.next()
		obj := &node{kind: nObject, pos: t.pos}
		p.ws()
		for !p.peekKind(tRBrace) {
			if err := p.objectEntry(obj); err != nil {
				return nil, err
			}
			sawWS := isWS(p.tok().kind)
			p.ws()
			if !p.peekKind(tRBrace) && !sawWS {
				return nil, p.unexpected("whitespace or '}'")
			}
		}
		p.next()
		return obj, nil
	case tNumber:
		p.next()
		return &node{kind: nNumber, pos: t.pos, text: t.text}, nil
	case tString, tTextBlock:
		p.next()
		return &node{kind: nString, pos: t.pos, text: t.text}, nil
	case tIdent:
		// true, false and null are keywords only when they are the whole
		// shape ID: "truefalse" or "true#x" are shape IDs.
		if k := p.toks[p.i+1].kind; k != tDot && k != tPound && k != tDollar {
			switch t.text {
			case "true", "false":
				p.next()
				return &node{kind: nBool, pos: t.pos, b: t.text == "true"}, nil
			case "null":
				p.next()
				return &node{kind: nNull, pos: t.pos}, nil
			}
		}
		ref, err := p.shapeID()
		if err != nil {
			return nil, err
		}
		return &node{kind: nShapeID, pos: ref.pos, text: ref.text}, nil
	}
	return nil, p.unexpected("a value")
}

var simpleTypes = map[string]bool{
	"blob": true, "boolean": true, "document": true, "string": true, "byte": true, "short": true,
	"integer": true, "long": true, "float": true, "double": true, "bigInteger": true,
	"bigDecimal": true, "timestamp": true,
}

// shapeOrApply reads one statement of the shape section: trait statements
// and a shape, or an apply statement (which takes no traits before it).
func (p *parser) shapeOrApply(docs []string) error {
	dp := p.docPos()
	traits, err := p.traitStatements(docs, dp)
	if err != nil {
		return err
	}
	t := p.tok()
	if t.kind != tIdent {
		return p.unexpected("a shape statement or an apply statement")
	}
	if t.text == "apply" {
		for _, tr := range traits {
			// A documentation comment before apply is a plain comment.
			if !tr.doc {
				return p.errAt(t.pos, "traits cannot be applied to an apply statement (the trait at line %d)", tr.pos.line)
			}
		}
		return p.applyStatement()
	}
	typeName := t.text
	switch {
	case simpleTypes[typeName], typeName == "enum", typeName == "intEnum", typeName == "list", typeName == "set",
		typeName == "map", typeName == "structure", typeName == "union", typeName == "service",
		typeName == "resource", typeName == "operation":
	default:
		return p.errAt(t.pos, "unknown shape type %q (or a statement out of place)", typeName)
	}
	p.next()
	if err := p.sp1(); err != nil {
		return err
	}
	name, err := p.identifier("a shape name")
	if err != nil {
		return err
	}
	s := &idlShape{typeName: typeName, typePos: t.pos, name: name.text, namePos: name.pos, traits: traits}
	switch typeName {
	case "enum", "intEnum":
		if p.f.v10 {
			return p.errAt(t.pos, "%s shapes need Smithy IDL 2.0 ($version: \"2.0\")", typeName)
		}
	case "set":
		if !p.f.v10 {
			return p.errAt(t.pos, "set shapes cannot be used in Smithy 2.0: use a list with @uniqueItems")
		}
	}
	switch typeName {
	case "structure", "union", "list", "set", "map":
		if err := p.forResource(s); err != nil {
			return err
		}
	}
	if err := p.mixins(s); err != nil {
		return err
	}
	switch typeName {
	case "structure", "union", "list", "set", "map", "enum", "intEnum":
		p.ws()
		if err := p.members(s); err != nil {
			return err
		}
	case "service", "resource":
		p.ws()
		if !p.peekKind(tLBrace) {
			return p.unexpected("'{'")
		}
		body, err := p.nodeValue()
		if err != nil {
			return err
		}
		for i, k := range body.keys {
			s.props = append(s.props, &idlProp{key: k, pos: body.kpos[i], value: body.vals[i]})
		}
	case "operation":
		p.ws()
		if err := p.operationBody(s); err != nil {
			return err
		}
	}
	p.f.shapes = append(p.f.shapes, s)
	return p.br()
}

// forResource reads the optional "for Resource" that lets members elide
// targets from a resource's identifiers and properties.
func (p *parser) forResource(s *idlShape) error {
	j := p.i
	for p.toks[j].kind == tSpace {
		j++
	}
	if j == p.i || p.toks[j].kind != tIdent || p.toks[j].text != "for" {
		return nil
	}
	p.i = j
	return p.forClause(s)
}

// forClause reads "for ShapeId", the current token being "for".
func (p *parser) forClause(s *idlShape) error {
	at := p.next().pos
	if p.f.v10 {
		return p.errAt(at, "\"for\" needs Smithy IDL 2.0: a 1.0 shape cannot be bound to a resource")
	}
	if err := p.sp1(); err != nil {
		return err
	}
	ref, err := p.shapeID()
	if err != nil {
		return err
	}
	s.forRes = &ref
	return nil
}

// mixins reads the optional "with [A B]", which must start on the shape's
// line.
func (p *parser) mixins(s *idlShape) error {
	j := p.i
	for p.toks[j].kind == tSpace {
		j++
	}
	if p.toks[j].kind != tIdent || p.toks[j].text != "with" {
		return nil
	}
	p.i = j
	s.withPos = p.next().pos
	if p.f.v10 {
		return p.errAt(s.withPos, "mixins need Smithy IDL 2.0 ($version: \"2.0\")")
	}
	p.ws()
	if _, err := p.expect(tLBracket, "'['"); err != nil {
		return err
	}
	p.ws()
	for {
		ref, err := p.shapeID()
		if err != nil {
			return err
		}
		s.mixins = append(s.mixins, ref)
		p.ws()
		if p.peekKind(tRBracket) {
			p.next()
			return nil
		}
	}
}

// members reads the braces of a structure, union, list, map or enum.
func (p *parser) members(s *idlShape) error {
	if _, err := p.expect(tLBrace, "'{'"); err != nil {
		return err
	}
	enum := s.typeName == "enum" || s.typeName == "intEnum"
	seen := map[string]pos{}
	for {
		docs := p.ws()
		if p.peekKind(tRBrace) {
			p.next()
			return nil
		}
		traits, err := p.traitStatements(docs, p.docPos())
		if err != nil {
			return err
		}
		m := &idlMember{traits: traits, pos: p.tok().pos}
		switch {
		case enum:
			name, err := p.identifier("an enum member name")
			if err != nil {
				return err
			}
			m.name = name.text
		case p.peekKind(tDollar):
			p.next()
			if p.f.v10 {
				return p.errAt(m.pos, "eliding a member's target (\"$%s\") needs Smithy IDL 2.0", p.tok().text)
			}
			name, err := p.identifier("a member name after '$'")
			if err != nil {
				return err
			}
			m.name, m.elided = name.text, true
		default:
			want := "a member name or '}'"
			if len(traits) > 0 {
				want = "a member name after the traits"
			}
			name, err := p.identifier(want)
			if err != nil {
				return err
			}
			m.name = name.text
			p.sp()
			if p.peekKind(tWalrus) {
				return p.unexpected("':' (':=' only defines inline operation input and output)")
			}
			if _, err := p.expect(tColon, "':'"); err != nil {
				return err
			}
			p.sp()
			ref, err := p.shapeID()
			if err != nil {
				return err
			}
			m.target = &ref
		}
		switch s.typeName {
		case "list", "set":
			if m.name != "member" {
				return p.errAt(m.pos, "a %s has one member, named \"member\", not %q", s.typeName, m.name)
			}
		case "map":
			if m.name != "key" && m.name != "value" {
				return p.errAt(m.pos, "a map has two members, \"key\" and \"value\", not %q", m.name)
			}
		}
		if prev, dup := seen[m.name]; dup {
			return p.errAt(m.pos, "duplicate member %q (line %d)", m.name, prev.line)
		}
		seen[m.name] = m.pos
		// "= value" must start on the member's line.
		j := p.i
		for p.toks[j].kind == tSpace {
			j++
		}
		if p.toks[j].kind == tEqual {
			p.i = j
			eq := p.next()
			if p.f.v10 {
				return p.errAt(eq.pos, "default values (\"= value\") need Smithy IDL 2.0")
			}
			if !enum && s.typeName != "structure" {
				return p.errAt(eq.pos, "only structure members can have default values")
			}
			p.sp()
			m.valuePos = p.tok().pos
			if m.value, err = p.nodeValue(); err != nil {
				return err
			}
			if err := p.br(); err != nil {
				return err
			}
		}
		s.members = append(s.members, m)
	}
}

// operationBody reads "{ input: X output := {...} errors: [...] }" in any
// order, each property at most once.
func (p *parser) operationBody(s *idlShape) error {
	if _, err := p.expect(tLBrace, "'{'"); err != nil {
		return err
	}
	p.ws()
	seen := map[string]pos{}
	for !p.peekKind(tRBrace) {
		key, err := p.identifier("input, output, errors or '}'")
		if err != nil {
			return err
		}
		switch key.text {
		case "input", "output", "errors":
		default:
			return p.errAt(key.pos, "unknown operation property %q (want input, output or errors)", key.text)
		}
		if prev, dup := seen[key.text]; dup {
			return p.errAt(key.pos, "the operation's %s is already defined (line %d)", key.text, prev.line)
		}
		seen[key.text] = key.pos
		p.ws() // a documentation comment before ":=" is a plain comment
		prop := &idlProp{key: key.text, pos: key.pos}
		switch {
		case p.peekKind(tWalrus) && key.text != "errors":
			walrus := p.next()
			if p.f.v10 {
				return p.errAt(walrus.pos, "inline input and output (\":=\") need Smithy IDL 2.0")
			}
			inline, err := p.inlineStructure(s, key.text)
			if err != nil {
				return err
			}
			prop.value = &node{kind: nShapeID, pos: walrus.pos, text: p.f.namespace + "#" + inline.name}
		default:
			if _, err := p.expect(tColon, "':'"); err != nil {
				return err
			}
			p.ws()
			if key.text == "errors" {
				if !p.peekKind(tLBracket) {
					return p.unexpected("'['")
				}
				if prop.value, err = p.nodeValue(); err != nil {
					return err
				}
			} else {
				ref, err := p.shapeID()
				if err != nil {
					return err
				}
				prop.value = &node{kind: nShapeID, pos: ref.pos, text: ref.text}
			}
		}
		s.props = append(s.props, prop)
		// Properties are separated by whitespace, not necessarily by line
		// breaks: "{ input: A, output: B }" is valid.
		sawWS := isWS(p.tok().kind)
		p.ws()
		if !p.peekKind(tRBrace) && !sawWS {
			return p.unexpected("whitespace or '}'")
		}
	}
	p.next()
	return nil
}

// inlineStructure reads what follows ":=": traits, mixins and members of a
// structure named after the operation.
func (p *parser) inlineStructure(op *idlShape, which string) (*idlShape, error) {
	docs := p.ws()
	traits, err := p.traitStatements(docs, p.docPos())
	if err != nil {
		return nil, err
	}
	suffix, trait := p.f.inputSuffix, "smithy.api#input"
	if suffix == "" {
		suffix = "Input"
	}
	if which == "output" {
		suffix, trait = p.f.outputSuffix, "smithy.api#output"
		if suffix == "" {
			suffix = "Output"
		}
	}
	at := p.tok().pos
	traits = append(traits, &idlTrait{id: idlRef{text: trait, pos: at}, pos: at, value: &node{kind: nObject, pos: at}})
	s := &idlShape{typeName: "structure", typePos: at, name: op.name + suffix, namePos: at, traits: traits, inline: which}
	if p.isIdent("for") {
		// An inline structure may be bound to a resource too
		// ("input := for Thing { $thingId }").
		if err := p.forClause(s); err != nil {
			return nil, err
		}
		p.ws()
	}
	if p.isIdent("with") {
		if err := p.mixins(s); err != nil {
			return nil, err
		}
		p.ws()
	}
	if err := p.members(s); err != nil {
		return nil, err
	}
	p.f.shapes = append(p.f.shapes, s)
	return s, nil
}

// applyStatement reads "apply Target @trait" or "apply Target { @a @b }".
func (p *parser) applyStatement() error {
	at := p.next().pos
	if err := p.sp1(); err != nil {
		return err
	}
	target, err := p.shapeID()
	if err != nil {
		return err
	}
	if !p.peekKind(tSpace) {
		return p.unexpected("a space")
	}
	p.ws()
	a := &idlApply{target: target, pos: at}
	switch {
	case p.peekKind(tAt):
		t, err := p.trait()
		if err != nil {
			return err
		}
		a.traits = []*idlTrait{t}
	case p.peekKind(tLBrace):
		p.next()
		p.ws()
		if a.traits, err = p.traitStatements(nil, at); err != nil {
			return err
		}
		if _, err := p.expect(tRBrace, "'@' or '}'"); err != nil {
			return err
		}
	default:
		return p.unexpected("'@' or '{'")
	}
	p.f.applies = append(p.f.applies, a)
	return p.br()
}
