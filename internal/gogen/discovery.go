package gogen

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/shapes"
)

// Endpoint discovery (aws.api#clientEndpointDiscovery): some operations of
// a service (aws.api#clientDiscoveredEndpoint) are sent to an endpoint that
// its discovery operation (DescribeEndpoints) returns, which the service
// requires (Timestream) or accepts (DynamoDB). The generated client calls
// the discovery operation at the regular endpoint, with the options of the
// call that needs it, and keeps the address it returns for the period the
// service gives, in a runtime/discovery cache keyed by the regular endpoint,
// the operation (when the discovery input takes one) and the input's
// aws.api#clientEndpointDiscoveryId members. Options.EndpointDiscovery says
// which calls discover; a BaseEndpoint is where every call goes. A call the
// service refuses as sent to an endpoint no longer valid (the trait's error,
// or HTTP 421) forgets it and is sent once more, to a fresh one.

// discoveryPlan is what the client needs to know of the service's
// endpoint discovery; nil when it has none, or when the discovery
// operation does not have the shape the trait requires.
type discoveryPlan struct {
	describe *Operation // the discovery operation
	// opMember and idsMember are the discovery input's Operation (a
	// string) and Identifiers (a map of strings); nil when it has none.
	opMember, idsMember *shapes.Member
	// endpoints is the output's list of endpoints, whose structure's
	// address and period members say where and for how many minutes.
	endpoints, address, period *shapes.Member
	// errorCode is the code of the error that says a discovered endpoint
	// is no longer valid; "" when the trait names none.
	errorCode string
	ops       map[*Operation]*discoveredOp
	required  []string // the methods of operations that require it
	optional  []string // and of those that may use it
}

// discoveredOp is an operation marked aws.api#clientDiscoveredEndpoint.
type discoveredOp struct {
	required bool
	ids      []*shapes.Member // its input's aws.api#clientEndpointDiscoveryId members (strings)
}

// planDiscovery reads the service's endpoint discovery. A discovery
// operation whose input or output does not have the members the trait
// requires gives a warning, and a client without discovery.
func planDiscovery(p *Plan) (*discoveryPlan, error) {
	raw, ok := p.Svc.Shape.Traits.Raw("aws.api#clientEndpointDiscovery")
	if !ok {
		return nil, nil
	}
	var t struct {
		Operation string `json:"operation"`
		Error     string `json:"error"`
	}
	_ = json.Unmarshal([]byte(raw), &t)
	d := &discoveryPlan{ops: map[*Operation]*discoveredOp{}}
	for _, op := range p.Operations {
		if op.Shape.ID.String() == t.Operation {
			d.describe = op
		}
	}
	if t.Error != "" {
		d.errorCode = t.Error[strings.LastIndexByte(t.Error, '#')+1:]
	}
	for _, op := range p.Operations {
		raw, ok := op.Shape.Traits.Raw("aws.api#clientDiscoveredEndpoint")
		if !ok || op == d.describe {
			continue
		}
		var e struct {
			Required bool `json:"required"`
		}
		_ = json.Unmarshal([]byte(raw), &e)
		dop := &discoveredOp{required: e.Required}
		if in := op.Input; in != nil {
			for _, m := range in.Members {
				if m.Traits.Has("aws.api#clientEndpointDiscoveryId") && m.Target.Kind == shapes.KindString && !m.Target.IsEnum() {
					dop.ids = append(dop.ids, m)
				}
			}
		}
		d.ops[op] = dop
		if e.Required {
			d.required = append(d.required, op.Method)
		} else {
			d.optional = append(d.optional, op.Method)
		}
	}
	isString := func(m *shapes.Member) bool {
		return m != nil && m.Target.Kind == shapes.KindString && !m.Target.IsEnum()
	}
	var why string
	switch {
	case d.describe == nil:
		why = fmt.Sprintf("its discovery operation %s is not an operation of the service", t.Operation)
	case p.unsupportedEvents(d.describe):
		why = "its discovery operation has an event stream"
	default:
		if in := d.describe.Input; in != nil && !in.IsUnit() {
			if m := in.Member("Operation"); isString(m) {
				d.opMember = m
			}
			if m := in.Member("Identifiers"); m != nil && m.Target.Kind == shapes.KindMap && !m.Target.Traits.Sparse() && isString(m.Target.MapValue()) {
				d.idsMember = m
			}
		}
		if out := d.describe.Output; out != nil {
			d.endpoints = out.Member("Endpoints")
		}
		if d.endpoints != nil && d.endpoints.Target.Kind == shapes.KindList {
			if e := d.endpoints.Target.ListMember().Target; e.Kind == shapes.KindStructure {
				d.address, d.period = e.Member("Address"), e.Member("CachePeriodInMinutes")
			}
		}
		if !isString(d.address) || d.period == nil || !integerKind(d.period.Target) {
			why = fmt.Sprintf("the output of its discovery operation %s is not Endpoints, a list of {Address: string, CachePeriodInMinutes: long}", d.describe.Name)
		}
	}
	if why == "" {
		return d, nil
	}
	warning := &shapes.Error{File: p.Svc.Shape.File, Shape: p.Svc.Shape.ID.String(),
		Msg: fmt.Sprintf("endpoint discovery (aws.api#clientEndpointDiscovery) is not built: %s", why)}
	if len(d.required) > 0 {
		warning.Msg += fmt.Sprintf("; these operations, which require a discovered endpoint, fail unless Options.BaseEndpoint is one: %s", strings.Join(d.required, ", "))
	}
	return nil, warning
}

func integerKind(s *shapes.Shape) bool {
	switch s.Kind {
	case shapes.KindByte, shapes.KindShort, shapes.KindInteger, shapes.KindLong:
		return !s.IsEnum()
	}
	return false
}

// discoveryDoc is the package documentation's paragraph on endpoint
// discovery; "" for a service without it.
func discoveryDoc(p *Plan) string {
	d := p.discovery
	if d == nil {
		if p.Svc.Shape.Traits.Has("aws.api#clientEndpointDiscovery") {
			return "Endpoint discovery (aws.api#clientEndpointDiscovery) is not built, as the model's discovery operation does not have the shape the trait requires: a call goes to the endpoint the rules resolve, or to Options.BaseEndpoint."
		}
		return ""
	}
	var which string
	switch {
	case len(d.required) > 0 && len(d.optional) > 0:
		which = fmt.Sprintf("The service requires %s, and accepts %s, to be sent to an endpoint that %s returns (endpoint discovery, aws.api#clientEndpointDiscovery).",
			count(len(d.required), "operation"), count(len(d.optional), "other operation"), d.describe.Method)
	case len(d.required) > 0:
		which = fmt.Sprintf("The service requires %s to be sent to an endpoint that %s returns (endpoint discovery, aws.api#clientEndpointDiscovery).", count(len(d.required), "operation"), d.describe.Method)
	default:
		which = fmt.Sprintf("The service accepts %s sent to an endpoint that %s returns (endpoint discovery, aws.api#clientEndpointDiscovery), as well as to its regular endpoint.", count(len(d.optional), "operation"), d.describe.Method)
	}
	modes := "Options.EndpointDiscovery says which calls discover: by default those that require it."
	if len(d.required) == 0 {
		modes = "Options.EndpointDiscovery says which calls discover: by default none, since none requires it; EndpointDiscoveryEnabled, all that can."
	}
	return which + " Each such method's documentation says so. The client calls " + d.describe.Method +
		" at the regular endpoint, with the options of the call that needs it, once for all the calls that wait for it; keeps the address for the period the service gives; and forgets it and discovers again when the service answers that it is no longer valid (HTTP 421" + orCode(d.errorCode) +
		"), sending the call once more. " + modes + " Options.BaseEndpoint, when set, is where every call goes."
}

func count(n int, what string) string {
	if n == 1 {
		return "one " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func orCode(code string) string {
	if code == "" {
		return ""
	}
	return " or " + code
}

// discoveryOpDoc is the sentence of a discovered operation's
// documentation.
func discoveryOpDoc(p *Plan, op *Operation) string {
	d := p.discovery
	if d == nil || d.ops[op] == nil {
		return ""
	}
	if d.ops[op].required {
		return fmt.Sprintf("It is sent to an endpoint that %s returns, which the service requires (see Options.EndpointDiscovery).", d.describe.Method)
	}
	return fmt.Sprintf("It can be sent to an endpoint that %s returns: see Options.EndpointDiscovery.", d.describe.Method)
}

// discoveryArg is an operation method's endpointDiscovery argument to
// send; it writes into g the statements that gather the identifiers.
func discoveryArg(g *jen.Group, p *Plan, op *Operation) jen.Code {
	dop := p.discovery.ops[op]
	if dop == nil {
		return jen.Id("endpointDiscovery").Values()
	}
	fields := jen.Dict{jen.Id("supported"): jen.True()}
	if dop.required {
		fields[jen.Id("required")] = jen.True()
	}
	if len(dop.ids) == 0 {
		return jen.Id("endpointDiscovery").Values(fields)
	}
	fields[jen.Id("ids")] = jen.Map(jen.String()).String().Values()
	g.Id("disc").Op(":=").Id("endpointDiscovery").Values(fields)
	for _, m := range dop.ids {
		field := jen.Id("in").Dot(p.FieldName(m))
		if p.IsPointer(m) {
			g.If(field.Clone().Op("!=").Nil()).Block(jen.Id("disc").Dot("ids").Index(jen.Lit(m.Name)).Op("=").Op("*").Add(field))
		} else {
			g.Id("disc").Dot("ids").Index(jen.Lit(m.Name)).Op("=").Add(field)
		}
	}
	return jen.Id("disc")
}

// emitDiscovery writes what the client's endpoint discovery needs besides
// send and invoke: endpointDiscovery, the argument that says how a call
// takes part, and discoverEndpoint, which calls the discovery operation.
func emitDiscovery(f *jen.File, p *Plan) {
	d := p.discovery
	f.Comment("endpointDiscovery says how an operation's call takes part in endpoint")
	f.Comment("discovery: not at all (the zero value), or with discovery required or")
	f.Comment("optional, and the identifiers its input gives the discovery operation.")
	f.Type().Id("endpointDiscovery").Struct(
		jen.List(jen.Id("supported"), jen.Id("required")).Bool(),
		jen.Id("ids").Map(jen.String()).String(),
	)
	f.Line()

	in := jen.Dict{}
	if d.opMember != nil {
		v := jen.Id("op")
		if p.IsPointer(d.opMember) {
			v = jen.Op("&").Id("op")
		}
		in[jen.Id(p.FieldName(d.opMember))] = v
	}
	if d.idsMember != nil {
		in[jen.Id(p.FieldName(d.idsMember))] = jen.Id("ids")
	}
	e := jen.Id("e")
	address, period := e.Clone().Dot(p.FieldName(d.address)), e.Clone().Dot(p.FieldName(d.period))
	var found []jen.Code
	if ElemIsPointer(d.endpoints.Target.ListMember(), d.endpoints.Target.Traits.Sparse()) {
		found = append(found, jen.If(e.Clone().Op("==").Nil()).Block(jen.Continue()))
	}
	if p.IsPointer(d.address) {
		found = append(found, jen.If(address.Clone().Op("==").Nil()).Block(jen.Continue()))
		address = jen.Op("*").Add(address)
	}
	minutes := jen.Int64().Call(period)
	if p.IsPointer(d.period) {
		found = append(found,
			jen.Var().Id("minutes").Int64(),
			jen.If(period.Clone().Op("!=").Nil()).Block(jen.Id("minutes").Op("=").Int64().Call(jen.Op("*").Add(period))))
		minutes = jen.Id("minutes")
	}
	found = append(found, jen.If(address.Clone().Op("!=").Lit("")).Block(jen.Return(address, minutes, jen.Nil())))
	f.Add(comment(wrap("discoverEndpoint calls %s, with the options of the call that needs an endpoint, for the endpoint of operation op with identifiers ids: the first address it returns and how many minutes it may be kept.", d.describe.Method)))
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id("discoverEndpoint").Params(
		jen.Id("ctx").Qual("context", "Context"), jen.Id("opts").Id("Options"), jen.Id("op").String(), jen.Id("ids").Map(jen.String()).String(),
	).Params(jen.String(), jen.Int64(), jen.Error()).Block(
		jen.List(jen.Id("out"), jen.Err()).Op(":=").Id("c").Dot(d.describe.Method).Call(jen.Id("ctx"), jen.Op("&").Id(d.describe.InputName).Values(in),
			jen.Func().Params(jen.Id("o").Op("*").Id("Options")).Block(jen.Op("*").Id("o").Op("=").Id("opts"))),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Lit(""), jen.Lit(0), jen.Err())),
		jen.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Id("out").Dot(p.FieldName(d.endpoints))).Block(found...),
		jen.Return(jen.Lit(""), jen.Lit(0), jen.Qual("errors", "New").Call(jen.Lit(d.describe.Method+" returned no endpoint"))),
	)
	f.Line()
}

// emitDiscoveredEndpoint writes the part of invoke that replaces the
// regular endpoint ep with a discovered one, where the call's
// endpointDiscovery (disc) and options say so, and sets discovered.
func emitDiscoveredEndpoint(g *jen.Group, p *Plan) {
	d := p.discovery
	opName := jen.Lit("")
	if d.opMember != nil {
		opName = jen.Id("op").Dot("Name")
	}
	g.Comment("Endpoint discovery; a BaseEndpoint is where every call goes.")
	g.Id("discovered").Op(":=").Id("disc").Dot("supported").Op("&&").Id("opts").Dot("BaseEndpoint").Op("==").Lit("").Op("&&").Id("opts").Dot("EndpointDiscovery").Dot("Use").Call(jen.Id("disc").Dot("required"))
	g.If(jen.Id("discovered")).Block(
		jen.List(jen.Id("found"), jen.Err()).Op(":=").Id("c").Dot("discovered").Dot("Endpoint").Call(jen.Id("ctx"), jen.Id("ep"), opName, jen.Id("disc").Dot("ids"),
			jen.Func().Params(jen.Id("ctx").Qual("context", "Context")).Params(jen.String(), jen.Int64(), jen.Error()).Block(
				jen.Return(jen.Id("c").Dot("discoverEndpoint").Call(jen.Id("ctx"), jen.Op("*").Id("opts"), opName, jen.Id("disc").Dot("ids"))))),
		jen.Switch().Block(
			jen.Case(jen.Err().Op("==").Nil()).Block(jen.Id("ep").Op("=").Id("found")),
			jen.Case(jen.Id("disc").Dot("required")).Block(
				jen.Return(jen.False(), jen.Id("c").Dot("core").Dot("Fail").Call(jen.Id("op"), jen.Qual("fmt", "Errorf").Call(jen.Lit("endpoint discovery failed: %w"), jen.Err())))),
			jen.Default().Block(jen.Comment("Optional: the regular endpoint will do."), jen.Id("discovered").Op("=").False()),
		),
	)
}
