package modelgen

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/gogen"
	"github.com/smithygo/smithygo/internal/shapes"
)

// withServer says whether m's package is generated with its server: for
// the restJson1 event streams, which the server sends, and for the server
// echoes (serverEchoTests) of every other seed, since generating and
// building a server costs about a third more time per model.
func withServer(m *Model) bool {
	if m.Options.EventStreams && len(m.Events) > 0 && !rpc(m.Options.Protocol) {
		return true
	}
	return serverEchoes(m)
}

// serverEchoes says whether m's tests run the echo operations through the
// generated server: every other seed's (the even ones), when it has echo
// operations.
func serverEchoes(m *Model) bool {
	return m.Seed%2 == 0 && len(m.Echo) > 0
}

// serverEchoTests writes the round trips through the generated server: a
// Service (echoService) whose echo operations copy their input's members
// into their output, served by the generated NewHandler, which the client
// calls with random inputs and must get back every value it sent; and, for
// each modelled error of an echo operation (and the service's), a call
// that the Service answers with a random value of the error, which the
// client must return as its type with every member.
func serverEchoTests(f *jen.File, m *Model, svc *shapes.Service, p *gogen.Plan) {
	w := &valueWriter{p: p, o: m.Options, r: rand.New(rand.NewPCG(m.Seed, 0x5e1f))}
	serverPkg := p.ImportPath + "/server"
	f.Comment("echoService serves the echo operations by copying their input into their output, or answers them with err when it is set.")
	f.Type().Id("echoService").Struct(
		jen.Qual(serverPkg, "Unimplemented"),
		jen.Id("err").Error(),
		jen.Id("got").Any(),
	)
	f.Comment("newEchoService serves s with the generated handler and returns its URL.")
	f.Func().Id("newEchoService").Params(jen.Id("t").Op("*").Qual("testing", "T"), jen.Id("s").Op("*").Id("echoService")).String().Block(
		jen.Id("srv").Op(":=").Qual("net/http/httptest", "NewServer").Call(jen.Qual(serverPkg, "NewHandler").Call(jen.Id("s"), jen.Qual(serverPkg, "HandlerOptions").Values())),
		jen.Id("t").Dot("Cleanup").Call(jen.Id("srv").Dot("Close")),
		jen.Return(jen.Id("srv").Dot("URL")),
	)
	for i, op := range p.Operations {
		if !slices.Contains(m.Echo, op.Shape.ID.Name) {
			if inputChecked(m, op) {
				w.serverInputTest(f, fmt.Sprintf("TestServerInput%d", i), op)
			}
			continue
		}
		copied := jen.Dict{}
		for _, in := range memberList(op.Input) {
			copied[jen.Id(p.FieldName(op.Output.Member(in.Name)))] = jen.Id("in").Dot(p.FieldName(in))
		}
		f.Func().Params(jen.Id("s").Op("*").Id("echoService")).Id(op.Method).Params(jen.Id("_").Qual("context", "Context"), jen.Id("in").Op("*").Qual(p.ImportPath, op.InputName)).Params(jen.Op("*").Qual(p.ImportPath, op.OutputName), jen.Error()).Block(
			jen.If(jen.Id("s").Dot("err").Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("s").Dot("err"))),
			jen.Return(jen.Op("&").Qual(p.ImportPath, op.OutputName).Values(copied), jen.Nil()),
		)

		var inputs []jen.Code
		for range 3 {
			inputs = append(inputs, w.input(op))
		}
		var checks []jen.Code
		for _, in := range memberList(op.Input) {
			checks = append(checks, jen.Id("check").Call(jen.Id("t"), jen.Id("i"), jen.Lit(in.Name),
				jen.Id("in").Dot(p.FieldName(in)), jen.Id("out").Dot(p.FieldName(op.Output.Member(in.Name)))))
		}
		name := fmt.Sprintf("TestServerEcho%d", i)
		f.Commentf("%s calls %s (%s) through the generated server, which echoes it.", name, op.Method, op.Shape.ID.Name)
		f.Func().Id(name).Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
			jen.Id("c").Op(":=").Id("newClientAt").Call(jen.Id("t"), jen.Id("newEchoService").Call(jen.Id("t"), jen.Op("&").Id("echoService").Values())),
			jen.For(jen.List(jen.Id("i"), jen.Id("in")).Op(":=").Range().Index().Op("*").Qual(p.ImportPath, op.InputName).Values(inputs...)).Block(
				append([]jen.Code{
					jen.List(jen.Id("out"), jen.Err()).Op(":=").Id("c").Dot(op.Method).Call(jen.Qual("context", "Background").Call(), jen.Id("in")),
					jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("input %d: %v"), jen.Id("i"), jen.Err())),
				}, checks...)...),
		)

		if !m.Options.ErrorResponses {
			continue
		}
		for j, e := range append(slices.Clone(op.Shape.Errors), svc.Errors...) {
			w.serverErrorTest(f, fmt.Sprintf("TestServerError%d_%d", i, j), op, e)
		}
	}
}

// serverErrorTest calls op against an echoService that answers it with a
// random value of the error e, which the client must return as its type
// with every member as the Service gave it.
func (w *valueWriter) serverErrorTest(f *jen.File, name string, op *gogen.Operation, e *shapes.Shape) {
	p := w.p
	typ := jen.Qual(p.TypesPath, p.TypeName(e))
	stmts := []jen.Code{
		jen.Id("want").Op(":=").Op("&").Add(typ.Clone()).Values(w.fields(e, 1)...),
		jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("newClientAt").Call(jen.Id("t"), jen.Id("newEchoService").Call(jen.Id("t"), jen.Op("&").Id("echoService").Values(jen.Dict{jen.Id("err"): jen.Id("want")}))).Dot(op.Method).Call(jen.Qual("context", "Background").Call(), w.input(op)),
		jen.Var().Id("got").Op("*").Add(typ.Clone()),
		jen.If(jen.Op("!").Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id("got"))).Block(
			jen.Id("t").Dot("Fatalf").Call(jen.Lit("got %v (%T), want a *"+p.TypeName(e)), jen.Err(), jen.Err())),
	}
	for _, m := range e.Members {
		stmts = append(stmts, jen.Id("check").Call(jen.Id("t"), jen.Lit(0), jen.Lit(m.Name), jen.Id("want").Dot(p.FieldName(m)), jen.Id("got").Dot(p.FieldName(m))))
	}
	f.Commentf("%s checks that %s returns the modeled error %s that the generated server's Service returns.", name, op.Method, e.ID.Name)
	f.Func().Id(name).Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(stmts...)
}

// inputChecked says whether a test sends op's input through the generated
// server and checks what the Service receives: with an RPC protocol (all
// members in the body), operations that are not echoes, and have input
// members, but no stream or waiter. restJson1's bindings lose what HTTP
// cannot say (an empty list or map in a query or headers, a header's
// spaces at the ends, milliseconds in http-date, an absent structure
// payload), and its @httpQueryParams take the other parameters too: the
// wire tests check those requests instead.
func inputChecked(m *Model, op *gogen.Operation) bool {
	name := op.Shape.ID.Name
	return rpc(m.Options.Protocol) && len(memberList(op.Input)) > 0 && !slices.Contains(m.Events, name) && !slices.Contains(m.Streams, name) &&
		!slices.Contains(m.Waits, name) && streamMember(op.Input) == nil && streamMember(op.Output) == nil
}

// serverInputTest calls op three times with random inputs against an
// echoService that keeps the input it receives and answers with an empty
// output: the input must be what the client sent, member by member.
func (w *valueWriter) serverInputTest(f *jen.File, name string, op *gogen.Operation) {
	p := w.p
	f.Func().Params(jen.Id("s").Op("*").Id("echoService")).Id(op.Method).Params(jen.Id("_").Qual("context", "Context"), jen.Id("in").Op("*").Qual(p.ImportPath, op.InputName)).Params(jen.Op("*").Qual(p.ImportPath, op.OutputName), jen.Error()).Block(
		jen.Id("s").Dot("got").Op("=").Id("in"),
		jen.Return(jen.Op("&").Qual(p.ImportPath, op.OutputName).Values(), jen.Nil()),
	)
	var inputs []jen.Code
	for range 3 {
		inputs = append(inputs, w.input(op))
	}
	loop := []jen.Code{
		jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("newClientAt").Call(jen.Id("t"), jen.Id("newEchoService").Call(jen.Id("t"), jen.Id("s"))).Dot(op.Method).Call(jen.Qual("context", "Background").Call(), jen.Id("in")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("input %d: %v"), jen.Id("i"), jen.Err())),
		jen.Id("got").Op(":=").Id("s").Dot("got").Assert(jen.Op("*").Qual(p.ImportPath, op.InputName)),
	}
	for _, in := range memberList(op.Input) {
		loop = append(loop, jen.Id("check").Call(jen.Id("t"), jen.Id("i"), jen.Lit(in.Name), jen.Id("in").Dot(p.FieldName(in)), jen.Id("got").Dot(p.FieldName(in))))
	}
	f.Commentf("%s calls %s through the generated server, whose Service must receive the input as it was sent.", name, op.Method)
	f.Func().Id(name).Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
		jen.Id("s").Op(":=").Op("&").Id("echoService").Values(),
		jen.For(jen.List(jen.Id("i"), jen.Id("in")).Op(":=").Range().Index().Op("*").Qual(p.ImportPath, op.InputName).Values(inputs...)).Block(loop...),
	)
}
