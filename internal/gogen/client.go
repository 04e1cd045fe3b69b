package gogen

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/shapes"
)

// emitClient writes client_gen.go (the operation methods, paginators, the
// error decoder and the service's constants), codec_gen.go (the request
// serialisers, response deserialisers and the encoders and decoders they
// use) and options_gen.go (Options, Client and the request path's glue).
func emitClient(p *Plan) (map[string]*jen.File, error) {
	c := newCodec(p)
	f := jen.NewFilePathName(p.ImportPath, p.Package)
	f.HeaderComment(header)

	svc := p.Svc.Shape
	serviceName := svc.ID.Name
	if aws, ok := svc.Traits.AWSService(); ok && aws.SDKID != "" {
		serviceName = aws.SDKID
	}
	f.Const().DefsFunc(func(g *jen.Group) {
		g.Comment("serviceName names the service in errors and logs.")
		g.Id("serviceName").Op("=").Lit(serviceName)
		if signing, ok := svc.Traits.SigV4Name(); ok {
			g.Comment("signingName is the SigV4 signing name.")
			g.Id("signingName").Op("=").Lit(signing)
		}
		g.Comment("userAgent identifies the client to the service.")
		g.Id("userAgent").Op("=").Lit("smithygo/" + p.Package)
	})
	f.Line()

	for _, op := range p.Operations {
		emitOperationMethod(f, p, c, op)
	}
	for _, op := range p.Operations {
		emitPaginators(f, p, op)
	}
	f.Add(p.proto.errorDecoder(c))
	f.Line()
	f.Add(c.retryableErrors())
	f.Line()

	cf := jen.NewFilePathName(p.ImportPath, p.Package)
	cf.HeaderComment(header)
	for _, op := range p.Operations {
		if p.unsupportedEvents(op) {
			continue
		}
		cf.Add(p.proto.serializer(c, op))
		cf.Line()
		cf.Add(p.proto.deserializer(c, op))
		cf.Line()
	}
	for _, code := range c.flush() {
		cf.Add(code)
	}
	of := jen.NewFilePathName(p.ImportPath, p.Package)
	of.HeaderComment(header)
	emitClientCore(of, p)
	files := map[string]*jen.File{"client_gen.go": f, "codec_gen.go": cf, "options_gen.go": of}

	ef, err := emitEndpoints(p)
	if err != nil {
		return nil, err
	}
	if ef != nil {
		files["endpoints_gen.go"] = ef
	}
	return files, nil
}

// safeToRetry reports whether sending an operation twice cannot apply it
// twice: it is @readonly or @idempotent, carries an idempotency token that
// the client fills, or uses a safe HTTP method (GET, HEAD), which AWS models
// rarely mark @readonly.
func safeToRetry(p *Plan, op *Operation) bool {
	s := op.Shape
	if s.Traits.Has("smithy.api#readonly") || s.Traits.Has("smithy.api#idempotent") {
		return true
	}
	if method, _, ok := p.proto.requestLine(p.Svc.Shape, s); ok && (method == "GET" || method == "HEAD") {
		return true
	}
	return len(op.Tokens) > 0
}

// idempotencyMembers returns the input members marked @idempotencyToken,
// in member order.
func idempotencyMembers(op *shapes.Shape) []*shapes.Member {
	if op.Input == nil {
		return nil
	}
	var tokens []*shapes.Member
	for _, m := range op.Input.Members {
		if m.Traits.IdempotencyToken() && m.Target.Kind == shapes.KindString {
			tokens = append(tokens, m)
		}
	}
	return tokens
}

// emitFillTokens writes the code that gives each unset idempotency token
// of the input a random one of its own, so that retries are safe, on a
// copy: the caller's input is not changed.
func emitFillTokens(g *jen.Group, p *Plan, tokens []*shapes.Member) {
	g.Comment("An unset idempotency token gets a random one, so that retries are safe; the caller's input is not changed.")
	// unset tests a token of in or of the copy; a token with a default of
	// "" is a string value, unset when empty.
	unset := func(v string, m *shapes.Member) *jen.Statement {
		if !p.IsPointer(m) {
			return jen.Id(v).Dot(p.FieldName(m)).Op("==").Lit("")
		}
		return jen.Id(v).Dot(p.FieldName(m)).Op("==").Nil()
	}
	fill := func(m *shapes.Member) []jen.Code {
		token := jen.Op("&").Id("token")
		if !p.IsPointer(m) {
			token = jen.Id("token")
		}
		return []jen.Code{
			jen.Id("token").Op(":=").Id("newIdempotencyToken").Call(),
			jen.Id("cp").Dot(p.FieldName(m)).Op("=").Add(token),
		}
	}
	anyUnset := unset("in", tokens[0])
	for _, m := range tokens[1:] {
		anyUnset = anyUnset.Op("||").Add(unset("in", m))
	}
	g.If(anyUnset).BlockFunc(func(g *jen.Group) {
		g.Id("cp").Op(":=").Op("*").Id("in")
		if len(tokens) == 1 {
			for _, c := range fill(tokens[0]) {
				g.Add(c)
			}
		} else {
			for _, m := range tokens {
				g.If(unset("cp", m)).Block(fill(m)...)
			}
		}
		g.Id("in").Op("=").Op("&").Id("cp")
	})
}

func streamingOutput(op *Operation) bool {
	if op.Output == nil {
		return false
	}
	for _, m := range op.Output.Members {
		if m.Traits.HTTPPayload() && IsStreaming(m) {
			return true
		}
	}
	return false
}

// eventStream reports whether an operation sends or receives an event stream
// (a payload targeting a @streaming union), which the client does not
// support yet.
func eventStream(op *Operation) bool {
	for _, io := range []*shapes.Shape{op.Input, op.Output} {
		if io == nil {
			continue
		}
		for _, m := range io.Members {
			if m.Target.Kind == shapes.KindUnion && m.Target.Traits.Streaming() {
				return true
			}
		}
	}
	return false
}

func emitOperationMethod(f *jen.File, p *Plan, c *codec, op *Operation) {
	if p.unsupportedEvents(op) {
		f.Add(operationDoc(p, op))
		f.Comment("")
		f.Comment("Event streams are not supported yet: the method returns an error without sending anything.")
		f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(op.Method).Params(
			jen.Id("ctx").Qual("context", "Context"),
			jen.Id("in").Op("*").Id(op.InputName),
			jen.Id("optFns").Op("...").Func().Params(jen.Op("*").Id("Options")),
		).Params(jen.Op("*").Id(op.OutputName), jen.Error()).Block(
			jen.Return(jen.Nil(), jen.Op("&").Id("OperationError").Values(jen.Dict{
				jen.Id("Service"):   jen.Id("serviceName"),
				jen.Id("Operation"): jen.Lit(op.Name),
				jen.Id("Err"):       jen.Qual("errors", "New").Call(jen.Lit("event streams are not supported by this client yet")),
			})),
		)
		f.Line()
		return
	}
	desc := op.Desc
	fields := jen.Dict{jen.Id("Name"): jen.Lit(op.Name)}
	if safeToRetry(p, op) {
		fields[jen.Id("SafeToRetry")] = jen.True()
	}
	if unsignedPayload(op) {
		fields[jen.Id("UnsignedPayload")] = jen.True()
	}
	if p.isAnonymous(op.Shape) {
		fields[jen.Id("Anonymous")] = jen.True()
	}
	if l := p.authSchemesField(op.Shape); l != nil {
		fields[jen.Id("AuthSchemes")] = l
	}
	if streamingOutput(op) || p.outputEvents(op) != nil {
		fields[jen.Id("StreamingOutput")] = jen.True()
	}
	if compressesGzip(op.Shape) {
		fields[jen.Id("Compress")] = jen.Qual(p.runtimePkg("bodygzip"), "Compress")
	}
	if sum := customChecksum(p, op); sum != nil {
		// Glacier's checksums (customize.go), computed in Invoke as
		// Content-MD5 would be.
		fields[jen.Id("Checksum")] = sum
	} else if op.Shape.Traits.Has("smithy.api#httpChecksumRequired") {
		// Of the body as sent: Invoke computes it after compressing.
		fields[jen.Id("Checksum")] = jen.Qual(p.runtimePkg("contentmd5"), "Set")
	}
	f.Var().Id(desc).Op("=").Add(p.callQual("Operation")).Values(fields)
	f.Line()

	f.Add(operationDoc(p, op))
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(op.Method).Params(
		jen.Id("ctx").Qual("context", "Context"),
		jen.Id("in").Op("*").Id(op.InputName),
		jen.Id("optFns").Op("...").Func().Params(jen.Op("*").Id("Options")),
	).Params(jen.Op("*").Id(op.OutputName), jen.Error()).BlockFunc(func(g *jen.Group) {
		g.If(jen.Id("in").Op("==").Nil()).Block(jen.Id("in").Op("=").Op("&").Id(op.InputName).Values())
		emitCustomInput(g, p, op)
		if len(op.Tokens) > 0 {
			emitFillTokens(g, p, op.Tokens)
		}
		args := []jen.Code{jen.Id("c"), jen.Id("ctx"), jen.Id("in"), jen.Op("&").Id(op.OutputName).Values(), jen.Id("optFns"),
			jen.Op("&").Id(desc), jen.Id(op.Check), jen.Id(op.Serialize), jen.Id(op.Deserialize)}
		if p.rules != nil {
			extra := jen.Nil()
			if c.emitEndpointParams(g, op) {
				extra = jen.Id("extra")
			}
			args = append(args, extra)
		}
		if p.discovery != nil {
			args = append(args, discoveryArg(g, p, op))
		}
		if p.hasOperationEndpoints() {
			args = append(args, operationEndpointArg(g, p, op))
		}
		g.Return(jen.Id("send").Call(args...))
	})
	f.Line()

	emitCheck(f, p, c, op)
}

// emitCheck writes checkXxxInput, which applies the ValidationMode: the
// default checks required members, at every depth, and path labels only,
// cheaply. Which members are required is Validate's decision
// (requiredChecks); the input's labels are checked here, since what the
// default asks of them (set and not empty) is not what Validate asks (their
// @length).
func emitCheck(f *jen.File, p *Plan, c *codec, op *Operation) {
	in := op.Input
	if in != nil && in.IsUnit() {
		in = nil
	}
	f.Func().Id(op.Check).Params(jen.Id("in").Op("*").Id(op.InputName), jen.Id("mode").Add(p.validationQual("Mode"))).Error().BlockFunc(func(g *jen.Group) {
		g.Switch(jen.Id("mode")).Block(
			jen.Case(p.validationQual("All")).Block(jen.Return(jen.Id("in").Dot("Validate").Call())),
			jen.Case(p.validationQual("None")).Block(jen.Return(jen.Nil())),
		)
		var checks []jen.Code
		if in != nil {
			for _, m := range in.Members {
				field := jen.Id("in").Dot(p.FieldName(m))
				path := jen.Op("&").Add(p.validationQual("Path")).Values(jen.Dict{jen.Id("Name"): jen.Lit(m.Name)})
				nilable := c.isNilable(m) || IsStreaming(m)
				label := slices.Contains(p.requestBindings[op].labels, m)
				rc := p.requiredChecks[m]
				switch {
				case label && m.Target.Kind == shapes.KindString && nilable:
					checks = append(checks, jen.If(field.Clone().Op("==").Nil().Op("||").Add(c.fieldValue(m, field)).Op("==").Lit("")).Block(
						jen.Id("v").Dot("EmptyLabel").Call(path)))
				case label && m.Target.IsEnum():
					checks = append(checks, jen.If(field.Clone().Op("==").Lit("")).Block(
						jen.Id("v").Dot("EmptyLabel").Call(path)))
				case (rc.required || label) && nilable:
					checks = append(checks, jen.If(field.Clone().Op("==").Nil()).Block(jen.Id("v").Dot("Required").Call(path)))
				case (rc.required || label) && m.Target.IsEnum():
					checks = append(checks, jen.If(field.Clone().Op("==").Lit("")).Block(jen.Id("v").Dot("Required").Call(path)))
				}
				if rc.document {
					checks = append(checks, jen.If(jen.Err().Op(":=").Add(p.documentCheck(field)), jen.Err().Op("!=").Nil()).Block(
						jen.Id("v").Dot("Document").Call(path.Clone(), jen.Err())))
				}
				if rc.nested && !p.presenceOnly(m) {
					// The function returns at once for a nil structure, and
					// a nil list, map or union has nothing to range over or
					// match: an unset member is not descended into.
					req := p.requiring(f)
					checks = append(checks, jen.Id(p.requireFn[m.Target]).Call(jen.Op("&").Id("v"),
						req.pathLit(nil, jen.Id("Name").Op(":").Lit(m.Name)), field))
				}
			}
		}
		if len(checks) == 0 {
			g.Return(jen.Nil())
			return
		}
		g.Var().Id("v").Add(p.validationQual("Validator"))
		addAll(g, checks)
		g.Return(jen.Id("v").Dot("Err").Call(jen.Lit(op.InputName)))
	})
	f.Line()
}

// paginated returns an operation's paginated trait merged over the
// service's defaults.
func paginated(p *Plan, op *shapes.Shape) (shapes.Paginated, bool) {
	pg, ok := op.Traits.Paginated()
	if !ok {
		return pg, false
	}
	if def, ok := p.Svc.Shape.Traits.Paginated(); ok {
		if pg.InputToken == "" {
			pg.InputToken = def.InputToken
		}
		if pg.OutputToken == "" {
			pg.OutputToken = def.OutputToken
		}
		if pg.Items == "" {
			pg.Items = def.Items
		}
		if pg.PageSize == "" {
			pg.PageSize = def.PageSize
		}
	}
	return pg, pg.InputToken != "" && pg.OutputToken != ""
}

// outputPath resolves a dot path through output members: the members on the
// way, or nil when it does not resolve.
func outputPath(s *shapes.Shape, path string) []*shapes.Member {
	var ms []*shapes.Member
	for _, name := range strings.Split(path, ".") {
		if s == nil {
			return nil
		}
		m := s.Member(name)
		if m == nil {
			return nil
		}
		ms = append(ms, m)
		s = m.Target
	}
	return ms
}

func emitPaginators(f *jen.File, p *Plan, op *Operation) {
	pg, ok := paginated(p, op.Shape)
	if !ok || op.Input == nil || op.Output == nil {
		return
	}
	inTok := op.Input.Member(pg.InputToken)
	outPath := outputPath(op.Output, pg.OutputToken)
	if inTok == nil || outPath == nil || inTok.Target.Kind != shapes.KindString {
		return
	}
	outTok := outPath[len(outPath)-1]
	if outTok.Target.Kind != shapes.KindString || !p.IsPointer(outTok) || !p.IsPointer(inTok) {
		return
	}
	inField := p.FieldName(inTok)
	name := op.Pages
	if name == "" {
		return
	}
	params := []jen.Code{
		jen.Id("ctx").Qual("context", "Context"),
		jen.Id("in").Op("*").Id(op.InputName),
		jen.Id("optFns").Op("...").Func().Params(jen.Op("*").Id("Options")),
	}
	f.Add(comment(wrap("%s calls %s page by page: each iteration yields one page's output, or the error that ends the loop. It stops when the service returns no next token (or repeats one), and requests nothing more once the loop breaks. The input is not changed.", name, op.Name)))
	// The output token's path, and the guards on the way to it.
	expr := jen.Id("out")
	var guards []jen.Code
	for i, m := range outPath {
		expr = expr.Clone().Dot(p.FieldName(m))
		if i < len(outPath)-1 {
			guards = append(guards, expr.Clone().Op("==").Nil())
		}
	}
	guards = append(guards, expr.Clone().Op("==").Nil(), jen.Op("*").Add(expr).Op("==").Lit(""))
	cond := jen.Add(guards[0])
	for _, g := range guards[1:] {
		cond = cond.Op("||").Add(g)
	}
	inPtr, outPtr := jen.Op("*").Id(op.InputName), jen.Op("*").Id(op.OutputName)
	// call.Pages is generic over the input and output pointers, so one
	// instantiation serves every operation.
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(name).Params(params...).Qual("iter", "Seq2").Types(outPtr.Clone(), jen.Error()).Block(
		jen.Id("first").Op(":=").Op("&").Id(op.InputName).Values(),
		jen.If(jen.Id("in").Op("!=").Nil()).Block(jen.Op("*").Id("first").Op("=").Op("*").Id("in")),
		jen.Return(p.callQual("Pages").Call(
			jen.Id("ctx"), jen.Id("first"),
			jen.Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("params").Add(inPtr.Clone())).Params(outPtr.Clone(), jen.Error()).Block(
				jen.Return(jen.Id("c").Dot(op.Method).Call(jen.Id("ctx"), jen.Id("params"), jen.Id("optFns").Op("..."))),
			),
			jen.Func().Params(jen.Id("params").Add(inPtr.Clone()), jen.Id("out").Add(outPtr.Clone())).Params(inPtr.Clone(), jen.Bool()).Block(
				jen.If(cond).Block(jen.Return(jen.Nil(), jen.False())),
				jen.Comment("A service that repeats a token would otherwise loop forever."),
				jen.If(jen.Id("params").Dot(inField).Op("!=").Nil().Op("&&").Op("*").Id("params").Dot(inField).Op("==").Op("*").Add(expr.Clone())).Block(jen.Return(jen.Nil(), jen.False())),
				jen.Id("next").Op(":=").Op("*").Id("params"),
				jen.Id("next").Dot(inField).Op("=").Add(expr.Clone()),
				jen.Return(jen.Op("&").Id("next"), jen.True()),
			),
		)),
	)
	f.Line()

	if pg.Items == "" {
		return
	}
	itemsPath := outputPath(op.Output, pg.Items)
	if itemsPath == nil || itemsPath[len(itemsPath)-1].Target.Kind != shapes.KindList {
		return
	}
	list := itemsPath[len(itemsPath)-1].Target
	elem := p.ElemType(list.ListMember(), list.Traits.Sparse())
	items := op.Items
	if items == "" {
		return
	}
	f.Add(comment(wrap("%s calls %s page by page and yields the items of every page (the output's %s), or the error that ends the loop. It requests nothing more once the loop breaks.", items, op.Name, pg.Items)))
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(items).Params(params...).Qual("iter", "Seq2").Types(elem, jen.Error()).Block(
		jen.Return(p.callQual("Items").Call(
			jen.Id("c").Dot(name).Call(jen.Id("ctx"), jen.Id("in"), jen.Id("optFns").Op("...")),
			jen.Func().Params(jen.Id("page").Add(outPtr.Clone())).Index().Add(elem.Clone()).BlockFunc(func(g *jen.Group) {
				expr := jen.Id("page")
				for i, m := range itemsPath {
					expr = expr.Clone().Dot(p.FieldName(m))
					if i < len(itemsPath)-1 {
						g.If(expr.Clone().Op("==").Nil()).Block(jen.Return(jen.Nil()))
					}
				}
				g.Return(expr)
			}),
		)),
	)
	f.Line()
}

// compressesGzip reports whether an operation's @requestCompression lists
// gzip, the one encoding the client implements.
func compressesGzip(op *shapes.Shape) bool {
	raw, ok := op.Traits.Raw("smithy.api#requestCompression")
	if !ok {
		return false
	}
	var v struct {
		Encodings []string `json:"encodings"`
	}
	return json.Unmarshal([]byte(raw), &v) == nil && slices.Contains(v.Encodings, "gzip")
}
