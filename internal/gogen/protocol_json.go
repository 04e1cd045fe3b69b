package gogen

import (
	"encoding/json"
	"slices"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/shapes"
)

// What the JSON protocols share on the way back: the output deserializer
// and the error decoder, over the bindings the protocol gave each shape
// (restJson1 binds some members to headers; the RPC protocols put all of
// them in the body).

// The fields in which the errors of an awsQueryCompatible service keep the
// code and type of the x-amzn-query-error header ("Code;Type"): what the
// service's awsQuery clients saw. The Plan reserves them in every error
// structure's field scope.
const (
	queryErrorCodeField = "QueryErrorCode"
	queryErrorTypeField = "QueryErrorType"
)

// jsonDeserializer emits func deserializeXxxOutput(resp *response, out
// *XxxOutput) error for a JSON protocol: the members the protocol binds to
// headers or the status code, then the payload member or the JSON object
// body holding the others, then the defaults of members the response left
// out.
func (c *codec) jsonDeserializer(op *Operation) jen.Code {
	outShape := op.Output
	if outShape != nil && outShape.IsUnit() {
		outShape = nil
	}
	b := c.p.responseBindings[outShape]
	name := op.Deserialize
	return jen.Func().Id(name).Params(jen.Id("resp").Op("*").Add(c.p.callQual("Response")), jen.Id("out").Op("*").Id(op.OutputName)).Error().BlockFunc(func(g *jen.Group) {
		if stream := c.p.outputEvents(op); stream != nil {
			if initial, _ := c.p.eventStreamProtocol(); initial {
				c.eventStreamDeserializer(g, op, stream)
				return
			}
		}
		c.decodeBound(g, b, "out")
		var filled []*shapes.Member
		if outShape != nil {
			for _, m := range outShape.Members {
				if _, ok := c.defaultValue(m); ok && m != b.payload {
					filled = append(filled, m)
				}
			}
		}
		if len(filled) > 0 {
			g.Comment("Members the response leaves out take their defaults.")
			g.Defer().Func().Params().BlockFunc(func(fg *jen.Group) {
				c.fillDefaults(fg, filled, "out")
			}).Call()
		}
		switch {
		case b.payload != nil:
			c.decodePayload(g, b.payload, "out")
		case len(b.body) > 0:
			g.Id("d").Op(":=").Qual(c.jw, "NewDecoder").Call(jen.Id("resp").Dot("Data"))
			g.If(jen.Id("d").Dot("BeginObject").Call()).BlockFunc(func(ib *jen.Group) {
				c.decodeMembersLoop(ib, outShape, b.body, "out")
			})
			g.Id("d").Dot("End").Call()
			g.Return(jen.Id("d").Dot("Err").Call())
			return
		default:
			g.Id("_").Op("=").Id("out")
		}
		g.Return(jen.Nil())
	})
}

// jsonErrorDecoder emits decodeErrorResponse for a JSON protocol: it turns
// an error response into the typed error its code names (header-bound
// members, then the @httpPayload member or the JSON body, as an output's
// deserializer reads them), or a *GenericAPIError. For an
// awsQueryCompatible service it also keeps the x-amzn-query-error header's
// code and type in the error.
// codeFn names the runtime function that finds the error's code and message.
func (c *codec) jsonErrorDecoder(codeFn *jen.Statement) jen.Code {
	errs := slices.Clone(c.p.sortedShapes(func(s *shapes.Shape) bool { return s.IsError() }))
	return jen.Func().Id("decodeErrorResponse").Params(jen.Id("resp").Op("*").Add(c.p.callQual("Response"))).Error().BlockFunc(func(g *jen.Group) {
		g.List(jen.Id("code"), jen.Id("message")).Op(":=").Add(codeFn).Call(jen.Id("resp"))
		qc := c.p.queryCompatible
		if qc {
			// The type goes only into modeled errors: a service without
			// any must not declare it (Go refuses an unused variable).
			queryType := jen.Id("_")
			if len(errs) > 0 {
				queryType = jen.Id("queryType")
			}
			g.List(jen.Id("queryCode"), queryType, jen.Id("_")).Op(":=").Qual("strings", "Cut").Call(
				jen.Id("resp").Dot("Header").Dot("Get").Call(jen.Lit("X-Amzn-Query-Error")), jen.Lit(";"))
		}
		if len(errs) > 0 {
			g.Switch(jen.Id("code")).BlockFunc(func(sw *jen.Group) {
				for _, s := range errs {
					b := c.p.responseBindings[s]
					sw.Case(jen.Lit(c.p.Svc.Name(s))).BlockFunc(func(cb *jen.Group) {
						cb.Id("v").Op(":=").Op("&").Qual(c.p.TypesPath, c.p.TypeName(s)).Values()
						if len(b.headers)+len(b.prefix) > 0 || b.responseCode != nil || b.payload != nil {
							// In a function, so that a decoder's error return (the
							// payload's returns as an output's deserializer does)
							// leaves this function, not decodeErrorResponse. Its
							// error is dropped: the error the service named is
							// still what the call returns, with the members read
							// before the one that did not parse (a Retry-After
							// written as a date where the model has seconds), as
							// a body that does not parse keeps the members read
							// before it. Returning the parse error instead would
							// hide the service's error from errors.As.
							// The payload has a function of its own, so that a
							// header that does not parse does not lose it.
							if len(b.headers)+len(b.prefix) > 0 || b.responseCode != nil {
								cb.Id("_").Op("=").Func().Params().Error().BlockFunc(func(fb *jen.Group) {
									c.decodeBound(fb, b, "v")
									fb.Return(jen.Nil())
								}).Call()
							}
							if b.payload != nil {
								cb.Id("_").Op("=").Func().Params().Error().BlockFunc(func(fb *jen.Group) {
									c.decodePayload(fb, b.payload, "v")
									fb.Return(jen.Nil())
								}).Call()
							}
						}
						if len(b.body) > 0 {
							cb.Id("d").Op(":=").Qual(c.jw, "NewDecoder").Call(jen.Id("resp").Dot("Data"))
							cb.If(jen.Id("d").Dot("BeginObject").Call()).BlockFunc(func(ib *jen.Group) {
								c.decodeMembersLoop(ib, s, b.body, "v")
							})
						}
						if mm := messageMember(s); mm != nil && c.p.IsPointer(mm) && !mm.Target.IsEnum() && slices.Contains(b.body, mm) {
							field := jen.Id("v").Dot(c.p.FieldName(mm))
							cb.Comment("Services spell the message property differently; take it from wherever it was.")
							cb.If(field.Clone().Op("==").Nil().Op("&&").Id("message").Op("!=").Lit("")).Block(field.Clone().Op("=").Op("&").Id("message"))
						}
						if qc {
							cb.List(jen.Id("v").Dot(queryErrorCodeField), jen.Id("v").Dot(queryErrorTypeField)).Op("=").List(jen.Id("queryCode"), jen.Id("queryType"))
						}
						cb.Return(jen.Id("v"))
					})
				}
			})
		}
		if qc {
			g.Comment("The code awsQuery clients saw is the one callers know.")
			g.If(jen.Id("queryCode").Op("!=").Lit("")).Block(jen.Id("code").Op("=").Id("queryCode"))
		}
		g.Return(c.p.callQual("NewGenericAPIError").Call(jen.Id("resp"), jen.Id("code"), jen.Id("message")))
	})
}

// queryErrorCode is an error shape's aws.protocols#awsQueryError code, the
// code an awsQueryCompatible service sends for it in x-amzn-query-error; ""
// when it has none.
func queryErrorCode(s *shapes.Shape) string {
	raw, ok := s.Traits.Raw("aws.protocols#awsQueryError")
	if !ok {
		return ""
	}
	var v struct {
		Code string `json:"code"`
	}
	if json.Unmarshal([]byte(raw), &v) != nil {
		return ""
	}
	return v.Code
}
