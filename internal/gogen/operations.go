package gogen

import (
	"github.com/dave/jennifer/jen"
	"strings"

	"github.com/smithygo/smithygo/internal/shapes"
)

// emitOperations writes the main package's API interface, Options and each
// operation's input and output structures.
func emitOperations(p *Plan) map[string]*jen.File {
	svc := p.Svc.Shape
	api := jen.NewFilePathName(p.ImportPath, p.Package)
	api.HeaderComment(header)
	title := svc.ID.Name
	if t, ok := svc.Traits.Raw("smithy.api#title"); ok {
		title = unquote(t)
	}
	pkgDoc := wrap("Package %s is a Go client for %s (Smithy service %s, API version %s). %s", p.Package, title, svc.ID, svc.Version, protocolDoc(p))
	pkgDoc += "\n\n" + packageUsage(p)
	if doc := modelDoc(svc.Traits); doc != "" {
		pkgDoc += "\n\n" + doc
	}
	api.PackageComment(commentText(pkgDoc))

	api.Add(comment(wrap("API is the %s API: one method per operation. A method returns the operation's output, or an error that errors.As can turn into the operation's typed errors (in package types) or into *InvalidParamsError.", title)))
	api.Type().Id("API").InterfaceFunc(func(g *jen.Group) {
		for i, op := range p.Operations {
			if i > 0 {
				g.Line()
			}
			g.Add(operationDoc(p, op))
			g.Id(op.Method).Params(
				jen.Id("ctx").Qual("context", "Context"),
				jen.Id("in").Op("*").Id(op.InputName),
				jen.Id("optFns").Op("...").Func().Params(jen.Op("*").Id("Options")),
			).Params(jen.Op("*").Id(op.OutputName), jen.Error())
		}
	})
	api.Line()
	api.Add(comment(wrap("Client implements API.")))
	api.Var().Id("_").Id("API").Op("=").Parens(jen.Op("*").Id("Client")).Parens(jen.Nil())

	ops := jen.NewFilePathName(p.ImportPath, p.Package)
	ops.HeaderComment(header)
	for _, op := range p.Operations {
		emitIOStruct(ops, p, op, op.Input, op.InputName, true)
		emitIOStruct(ops, p, op, op.Output, op.OutputName, false)
	}
	emitEventReaders(ops, p)
	if p.mainRedaction {
		emitRedactionHelpers(ops)
	}
	return map[string]*jen.File{"api_gen.go": api, "operations_gen.go": ops}
}

func operationDoc(p *Plan, op *Operation) jen.Code {
	doc := modelDoc(op.Shape.Traits)
	if doc == "" {
		doc = wrap("%s calls the %s operation.", op.Name, op.Shape.ID.Name)
	}
	var binding string
	if method, uri, ok := p.proto.requestLine(p.Svc.Shape, op.Shape); ok {
		binding = wrap("It is sent as %s %s.", method, uri)
	}
	if doc := discoveryOpDoc(p, op); doc != "" && binding != "" {
		binding += "\n\n" + wrap("%s", doc)
	} else if doc != "" {
		binding = wrap("%s", doc)
	}
	if len(op.Shape.Errors) > 0 || len(p.Svc.Errors) > 0 {
		var names string
		for i, e := range append(append([]*shapes.Shape{}, op.Shape.Errors...), p.Svc.Errors...) {
			if i > 0 {
				names += ", "
			}
			names += "*types." + p.TypeName(e)
		}
		binding += "\n\n" + wrap("It can fail with %s.", names)
	}
	return comment(doc, binding, deprecation(op.Shape.Traits))
}

// emitIOStruct writes XxxInput or XxxOutput. An operation without input or
// output still gets an empty structure, so that adding members later is not
// a breaking change.
func emitIOStruct(f *jen.File, p *Plan, op *Operation, s *shapes.Shape, name string, input bool) {
	what := "output"
	if input {
		what = "input"
	}
	if s == nil || s.IsUnit() {
		f.Add(comment(wrap("%s is the %s of %s, which has no members.", name, what, op.Name)))
		f.Type().Id(name).Struct()
		f.Line()
		return
	}
	doc := modelDoc(s.Traits)
	f.Add(comment(wrap("%s is the %s of %s.", name, what, op.Name), doc, deprecation(s.Traits)))
	f.Type().Id(name).StructFunc(func(g *jen.Group) {
		for i, m := range s.Members {
			if i > 0 {
				g.Line()
			}
			field := p.FieldName(m)
			g.Add(memberDoc(p, m, field))
			g.Id(field).Add(p.FieldType(m, input))
		}
	})
	f.Line()
	if containsSensitive(s) {
		emitRedactedString(f, p, s, name)
	}
}

func unquote(raw string) string {
	if len(raw) >= 2 && raw[0] == '"' {
		return raw[1 : len(raw)-1]
	}
	return raw
}

// protocolDoc is the package doc's sentence on the protocol the client
// speaks. A service may offer several, of which the Plan takes one by the
// order of supportedProtocols; the doc says so, and names the others, so
// that the choice is not made silently.
func protocolDoc(p *Plan) string {
	spoken := p.proto.traitID()
	var others []string
	for _, id := range p.Svc.ProtocolTraits() {
		if id != spoken {
			others = append(others, id)
		}
	}
	doc := "It speaks the " + spoken + " protocol."
	if len(others) == 0 {
		return doc
	}
	order := make([]string, len(supportedProtocols))
	for i, proto := range supportedProtocols {
		_, order[i], _ = strings.Cut(proto.traitID(), "#")
	}
	return doc + " The model also offers " + andList(others) + "; smithygo speaks the first a service offers of " + andList(order) + "."
}

// andList joins items as English does: "a", "a and b", "a, b and c".
func andList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// packageUsage is the package doc's paragraph on using the client: it
// names only what this package has (the options its endpoint needs,
// paginators, waiters).
func packageUsage(p *Plan) string {
	feat := p.clientFeatures()
	var b strings.Builder
	switch {
	case feat.region:
		b.WriteString("Create a Client with New(Options{Region: ...})")
	case feat.rules:
		b.WriteString("Create a Client with New(Options{})")
	default:
		b.WriteString("Create a Client with New(Options{BaseEndpoint: ...}) (the model has no endpoint rules)")
	}
	b.WriteString(" and call one method per operation; Client implements the API interface.")
	if opts := p.authOptionNames(); len(opts) > 0 {
		b.WriteString(" A call authenticates with the first of its operation's auth schemes that the options configure (" + strings.Join(opts, ", ") + ")")
		if feat.sigv4 {
			b.WriteString(", or else, when SigV4 is one of them, signs with the environment's AWS credentials")
		}
		b.WriteString(".")
	}
	b.WriteString(" Every operation has an input type XxxInput, whose Validate method checks it against the model's constraints, and an output type XxxOutput. Errors are *OperationError values that errors.As turns into the operation's typed errors, *GenericAPIError or *InvalidParamsError.")
	var paged, waits bool
	for _, op := range p.Operations {
		paged = paged || op.Pages != ""
		waits = waits || len(op.Waiters) > 0
	}
	switch {
	case paged && waits:
		b.WriteString(" Paginated operations also have XxxPages and XxxItems iterators, and waitable ones WaitUntilXxx methods.")
	case paged:
		b.WriteString(" Paginated operations also have XxxPages and XxxItems iterators.")
	case waits:
		b.WriteString(" Waitable operations also have WaitUntilXxx methods.")
	}
	if len(p.TypeShapes) > 0 {
		b.WriteString(" Structures, unions, enums and errors are in the types subpackage.")
	}
	out := wrap("%s", b.String())
	if doc := discoveryDoc(p); doc != "" {
		out += "\n\n" + wrap("%s", doc)
	}
	return out
}
