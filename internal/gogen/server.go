package gogen

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/naming"
	"github.com/smithygo/smithygo/internal/shapes"
	"github.com/smithygo/smithygo/templates"
)

// The server half: with Config.Server the generator also writes the package
// server below the client package. It reuses the client's input, output
// and error types, and holds a Service interface (one method per
// operation), Unimplemented, and NewHandler, an http.Handler that routes a
// request by the operations' @http patterns (restJson1, with a copy of
// runtime/httproute) or by the operation the request names (the RPC
// protocols, serve.Protocol.Route), decodes it into the operation's input,
// validates it with the input's Validate, calls the service and encodes
// its output or error. What differs between protocols is asked of the
// protocol's serverRules (protocol.server) and of serve.Protocol, which
// also frames the handler's own errors (Protocol.Frame).

// serverTestTemplate runs the server package's protocol tests; its
// runtime is runtime/serve.
const serverTestTemplate = "server/protocol_test.go"

// serverAliases are the names the server package gives runtime/serve's
// public API, with their documentation.
var serverAliases = []struct{ name, doc string }{
	{"HandlerOptions", "HandlerOptions configure the handler that NewHandler returns: the request body limit, authentication (a function, SigV4 or both) and the logger of internal failures."},
	{"SigV4", "SigV4 says how requests must be signed (HandlerOptions.SigV4): the secret key of each access key ID, and the region and service of the signing scope."},
	{"NotImplementedError", "NotImplementedError is the error of Unimplemented's methods: the service does not implement the operation yet. It is answered 501 NotImplemented."},
}

// serverDir is where the server package goes, below the client package.
const serverDir = "server"

// fixedServerNames are the package-level names the server emitters write
// under fixed names.
var fixedServerNames = []string{
	"Service", "Unimplemented", "NewHandler", "handler", "routes",
	"encodeServiceError", "rejectInvalid", "protocol", "encodeFault",
	// The packages the server's files import besides importNames.
	"httproute", "errors", "context",
}

// serverPlan names everything the server package declares. It is made by
// planServer from a scope of its own, like the client's packages.
type serverPlan struct {
	scope *naming.Scope
	// mainName is the name the server's files import the main package by:
	// its package name, unless a local variable of the server's code has
	// it (see serverLocals).
	mainName string
	// The JSON functions of the shapes the server decodes (inputs) and
	// encodes (outputs and errors).
	encodeFn, decodeFn map[*shapes.Shape]string
	membersVar         map[*shapes.Shape]string // as Plan.membersVar
	// Per operation: the function that serves it, decodes its request and
	// encodes its response.
	serve, decode, encode map[*Operation]string
	// errorEnc names the encoder of each error shape; reject names the
	// function that answers an invalid input of an operation.
	errorEnc map[*shapes.Shape]string
	reject   map[*Operation]string
	// rejectFns are the reject functions, by the error shape they answer
	// with (nil: a plain 400 ValidationException).
	rejectFns map[*shapes.Shape]string
	// ruleFn names each aggregate shape's rule function (server_rules.go).
	ruleFn map[*shapes.Shape]string
	// eventWrite and eventFail name the functions that frame the events
	// of each output event stream's union, and the error that ends one.
	eventWrite, eventFail map[*shapes.Shape]string
	// eventRead names the functions that decode the events of each input
	// event stream's union from their messages.
	eventRead map[*shapes.Shape]string
}

// serverLocals are the names the server's generated code and tests give
// local variables and parameters. A main package of one of these names
// (a service named "out", say) would be hidden by them, so the
// server imports it under another (see serverPlan.mainName).
var serverLocals = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`a auth b b1 b2 body c code constraint contents ctx d decode e err ev f
		fields flush fv g got h header headers host i id in invalid item items k key l labels list m
		mediaType message messageRegex method msg msgs n name ok opts out path perr query r resp rest
		routes rule s sep status svc t table taken target u uri v vs w want x yield`) {
		serverLocals[n] = true
	}
}

// importMain tells f the name the main package is imported by.
func (sp *serverPlan) importMain(f *jen.File, p *Plan) {
	if sp.mainName == p.Package {
		f.ImportName(p.ImportPath, p.Package)
		return
	}
	f.ImportAlias(p.ImportPath, sp.mainName)
}

// frameworkValidation is the Smithy framework's validation error.
const frameworkValidation = "smithy.framework#ValidationException"

// templateDecls lists the package-level identifiers of a template file.
func templateDecls(name string) ([]string, error) {
	src, err := templates.FS.ReadFile(name)
	if err != nil {
		return nil, err
	}
	f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	return topLevelDecls(f), nil
}

// planServer names the server package's declarations.
func (p *Plan) planServer() error {
	scope := naming.NewScope()
	for _, a := range serverAliases {
		scope.Reserve(a.name)
	}
	scope.Reserve("DefaultMaxBodyBytes", "ErrUnknownKey", "ErrBodyHash")
	for _, tmpl := range []string{serverTestTemplate, compareTemplate} {
		names, err := templateDecls(tmpl)
		if err != nil {
			return fmt.Errorf("reading the server runtime: %w", err)
		}
		scope.Reserve(names...)
	}
	scope.Reserve(serverTestNames...)
	scope.Reserve(fixedServerNames...)
	scope.Reserve(importNames...)
	mainName := p.Package
	for serverLocals[mainName] || scope.Taken(mainName) {
		mainName += "api"
	}
	scope.Reserve(mainName)
	sp := &serverPlan{
		scope:    scope,
		mainName: mainName,
		encodeFn: map[*shapes.Shape]string{}, decodeFn: map[*shapes.Shape]string{}, membersVar: map[*shapes.Shape]string{},
		serve: map[*Operation]string{}, decode: map[*Operation]string{}, encode: map[*Operation]string{},
		errorEnc: map[*shapes.Shape]string{}, reject: map[*Operation]string{}, rejectFns: map[*shapes.Shape]string{},
	}
	for _, o := range p.Operations {
		owner := o.Shape.ID.String()
		sp.serve[o] = scope.Unique("serve"+o.Name, owner)
		sp.decode[o] = scope.Unique("decode"+o.InputName, owner)
		sp.encode[o] = scope.Unique("encode"+o.OutputName, owner)
	}
	for _, s := range p.sortedShapes(func(s *shapes.Shape) bool { return s.IsError() }) {
		sp.errorEnc[s] = scope.Unique("encodeError"+p.TypeName(s), s.ID.String())
	}
	for _, o := range p.Operations {
		e := validationError(p, o)
		if _, ok := sp.rejectFns[e]; !ok {
			if e == nil {
				sp.rejectFns[e] = "rejectInvalid"
			} else {
				sp.rejectFns[e] = scope.Unique("rejectWith"+p.TypeName(e), e.ID.String())
			}
		}
		sp.reject[o] = sp.rejectFns[e]
	}
	for _, s := range p.Svc.Shapes {
		if !aggregate(s) {
			continue
		}
		name, owner := naming.Exported(p.Svc.Name(s)), s.ID.String()
		sp.encodeFn[s] = scope.Unique("encode"+name, owner)
		sp.decodeFn[s] = scope.Unique("decode"+name, owner)
		if s.Kind == shapes.KindStructure {
			sp.membersVar[s] = scope.Unique("members"+name, owner)
		}
	}
	planEnumTables(p.Svc, scope, sp.membersVar)
	sp.planServerEvents(p, scope)
	sp.planRules(p, scope)
	p.server = sp
	return nil
}

// validationError is the error shape an operation answers an invalid
// input with: smithy.framework#ValidationException where it lists that,
// else its own error named ValidationException, else nil (a plain 400
// ValidationException).
func validationError(p *Plan, o *Operation) *shapes.Shape {
	errs := slices.Concat(o.Shape.Errors, p.Svc.Shape.Errors)
	for _, e := range errs {
		if e.ID.String() == frameworkValidation {
			return e
		}
	}
	for _, e := range errs {
		if e.ID.Name == "ValidationException" && messageMember(e) != nil {
			return e
		}
	}
	return nil
}

// topLevelDecls lists the package-level identifiers a file declares.
func topLevelDecls(f *ast.File) []string {
	var names []string
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				names = append(names, d.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					names = append(names, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names = append(names, n.Name)
					}
				}
			}
		}
	}
	return names
}

// emitServer writes the files of the server package.
func emitServer(p *Plan) (map[string]*jen.File, error) {
	sp := p.server
	c := newCodec(p)
	c.encNames, c.decNames, c.membersNames = sp.encodeFn, sp.decodeFn, sp.membersVar
	c.eventDecNames = sp.eventRead
	c.strict = true // the server reads requests, which it must refuse when malformed
	pkg := p.ImportPath
	serverPath := p.ImportPath + "/" + serverDir
	newFile := func() *jen.File {
		f := jen.NewFilePathName(serverPath, serverDir)
		f.HeaderComment(header)
		sp.importMain(f, p)
		f.ImportName(p.TypesPath, "types")
		f.ImportName(c.jw, p.runtimeName(c.wire().pkg))
		f.ImportName(c.hb(), p.runtimeName("httpbind"))
		f.ImportName(routePath(p), p.runtimeName("httproute"))
		return f
	}
	f := newFile()
	svcName := p.Svc.Shape.ID.Name
	f.PackageComment(wrap("Package server serves the %s API over HTTP (the %s protocol): implement Service, or embed Unimplemented in a type that implements some operations, and pass it to NewHandler. The inputs, outputs and errors are the types of package %s.", svcName, p.proto.traitID(), p.Package))

	// runtime/serve's public API under the package's names.
	for _, a := range serverAliases {
		f.Add(comment(wrap("%s", a.doc)))
		f.Type().Id(a.name).Op("=").Qual(servePath(p), a.name)
		f.Line()
	}
	f.Add(comment(wrap("DefaultMaxBodyBytes is the request body limit when HandlerOptions.MaxBodyBytes is 0: 10 MiB.")))
	f.Const().Id("DefaultMaxBodyBytes").Op("=").Qual(servePath(p), "DefaultMaxBodyBytes")
	f.Line()
	f.Add(comment(wrap("ErrUnknownKey is the error a SigV4.Lookup wraps for an access key ID it does not know.")))
	f.Var().Id("ErrUnknownKey").Op("=").Qual(servePath(p), "ErrUnknownKey")
	f.Line()
	if slices.ContainsFunc(p.Operations, p.streamingBlobInput) {
		f.Add(comment(wrap("ErrBodyHash is the error of the last read of a streaming input whose body is not the one its signature covers (its X-Amz-Content-Sha256): a service that gets it should drop what it read.")))
		f.Var().Id("ErrBodyHash").Op("=").Qual(servePath(p), "ErrBodyHash")
		f.Line()
	}

	emitServerProtocol(f, c)

	// Service and Unimplemented.
	f.Add(comment(wrap("Service is the %s API: one method per operation. A method's error is answered as the model's error it is (found with errors.As), a *NotImplementedError as 501, and any other error as a 500 InternalFailure that reveals nothing of it. The handler validates every input before a method sees it.", svcName)))
	f.Type().Id("Service").InterfaceFunc(func(g *jen.Group) {
		for _, o := range p.Operations {
			g.Add(comment(wrap("%s serves the %s operation.", o.Method, p.Svc.Name(o.Shape))))
			g.Id(o.Method).Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("in").Op("*").Qual(pkg, o.InputName)).Params(jen.Op("*").Qual(pkg, o.OutputName), jen.Error())
		}
	})
	f.Add(comment(wrap("Unimplemented implements every method of Service with a *NotImplementedError (501). Embed it in a service that implements some operations, so that it compiles while it grows.")))
	f.Type().Id("Unimplemented").Struct()
	for _, o := range p.Operations {
		f.Add(comment(wrap("%s returns a *NotImplementedError.", o.Method)))
		f.Func().Params(jen.Id("Unimplemented")).Id(o.Method).Params(jen.Qual("context", "Context"), jen.Op("*").Qual(pkg, o.InputName)).Params(jen.Op("*").Qual(pkg, o.OutputName), jen.Error()).Block(
			jen.Return(jen.Nil(), jen.Op("&").Id("NotImplementedError").Values(jen.Dict{jen.Id("Operation"): jen.Lit(p.Svc.Name(o.Shape))})))
	}

	// The route table.
	// An operation the client sends without authentication (@auth([]),
	// @optionalAuth) is served without it: the route says so, where the
	// service has such operations.
	open := slices.ContainsFunc(p.Operations, func(o *Operation) bool { return p.isAnonymous(o.Shape) })
	// An operation whose input is an event stream has its body read as the
	// handler reads the stream, not before: the route says so, where the
	// service has such operations.
	events := slices.ContainsFunc(p.Operations, func(o *Operation) bool { return p.inputEvents(o) != nil })
	// An operation whose client signs its body as UNSIGNED-PAYLOAD is
	// checked so: the route says so, where the service has such operations.
	unsigned := slices.ContainsFunc(p.Operations, unsignedPayload)
	// An operation whose input is a streaming blob gets its body unread,
	// for the service to read as it arrives: an upload need not fit in
	// memory, nor under MaxBodyBytes.
	blobs := slices.ContainsFunc(p.Operations, p.streamingBlobInput)
	rules := p.proto.server()
	fields := []jen.Code{jen.Id("method").String(), jen.Id("uri").String()}
	doc := "routes are the operations' @http patterns"
	if rules.route != "" {
		fields = []jen.Code{jen.Id("name").String()}
		doc = "routes are the operations' names in requests"
	}
	if open {
		fields = append(fields, jen.Id("open").Bool())
		doc += ", and whether they are served without authentication (@auth([]) or @optionalAuth)"
	}
	if events {
		fields = append(fields, jen.Id("events").Bool())
		doc += ", and whether their body is an input event stream"
	}
	if unsigned {
		fields = append(fields, jen.Id("unsigned").Bool())
		doc += ", and whether their body may be signed as UNSIGNED-PAYLOAD (@aws.auth#unsignedPayload)"
	}
	if blobs {
		fields = append(fields, jen.Id("blob").Bool())
		doc += ", and whether their body is a streaming blob"
	}
	f.Add(comment(wrap("%s; a route's index is the operation's in serve's switch.", doc)))
	f.Var().Id("routes").Op("=").Index().Struct(fields...).ValuesFunc(func(g *jen.Group) {
		for _, o := range p.Operations {
			method, uri, _ := p.proto.requestLine(p.Svc.Shape, o.Shape)
			values := []jen.Code{jen.Lit(method), jen.Lit(uri)}
			if rules.route != "" {
				values = []jen.Code{jen.Lit(o.Shape.ID.Name)}
			}
			if open {
				values = append(values, jen.Lit(p.isAnonymous(o.Shape)))
			}
			if events {
				values = append(values, jen.Lit(p.inputEvents(o) != nil))
			}
			if unsigned {
				values = append(values, jen.Lit(unsignedPayload(o)))
			}
			if blobs {
				values = append(values, jen.Lit(p.streamingBlobInput(o)))
			}
			g.Line().Values(values...)
		}
		g.Line()
	})

	// NewHandler and the handler.
	routing := "by the operations' @http patterns (404 UnknownOperationException when none matches, 405 when only another method's does)"
	switch rules.route {
	case routeByTarget:
		routing = fmt.Sprintf("by the operation its X-Amz-Target names (404 UnknownOperationException for one %s does not have; POST only)", svcName)
	case routeByPath:
		routing = fmt.Sprintf("by the operation its path names, /service/%s/operation/{Operation} (404 UnknownOperationException for one %s does not have; POST only, with Smithy-Protocol: %s)", svcName, svcName, p.proto.smithyProtocol())
	}
	panics := ""
	if rules.route == "" {
		panics = " NewHandler panics if the model's patterns conflict, which the generator has already ruled out."
	}
	f.Add(comment(wrap("%s", "NewHandler returns an http.Handler that serves svc: it routes each request "+routing+", checks it with opts.Authenticate, reads at most opts.MaxBodyBytes of body (413 beyond), checks its SigV4 signature when opts.SigV4 asks, decodes and validates the input, and calls svc with the request's context. A panic in svc is answered as a 500 InternalFailure."+panics)))
	f.Func().Id("NewHandler").Params(jen.Id("svc").Id("Service"), jen.Id("opts").Id("HandlerOptions")).Qual("net/http", "Handler").BlockFunc(func(g *jen.Group) {
		g.If(jen.Id("opts").Dot("MaxBodyBytes").Op("<=").Lit(0)).Block(jen.Id("opts").Dot("MaxBodyBytes").Op("=").Id("DefaultMaxBodyBytes"))
		g.Id("h").Op(":=").Op("&").Id("handler").Values(jen.Dict{jen.Id("svc"): jen.Id("svc"), jen.Id("opts"): jen.Id("opts"), jen.Id("auth"): jen.Qual(servePath(p), "NewAuthenticator").Call(jen.Id("opts"))})
		if rules.route == "" {
			g.For(jen.List(jen.Id("i"), jen.Id("r")).Op(":=").Range().Id("routes")).Block(
				jen.If(jen.Err().Op(":=").Id("h").Dot("table").Dot("Add").Call(jen.Id("r").Dot("method"), jen.Id("r").Dot("uri"), jen.Id("i")), jen.Err().Op("!=").Nil()).Block(
					jen.Panic(jen.Lit("server: ").Op("+").Err().Dot("Error").Call())))
		}
		g.Return(jen.Id("h"))
	})
	f.Comment("handler is the http.Handler of NewHandler.")
	f.Type().Id("handler").Struct(
		jen.Id("svc").Id("Service"),
		jen.Id("opts").Id("HandlerOptions"),
		jen.Id("auth").Op("*").Add(jen.Qual(servePath(p), "Authenticator")),
		jen.Do(func(s *jen.Statement) {
			if rules.route == "" {
				s.Id("table").Qual(routePath(p), "Table")
			}
		}),
	)
	blobStreams := slices.ContainsFunc(p.Operations, streamingOutput)
	f.Comment("ServeHTTP answers one request; an event of an output's stream that does not frame, which")
	f.Comment("the client sees as an InternalFailure, is logged.")
	if blobStreams {
		f.Comment("So is a streamed blob whose reader fails, whose response is then aborted, so that the client")
		f.Comment("sees its body cut off.")
	}
	f.Func().Params(jen.Id("h").Op("*").Id("handler")).Id("ServeHTTP").Params(jen.Id("w").Qual("net/http", "ResponseWriter"), jen.Id("r").Op("*").Qual("net/http", "Request")).Block(
		jen.Do(func(s *jen.Statement) {
			if events {
				// An input event stream is read while the response is
				// written, which HTTP/1.1 servers do not do by default.
				// The body is closed before ServeHTTP returns: a full-duplex
				// request whose body the handler left unread (a refused
				// signature, a handler done early) otherwise makes net/http
				// panic reading it (golang.org/issue/68560).
				s.If(jen.Id("r").Dot("Header").Dot("Get").Call(jen.Lit("Content-Type")).Op("==").Lit(eventStreamMediaType)).Block(
					jen.Id("rc").Op(":=").Qual("net/http", "NewResponseController").Call(jen.Id("w")),
					jen.Id("_").Op("=").Id("rc").Dot("EnableFullDuplex").Call(),
					jen.Defer().Func().Params().Block(
						jen.Comment("On HTTP/1.1, closing the body first reads up to 256 KiB of"),
						jen.Comment("what the client still sends, and the response (a refusal, the"),
						jen.Comment("end of the output's stream) waits for it: the client, which"),
						jen.Comment("streams until it hears back, would wait for its own deadline."),
						jen.Comment("A read deadline of now makes that read fail at once."),
						jen.Id("_").Op("=").Id("rc").Dot("SetReadDeadline").Call(jen.Qual("time", "Now").Call()),
						jen.Id("r").Dot("Body").Dot("Close").Call(),
					).Call(),
				)
			}
		}),
		jen.If(jen.Err().Op(":=").Id("protocol").Dot("Frame").Call(jen.Id("h").Dot("serve").Call(jen.Id("r"))).Dot("Send").Call(jen.Id("w")), jen.Err().Op("!=").Nil()).BlockFunc(func(g *jen.Group) {
			g.Id("h").Dot("logFailure").Call(jen.Id("r"), jen.Err())
			if blobStreams {
				g.If(jen.Qual("errors", "Is").Call(jen.Err(), jen.Qual(servePath(p), "ErrBodyCut"))).Block(
					jen.Panic(jen.Qual("net/http", "ErrAbortHandler")),
				)
			}
		}),
	)
	f.Comment("serve turns a request into its response; a panic becomes an InternalFailure.")
	f.Func().Params(jen.Id("h").Op("*").Id("handler")).Id("serve").Params(jen.Id("r").Op("*").Qual("net/http", "Request")).Params(jen.Id("resp").Op("*").Add(jen.Qual(servePath(p), "ResponseMessage"))).BlockFunc(func(g *jen.Group) {
		g.Defer().Func().Params().Block(
			jen.If(jen.Id("v").Op(":=").Recover(), jen.Id("v").Op("!=").Nil()).Block(
				// With the stack, without which a panic's log line says
				// what went wrong but not where.
				jen.Id("h").Dot("logFailure").Call(jen.Id("r"), jen.Qual("fmt", "Errorf").Call(jen.Lit("panic: %v\n%s"), jen.Id("v"), jen.Qual("runtime/debug", "Stack").Call())),
				jen.Id("resp").Op("=").Add(jen.Qual(servePath(p), "InternalFailure")).Call(),
			),
		).Call()
		if rules.route != "" {
			g.List(jen.Id("id"), jen.Id("refused")).Op(":=").Id("protocol").Dot("Route").Call(jen.Id("r"), jen.Len(jen.Id("routes")), jen.Func().Params(jen.Id("i").Int()).String().Block(jen.Return(jen.Id("routes").Index(jen.Id("i")).Dot("name"))))
			g.If(jen.Id("refused").Op("!=").Nil()).Block(jen.Return(jen.Id("refused")))
		} else {
			g.List(jen.Id("id"), jen.Id("labels"), jen.Id("status")).Op(":=").Id("h").Dot("table").Dot("Match").Call(
				jen.Id("r").Dot("Method"), jen.Id("r").Dot("URL").Dot("EscapedPath").Call(), jen.Id("r").Dot("URL").Dot("RawQuery"))
			g.Switch(jen.Id("status")).Block(
				jen.Case(jen.Qual(routePath(p), "NotFound")).Block(jen.Return(jen.Qual(servePath(p), "ErrorMessage").Call(
					jen.Qual("net/http", "StatusNotFound"), jen.Lit("UnknownOperationException"), jen.Lit("no operation matches the request")))),
				jen.Case(jen.Qual(routePath(p), "MethodNotAllowed")).Block(jen.Return(jen.Qual(servePath(p), "NotAllowed").Call(
					jen.Id("h").Dot("table").Dot("Allowed").Call(jen.Id("r").Dot("URL").Dot("EscapedPath").Call(), jen.Id("r").Dot("URL").Dot("RawQuery"))))),
			)
		}
		// authenticated wraps an authentication step so that open routes skip it.
		authenticated := func(check jen.Code) jen.Code {
			if !open {
				return check
			}
			return jen.If(jen.Op("!").Id("routes").Index(jen.Id("id")).Dot("open")).Block(check)
		}
		g.Add(authenticated(jen.If(jen.Id("m").Op(":=").Id("h").Dot("auth").Dot("Before").Call(jen.Id("r")), jen.Id("m").Op("!=").Nil()).Block(jen.Return(jen.Id("m")))))
		msgFields := jen.Dict{jen.Id("Header"): jen.Id("r").Dot("Header")}
		if rules.route == "" {
			// The RPC protocols bind nothing to the query string or the path.
			g.List(jen.Id("query"), jen.Id("perr")).Op(":=").Qual(servePath(p), "Query").Call(jen.Id("r"))
			g.If(jen.Id("perr").Op("!=").Nil()).Block(jen.Return(jen.Qual(servePath(p), "EncodeProtocolError").Call(jen.Id("perr"))))
			msgFields[jen.Id("Labels")] = jen.Id("labels")
			msgFields[jen.Id("Query")] = jen.Id("query")
		}
		g.Id("msg").Op(":=").Op("&").Add(jen.Qual(servePath(p), "RequestMessage")).Values(msgFields)
		readBody := []jen.Code{
			jen.List(jen.Id("body"), jen.Id("perr")).Op(":=").Add(jen.Qual(servePath(p), "ReadBody")).Call(jen.Id("r"), jen.Id("h").Dot("opts").Dot("MaxBodyBytes")),
			jen.If(jen.Id("perr").Op("!=").Nil()).Block(jen.Return(jen.Qual(servePath(p), "EncodeProtocolError").Call(jen.Id("perr")))),
			authenticated(jen.Do(func(s *jen.Statement) {
				after := jen.If(jen.Id("m").Op(":=").Id("h").Dot("auth").Dot("After").Call(jen.Id("r"), jen.Id("body")), jen.Id("m").Op("!=").Nil()).Block(jen.Return(jen.Id("m")))
				if !unsigned {
					s.Add(after)
					return
				}
				s.If(jen.Id("routes").Index(jen.Id("id")).Dot("unsigned")).Block(
					jen.If(jen.Id("m").Op(":=").Id("h").Dot("auth").Dot("AfterUnsigned").Call(jen.Id("r"), jen.Id("body")), jen.Id("m").Op("!=").Nil()).Block(jen.Return(jen.Id("m"))),
				).Else().Block(after)
			})),
			jen.Do(func(s *jen.Statement) {
				if !slices.ContainsFunc(p.Operations, func(o *Operation) bool { return compressesGzip(o.Shape) }) {
					return
				}
				// The service's clients compress bodies (@requestCompression).
				s.List(jen.Id("body"), jen.Id("perr")).Op("=").Qual(servePath(p), "DecodeContent").Call(jen.Id("r"), jen.Id("body"), jen.Id("h").Dot("opts").Dot("MaxBodyBytes")).Line().
					If(jen.Id("perr").Op("!=").Nil()).Block(jen.Return(jen.Qual(servePath(p), "EncodeProtocolError").Call(jen.Id("perr"))))
			}),
			jen.Id("msg").Dot("Body").Op("=").Id("body"),
		}
		// Each kind of body this service's operations have, the one read
		// whole last.
		var bodies *jen.Statement
		if events {
			bodies = jen.If(jen.Id("routes").Index(jen.Id("id")).Dot("events")).Block(
				jen.Comment("The body is the input's event stream, read as the handler reads it."),
				jen.Id("msg").Dot("Stream").Op("=").Id("r").Dot("Body"),
				authenticated(jen.If(jen.List(jen.Id("m"), jen.Id("check")).Op(":=").Id("h").Dot("auth").Dot("AfterStream").Call(jen.Id("r")), jen.Id("m").Op("!=").Nil()).Block(jen.Return(jen.Id("m"))).Else().Block(jen.Id("msg").Dot("Check").Op("=").Id("check"))),
			)
		}
		if blobs {
			blob := jen.If(jen.Id("routes").Index(jen.Id("id")).Dot("blob")).Block(
				jen.Comment("The body is the input's stream, read as the service reads it."),
				jen.Id("msg").Dot("Stream").Op("=").Id("r").Dot("Body"),
				authenticated(jen.If(jen.List(jen.Id("m"), jen.Id("body")).Op(":=").Id("h").Dot("auth").Dot("AfterBlob").Call(jen.Id("r"), jen.Id("h").Dot("opts").Dot("MaxBodyBytes")), jen.Id("m").Op("!=").Nil()).Block(jen.Return(jen.Id("m"))).Else().Block(jen.Id("msg").Dot("Stream").Op("=").Id("body"))),
			)
			if bodies == nil {
				bodies = blob
			} else {
				bodies = bodies.Else().Add(blob)
			}
		}
		if bodies == nil {
			addAll(g, readBody)
		} else {
			g.Add(bodies.Else().Block(readBody...))
		}
		g.Switch(jen.Id("id")).BlockFunc(func(sw *jen.Group) {
			for i, o := range p.Operations {
				sw.Case(jen.Lit(i)).Block(jen.Return(jen.Id(sp.serve[o]).Call(jen.Id("h"), jen.Id("r"), jen.Id("msg"))))
			}
		})
		g.Return(jen.Qual(servePath(p), "InternalFailure").Call())
	})
	f.Comment("logFailure logs an error or panic of the service, which the client sees only as an InternalFailure.")
	f.Func().Params(jen.Id("h").Op("*").Id("handler")).Id("logFailure").Params(jen.Id("r").Op("*").Qual("net/http", "Request"), jen.Err().Error()).Block(
		jen.If(jen.Id("h").Dot("opts").Dot("Logger").Op("!=").Nil()).Block(
			jen.Id("h").Dot("opts").Dot("Logger").Dot("ErrorContext").Call(jen.Id("r").Dot("Context").Call(), jen.Lit("server: internal failure"),
				jen.Lit("method"), jen.Id("r").Dot("Method"), jen.Lit("path"), jen.Id("r").Dot("URL").Dot("Path"), jen.Lit("error"), jen.Err())))

	// One serve, decode and encode function per operation.
	for _, o := range p.Operations {
		emitServeOperation(f, c, o)
	}
	emitServerErrors(f, c)
	emitRules(f, p)

	cf := newFile()
	for _, code := range c.flush() {
		cf.Add(code)
	}
	files := map[string]*jen.File{serverDir + "/server_gen.go": f}
	if len(c.funcs) > 0 {
		files[serverDir+"/codec_gen.go"] = cf
	}
	return files, nil
}

// emitServerProtocol writes protocol, the serve.Protocol that frames the
// runtime's own responses and routes the requests of an RPC protocol, and
// for a binary format encodeFault, which writes an error body in it.
func emitServerProtocol(f *jen.File, c *codec) {
	p := c.p
	rules := p.proto.server()
	d := jen.Dict{jen.Id("MediaType"): jen.Lit(rules.mediaType)}
	if sp := p.proto.smithyProtocol(); sp != "" {
		d[jen.Id("SmithyProtocol")] = jen.Lit(sp)
	}
	if rules.typeHeader {
		d[jen.Id("TypeHeader")] = jen.True()
	}
	if rules.typeInBody {
		d[jen.Id("TypeInBody")] = jen.True()
	}
	if rules.route != "" {
		d[jen.Id("Service")] = jen.Lit(p.Svc.Shape.ID.Name)
	}
	if rules.route == routeByTarget {
		d[jen.Id("Target")] = jen.True()
	}
	binary := c.wire().binary
	if binary {
		d[jen.Id("EncodeFault")] = jen.Id("encodeFault")
	}
	doc := "protocol is how the %s protocol frames the handler's own responses (refusals, failures)"
	if rules.route != "" {
		doc += " and names the operation of a request"
	}
	f.Add(comment(wrap(doc+".", p.proto.traitID())))
	f.Var().Id("protocol").Op("=").Qual(servePath(p), "Protocol").Values(d)
	if !binary {
		return
	}
	f.Add(comment(wrap("encodeFault writes the body of an error of the handler's own: its code and message, in %s.", c.wire().name)))
	f.Func().Id("encodeFault").Params(jen.Id("code"), jen.Id("message").String()).Index().Byte().BlockFunc(func(g *jen.Group) {
		g.Id("e").Op(":=").Qual(c.jw, "NewEncoder").Call(jen.Make(jen.Index().Byte(), jen.Lit(0), jen.Lit(64)))
		g.Id("e").Dot("BeginObject").Call()
		if rules.typeInBody {
			g.Id("e").Dot("Key").Call(jen.Lit("__type"))
			g.Id("e").Dot("String").Call(jen.Id("code"))
		}
		g.Id("e").Dot("Key").Call(jen.Lit("message"))
		g.Id("e").Dot("String").Call(jen.Id("message"))
		g.Id("e").Dot("EndObject").Call()
		g.Return(jen.Id("e").Dot("Bytes").Call())
	})
}

// newResponse starts the encoder of a response: m, with the status. The
// protocol's own headers (Smithy-Protocol) are the handler's to add, to
// every response alike (serve.Protocol.Frame).
func newResponse(g *jen.Group, p *Plan, status int) {
	g.Id("m").Op(":=").Op("&").Add(jen.Qual(servePath(p), "ResponseMessage")).Values(jen.Dict{
		jen.Id("Header"): jen.Qual("net/http", "Header").Values(), jen.Id("Status"): jen.Lit(status)})
}

// emptyBody writes an empty document as m's body, with its Content-Type.
func (c *codec) emptyBody(g *jen.Group) {
	g.Id("m").Dot("Body").Op("=").Index().Byte().Call(jen.Lit(c.wire().emptyObject))
	g.Id("m").Dot("Header").Dot("Set").Call(jen.Lit("Content-Type"), jen.Lit(c.p.proto.server().mediaType))
}

// unsignedPayload reports whether the client signs o's body as
// UNSIGNED-PAYLOAD (@aws.auth#unsignedPayload).
func unsignedPayload(o *Operation) bool { return o.Shape.Traits.Has("aws.auth#unsignedPayload") }

// streamingBlobInput reports whether the operation's input is a streaming
// blob bound to the body (@streaming @httpPayload), which the server hands
// the service unread.
func (p *Plan) streamingBlobInput(o *Operation) bool {
	m := p.requestBindings[o].payload
	return m != nil && IsStreaming(m) && m.Target.Kind == shapes.KindBlob
}

// routePath is the import path of the server's copy of httproute.
func routePath(p *Plan) string { return p.runtimePkg("httproute") }

// servePath is the import path of the servers' runtime.
func servePath(p *Plan) string { return p.runtimePkg("serve") }

// emitServeOperation writes serveXxx (decode, validate, call, encode),
// decodeXxxInput and encodeXxxOutput of one operation.
func emitServeOperation(f *jen.File, c *codec, o *Operation) {
	p := c.p
	sp := p.server
	pkg := p.ImportPath
	f.Add(comment(wrap("%s serves the %s operation.", sp.serve[o], p.Svc.Name(o.Shape))))
	reqType, respType := requestMediaType(p, o), responseMediaType(p, o)
	f.Func().Id(sp.serve[o]).Params(jen.Id("h").Op("*").Id("handler"), jen.Id("r").Op("*").Qual("net/http", "Request"), jen.Id("msg").Op("*").Add(jen.Qual(servePath(p), "RequestMessage"))).Op("*").Add(jen.Qual(servePath(p), "ResponseMessage")).Block(
		jen.If(jen.Id("perr").Op(":=").Add(jen.Qual(servePath(p), "CheckMediaTypes")).Call(jen.Id("msg"), jen.Lit(reqType), jen.Lit(respType)), jen.Id("perr").Op("!=").Nil()).Block(
			jen.Return(jen.Qual(servePath(p), "EncodeProtocolError").Call(jen.Id("perr")))),
		jen.Id("in").Op(":=").Op("&").Qual(pkg, o.InputName).Values(),
		jen.If(jen.Err().Op(":=").Id(sp.decode[o]).Call(jen.Id("msg"), jen.Id("in")), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Qual(servePath(p), "EncodeProtocolError").Call(jen.Qual(servePath(p), "SerializationError").Call(jen.Err())))),
		jen.If(jen.Err().Op(":=").Id("in").Dot("Validate").Call(), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Id(sp.reject[o]).Call(jen.Err(), ruleOf(p, o)))),
		jen.List(jen.Id("out"), jen.Err()).Op(":=").Id("h").Dot("svc").Dot(o.Method).Call(jen.Id("r").Dot("Context").Call(), jen.Id("in")),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.If(jen.List(jen.Id("m"), jen.Id("ok")).Op(":=").Id("encodeServiceError").Call(jen.Err()), jen.Id("ok")).Block(jen.Return(jen.Id("m"))),
			jen.Id("h").Dot("logFailure").Call(jen.Id("r"), jen.Err()),
			jen.Return(jen.Qual(servePath(p), "InternalFailure").Call()),
		),
		jen.If(jen.Id("out").Op("==").Nil()).Block(jen.Id("out").Op("=").Op("&").Qual(pkg, o.OutputName).Values()),
		jen.Return(jen.Id(sp.encode[o]).Call(jen.Id("out"))),
	)

	// The request decoder.
	b := p.requestBindings[o]
	f.Add(comment(wrap("%s reads the request of the %s operation into in.", sp.decode[o], p.Svc.Name(o.Shape))))
	f.Func().Id(sp.decode[o]).Params(jen.Id("msg").Op("*").Add(jen.Qual(servePath(p), "RequestMessage")), jen.Id("in").Op("*").Qual(pkg, o.InputName)).Error().BlockFunc(func(g *jen.Group) {
		if len(b.labels) > 0 {
			g.For(jen.List(jen.Id("_"), jen.Id("l")).Op(":=").Range().Id("msg").Dot("Labels")).Block(
				jen.Switch(jen.Id("l").Dot("Name")).BlockFunc(func(sw *jen.Group) {
					for _, m := range b.labels {
						field := jen.Id("in").Dot(p.FieldName(m))
						sw.Case(jen.Lit(m.Name)).Block(c.parseText(m.Target, jen.Id("l").Dot("Value"), timestampFormat(m, "date-time"), false, p.IsPointer(m), "label "+m.Name, func(x jen.Code) jen.Code {
							return field.Clone().Op("=").Add(x)
						})...)
					}
				}))
		}
		for _, m := range b.query {
			key, _ := m.Traits.HTTPQuery()
			c.decodeQuery(g, m, key)
		}
		if m := b.queryParams; m != nil {
			c.decodeQueryParams(g, m)
		}
		c.decodeHeaders(g, b, "in", jen.Id("msg").Dot("Header"))
		var filled []*shapes.Member
		if in := o.Input; in != nil && !in.IsUnit() {
			for _, m := range in.Members {
				if _, ok := c.defaultValue(m); ok && m != b.payload {
					filled = append(filled, m)
				}
			}
		}
		if len(filled) > 0 {
			g.Comment("Members the request leaves out take their defaults.")
			g.Defer().Func().Params().BlockFunc(func(fg *jen.Group) {
				c.fillDefaults(fg, filled, "in")
			}).Call()
		}
		switch {
		case b.payload != nil && b.payload == p.inputEvents(o):
			// The body, unread: the handler reads its events as they come.
			c.inputEventStream(g, b.payload)
		case p.inputEvents(o) != nil:
			// An RPC protocol's: the other members come first, in the
			// stream's initial-request event.
			c.decodeInitialEventStream(g, o, p.inputEvents(o))
			return
		case b.payload != nil && p.streamingBlobInput(o):
			// The body, unread: the service reads it as it arrives.
			c.decodePayloadFrom(g, b.payload, "in", jen.Id("msg").Dot("Body"), false, jen.Id("msg").Dot("Stream"))
		case b.payload != nil:
			c.decodePayloadFrom(g, b.payload, "in", jen.Id("msg").Dot("Body"), false, jen.Qual("strings", "NewReader").Call(jen.Id("msg").Dot("Body")))
		case len(b.body) > 0:
			empty := jen.Qual("strings", "TrimSpace").Call(jen.Id("msg").Dot("Body"))
			if c.wire().binary {
				empty = jen.Id("msg").Dot("Body") // a space is a byte of its data
			}
			g.If(empty.Op("==").Lit("")).Block(jen.Return(jen.Nil()))
			g.Id("d").Op(":=").Qual(c.jw, "NewDecoderString").Call(jen.Id("msg").Dot("Body"))
			g.If(jen.Id("d").Dot("Null").Call()).Block(jen.Return(jen.Qual(servePath(p), "ErrNullBody")))
			g.If(jen.Id("d").Dot("BeginObject").Call()).BlockFunc(func(ib *jen.Group) {
				c.decodeMembersLoop(ib, o.Input, b.body, "in")
			})
			g.Id("d").Dot("End").Call()
			g.Return(jen.Id("d").Dot("Err").Call())
			return
		}
		g.Return(jen.Nil())
	})

	// The response encoder.
	out := o.Output
	if out != nil && out.IsUnit() {
		out = nil
	}
	rb := p.responseBindings[out]
	h, _ := o.Shape.Traits.HTTP()
	status := h.Code
	if status == 0 {
		status = http.StatusOK
	}
	f.Add(comment(wrap("%s writes the response of the %s operation.", sp.encode[o], p.Svc.Name(o.Shape))))
	f.Func().Id(sp.encode[o]).Params(jen.Id("out").Op("*").Qual(pkg, o.OutputName)).Op("*").Add(jen.Qual(servePath(p), "ResponseMessage")).BlockFunc(func(g *jen.Group) {
		newResponse(g, p, status)
		if stream := p.outputEvents(o); stream != nil && rb.payload == nil {
			// An RPC protocol's: the other members go first, in the
			// stream's initial-response event.
			c.encodeInitialEventStream(g, o, stream)
			g.Return(jen.Id("m"))
			return
		}
		c.encodeBound(g, rb, "out", "")
		switch {
		case out != nil && rb.payload == nil && len(rb.body) == 0:
			g.Comment("An output structure without body members is an empty " + c.wire().name + " object.")
			c.emptyBody(g)
		case out == nil && p.proto.server().unitContentType:
			g.Id("m").Dot("Header").Dot("Set").Call(jen.Lit("Content-Type"), jen.Lit(p.proto.server().mediaType))
		}
		g.Return(jen.Id("m"))
	})
}

// encodeBound writes the members of the structure v points to into the
// response message m: status code, headers, and the payload or JSON body.
//
// typ, when set, is the error type the body names in "__type".
func (c *codec) encodeBound(g *jen.Group, b bindings, v, typ string) {
	p := c.p
	if m := b.responseCode; m != nil {
		field := jen.Id(v).Dot(p.FieldName(m))
		val := c.fieldValue(m, field)
		cond := jen.Add(val.Clone()).Op(">=").Lit(100).Op("&&").Add(val.Clone()).Op("<=").Lit(599)
		if p.IsPointer(m) {
			cond = field.Clone().Op("!=").Nil().Op("&&").Add(cond)
		}
		g.If(cond).Block(jen.Id("m").Dot("Status").Op("=").Int().Call(val))
	}
	for _, m := range b.headers {
		c.emitHeaderTo(g, m, v, jen.Id("m").Dot("Header"))
	}
	for _, m := range b.prefix {
		c.emitPrefixHeadersTo(g, m, b.headers, v, jen.Id("m").Dot("Header"))
	}
	// A member bound to Content-Type (an image's media type, say) says what
	// the body is; the payload's default is only for when it is unset.
	contentTypeBound := slices.ContainsFunc(b.headers, func(m *shapes.Member) bool {
		h, _ := m.Traits.HTTPHeader()
		return strings.EqualFold(h, "Content-Type")
	})
	switch {
	case b.payload != nil:
		c.encodePayloadTo(g, b.payload, v, contentTypeBound)
	case len(b.body) > 0 || typ != "":
		g.Id("e").Op(":=").Qual(c.jw, "NewEncoder").Call(jen.Make(jen.Index().Byte(), jen.Lit(0), jen.Lit(256)))
		g.Id("e").Dot("BeginObject").Call()
		if typ != "" {
			g.Id("e").Dot("Key").Call(jen.Lit("__type"))
			g.Id("e").Dot("String").Call(jen.Lit(typ))
		}
		// Unset members with defaults are sent as their defaults, as the
		// model promises clients (topLevel false).
		c.encodeMembers(g, b.body, v, false)
		g.Id("e").Dot("EndObject").Call()
		g.Id("m").Dot("Body").Op("=").Id("e").Dot("Bytes").Call()
		g.Id("m").Dot("Header").Dot("Set").Call(jen.Lit("Content-Type"), jen.Lit(p.proto.server().mediaType))
	}
}

// encodePayloadTo writes the payload member m of the structure v points to
// as the body of the response message m, with its Content-Type unless
// contentTypeBound, a member bound to that header, has set one.
func (c *codec) encodePayloadTo(g *jen.Group, m *shapes.Member, v string, contentTypeBound bool) {
	field := jen.Id(v).Dot(c.p.FieldName(m))
	t := m.Target
	ct := jen.Id("m").Dot("Header").Dot("Set").Call(jen.Lit("Content-Type"), jen.Lit(payloadContentType(t)))
	if contentTypeBound {
		ct = jen.If(jen.List(jen.Id("_"), jen.Id("set")).Op(":=").Id("m").Dot("Header").Index(jen.Lit("Content-Type")), jen.Op("!").Id("set")).Block(ct)
	}
	switch {
	case isEventStream(m) && c.p.eventReader[t] != "":
		c.encodeEventStream(g, m, field, nil)
	case IsStreaming(m):
		// Sent as it is read (serve.BlobStream), not read whole first: the
		// stream may be a live feed that never ends.
		g.If(field.Clone().Op("!=").Nil()).Block(
			jen.Id("m").Dot("Stream").Op("=").Qual(servePath(c.p), "BlobStream").Call(field.Clone()),
			ct,
		)
	case t.Kind == shapes.KindBlob:
		g.If(field.Clone().Op("!=").Nil()).Block(jen.Id("m").Dot("Body").Op("=").Add(field.Clone()), ct)
	case t.Kind == shapes.KindString || t.IsEnum():
		g.If(c.setCond(m, field, true)).Block(jen.Id("m").Dot("Body").Op("=").Index().Byte().Call(c.fieldValue(m, field)), ct)
	case t.Kind == shapes.KindDocument:
		g.If(field.Clone().Op("!=").Nil()).Block(jen.Id("m").Dot("Body").Op("=").Index().Byte().Call(field.Clone()), ct)
	default: // structure or union
		g.If(field.Clone().Op("!=").Nil()).BlockFunc(func(b *jen.Group) {
			b.Id("e").Op(":=").Qual(c.jw, "NewEncoder").Call(jen.Make(jen.Index().Byte(), jen.Lit(0), jen.Lit(256)))
			addAll(b, c.encValue(t, field, t.Kind == shapes.KindStructure, "epoch-seconds"))
			b.Id("m").Dot("Body").Op("=").Id("e").Dot("Bytes").Call()
			b.Add(ct)
		})
	}
}

// emitServerErrors writes the encoder of each error shape,
// encodeServiceError, which finds the model's error a service returned,
// and the functions that answer an invalid input.
func emitServerErrors(f *jen.File, c *codec) {
	p := c.p
	sp := p.server
	errs := p.sortedShapes(func(s *shapes.Shape) bool { return s.IsError() })
	for _, s := range errs {
		status := s.Traits.HTTPError()
		if status == 0 {
			status = http.StatusBadRequest
			if s.Traits.ErrorFault() == "server" {
				status = http.StatusInternalServerError
			}
		}
		f.Add(comment(wrap("%s writes the %s error.", sp.errorEnc[s], p.Svc.Name(s))))
		f.Func().Id(sp.errorEnc[s]).Params(jen.Id("v").Op("*").Qual(p.TypesPath, p.TypeName(s))).Op("*").Add(jen.Qual(servePath(p), "ResponseMessage")).BlockFunc(func(g *jen.Group) {
			newResponse(g, p, status)
			rules := p.proto.server()
			if rules.typeHeader {
				g.Id("m").Dot("Header").Dot("Set").Call(jen.Lit("X-Amzn-Errortype"), jen.Lit(p.Svc.Name(s)))
			}
			if qc := queryErrorCode(s); p.queryCompatible && qc != "" {
				// An awsQueryCompatible service's error names its awsQuery
				// code, and whose fault it is, as the awsQuery service did.
				fault := "Sender"
				if s.Traits.ErrorFault() == "server" {
					fault = "Receiver"
				}
				g.Id("m").Dot("Header").Dot("Set").Call(jen.Lit("X-Amzn-Query-Error"), jen.Lit(qc+";"+fault))
			}
			typ := ""
			switch {
			case rules.typeInBody && rules.typeID:
				typ = s.ID.String()
			case rules.typeInBody:
				typ = p.Svc.Name(s)
			}
			b := p.responseBindings[s]
			c.encodeBound(g, b, "v", typ)
			if b.payload == nil && len(b.body) == 0 && typ == "" {
				c.emptyBody(g)
			}
			g.Return(jen.Id("m"))
		})
	}
	f.Comment("encodeServiceError writes the model's error that err is or wraps, or a *NotImplementedError;")
	f.Comment("false for any other error.")
	f.Func().Id("encodeServiceError").Params(jen.Err().Error()).Params(jen.Op("*").Add(jen.Qual(servePath(p), "ResponseMessage")), jen.Bool()).BlockFunc(func(g *jen.Group) {
		for _, s := range errs {
			g.If(jen.Id("e").Op(",").Id("ok").Op(":=").Qual("errors", "AsType").Types(jen.Op("*").Qual(p.TypesPath, p.TypeName(s))).Call(jen.Err()), jen.Id("ok")).Block(
				jen.Return(jen.Id(sp.errorEnc[s]).Call(jen.Id("e")), jen.True()))
		}
		g.If(jen.Id("e").Op(",").Id("ok").Op(":=").Qual("errors", "AsType").Types(jen.Op("*").Id("NotImplementedError")).Call(jen.Err()), jen.Id("ok")).Block(
			jen.Return(jen.Qual(servePath(p), "NotImplemented").Call(jen.Id("e")), jen.True()))
		g.Return(jen.Nil(), jen.False())
	})

	// The reject functions, in a fixed order.
	var keys []*shapes.Shape
	for s := range sp.rejectFns {
		keys = append(keys, s)
	}
	slices.SortFunc(keys, func(a, b *shapes.Shape) int { return strings.Compare(sp.rejectFns[a], sp.rejectFns[b]) })
	for _, s := range keys {
		name := sp.rejectFns[s]
		f.Add(comment(wrap("%s answers an input that Validate refused.", name)))
		f.Func().Id(name).Params(jen.Err().Error(), jen.Id("rule").Add(jen.Qual(servePath(p), "RuleFunc"))).Op("*").Add(jen.Qual(servePath(p), "ResponseMessage")).BlockFunc(func(g *jen.Group) {
			g.Var().Id("fields").Index().Add(jen.Qual(servePath(p), "FieldViolation"))
			g.If(jen.Id("invalid").Op(",").Id("ok").Op(":=").Qual("errors", "AsType").Types(jen.Op("*").Qual(p.ImportPath, "InvalidParamsError")).Call(jen.Err()), jen.Id("ok")).Block(
				jen.For(jen.List(jen.Id("_"), jen.Id("v")).Op(":=").Range().Id("invalid").Dot("Violations")).Block(
					jen.Id("fields").Op("=").Append(jen.Id("fields"), jen.Qual(servePath(p), "DescribeViolation").Call(
						jen.Id("v").Dot("Path"), jen.Id("v").Dot("Constraint"), jen.Id("v").Dot("Message"), jen.Id("rule")))))
			g.Id("message").Op(":=").Add(jen.Qual(servePath(p), "ValidationMessage")).Call(jen.Id("fields"))
			switch {
			case s == nil:
				g.Return(jen.Qual(servePath(p), "ErrorMessage").Call(jen.Qual("net/http", "StatusBadRequest"), jen.Lit("ValidationException"), jen.Id("message")))
			default:
				g.Id("v").Op(":=").Op("&").Qual(p.TypesPath, p.TypeName(s)).Values()
				mm := messageMember(s)
				g.Add(setString(p, jen.Id("v"), mm, jen.Id("message")))
				if fl := s.Member("fieldList"); fl != nil && s.ID.String() == frameworkValidation && fl.Target.Kind == shapes.KindList {
					elem := fl.Target.ListMember().Target
					pm, msgm := elem.Member("path"), elem.Member("message")
					if pm != nil && msgm != nil {
						g.For(jen.List(jen.Id("_"), jen.Id("fv")).Op(":=").Range().Id("fields")).Block(
							jen.Id("x").Op(":=").Qual(p.TypesPath, p.TypeName(elem)).Values(),
							setString(p, jen.Id("x"), pm, jen.Id("fv").Dot("Path")),
							setString(p, jen.Id("x"), msgm, jen.Id("fv").Dot("Message")),
							jen.Id("v").Dot(p.FieldName(fl)).Op("=").Append(jen.Id("v").Dot(p.FieldName(fl)), jen.Id("x")),
						)
					}
				}
				g.Return(jen.Id(sp.errorEnc[s]).Call(jen.Id("v")))
			}
		})
	}
}

// setString assigns the string expression x to the string member m of
// the structure v (through a pointer where the field is one).
func setString(p *Plan, v *jen.Statement, m *shapes.Member, x *jen.Statement) jen.Code {
	if m == nil {
		return jen.Null()
	}
	field := v.Clone().Dot(p.FieldName(m))
	if p.IsPointer(m) {
		return jen.Block(jen.Id("s").Op(":=").Add(x), field.Op("=").Op("&").Id("s"))
	}
	return field.Op("=").Add(x)
}

// decodeQuery reads the query parameter key into member m of in.
func (c *codec) decodeQuery(g *jen.Group, m *shapes.Member, key string) {
	field := jen.Id("in").Dot(c.p.FieldName(m))
	ts := timestampFormat(m, "date-time")
	what := "query parameter " + key
	g.If(jen.Id("vs").Op(":=").Id("msg").Dot("Query").Index(jen.Lit(key)), jen.Len(jen.Id("vs")).Op(">").Lit(0)).BlockFunc(func(b *jen.Group) {
		if m.Target.Kind == shapes.KindList {
			lm := m.Target.ListMember()
			elemPtr := ElemIsPointer(lm, m.Target.Traits.Sparse())
			b.Id("list").Op(":=").Make(c.p.ValueType(m.Target), jen.Lit(0), jen.Len(jen.Id("vs")))
			b.For(jen.List(jen.Id("_"), jen.Id("item")).Op(":=").Range().Id("vs")).Block(
				c.parseText(lm.Target, jen.Id("item"), timestampFormat(lm, ts), false, elemPtr, what, func(x jen.Code) jen.Code {
					return jen.Id("list").Op("=").Append(jen.Id("list"), x)
				})...)
			b.Add(field.Clone().Op("=").Id("list"))
			return
		}
		addAll(b, c.parseText(m.Target, jen.Id("vs").Index(jen.Lit(0)), ts, false, c.p.IsPointer(m), what, func(x jen.Code) jen.Code {
			return field.Clone().Op("=").Add(x)
		}))
	})
}

// decodeQueryParams reads every query parameter into the map member m of
// in (@httpQueryParams).
func (c *codec) decodeQueryParams(g *jen.Group, m *shapes.Member) {
	field := jen.Id("in").Dot(c.p.FieldName(m))
	val := m.Target.MapValue()
	g.For(jen.List(jen.Id("k"), jen.Id("vs")).Op(":=").Range().Id("msg").Dot("Query")).BlockFunc(func(b *jen.Group) {
		b.If(jen.Len(jen.Id("vs")).Op("==").Lit(0)).Block(jen.Continue())
		b.If(field.Clone().Op("==").Nil()).Block(field.Clone().Op("=").Add(c.p.ValueType(m.Target)).Values())
		key := jen.Id("k")
		if kt := m.Target.MapKey().Target; kt.IsEnum() {
			key = jen.Qual(c.p.TypesPath, c.p.TypeName(kt)).Call(jen.Id("k"))
		}
		what := "query parameter"
		if val.Target.Kind == shapes.KindList {
			lm := val.Target.ListMember()
			elemPtr := ElemIsPointer(lm, val.Target.Traits.Sparse())
			b.Id("list").Op(":=").Make(c.p.ValueType(val.Target), jen.Lit(0), jen.Len(jen.Id("vs")))
			b.For(jen.List(jen.Id("_"), jen.Id("item")).Op(":=").Range().Id("vs")).Block(
				c.parseText(lm.Target, jen.Id("item"), "date-time", false, elemPtr, what, func(x jen.Code) jen.Code {
					return jen.Id("list").Op("=").Append(jen.Id("list"), x)
				})...)
			b.Add(field.Clone().Index(key).Op("=").Id("list"))
			return
		}
		addAll(b, c.parseText(val.Target, jen.Id("vs").Index(jen.Lit(0)), "date-time", false, ElemIsPointer(val, m.Target.Traits.Sparse()), what, func(x jen.Code) jen.Code {
			return field.Clone().Index(key.Clone()).Op("=").Add(x)
		}))
	})
}

// requestMediaType is the Content-Type an operation's request body must
// have: "" when the operation takes no body.
func requestMediaType(p *Plan, o *Operation) string {
	b := p.requestBindings[o]
	rules := p.proto.server()
	switch {
	case p.inputEvents(o) != nil:
		return eventStreamMediaType
	case b.payload != nil:
		return payloadMediaType(b.payload.Target)
	case len(b.body) > 0, o.Input != nil && !o.Input.IsUnit() && len(o.Input.Members) == 0:
		// An input without members may come as an empty document.
		return rules.mediaType
	case rules.route != "":
		// An RPC protocol's operation without input may still come with an
		// empty document, as its clients send one (awsJson1_x's {}).
		return rules.mediaType
	}
	return ""
}

// payloadMediaType is the media type a payload member's body has: "*"
// (any) for a blob without @mediaType, else its Content-Type.
func payloadMediaType(t *shapes.Shape) string {
	if _, ok := t.Traits.MediaType(); !ok && t.Kind == shapes.KindBlob {
		return "*"
	}
	return payloadContentType(t)
}

// responseMediaType is the Content-Type of an operation's response body,
// which the request's Accept must admit: "*" where the protocol does not
// look at Accept.
func responseMediaType(p *Plan, o *Operation) string {
	if p.proto.server().anyAccept {
		return "*"
	}
	if p.outputEvents(o) != nil {
		return eventStreamMediaType
	}
	out := o.Output
	if out != nil && out.IsUnit() {
		out = nil
	}
	if b := p.responseBindings[out]; b.payload != nil {
		return payloadMediaType(b.payload.Target)
	}
	return p.proto.server().mediaType
}

// ruleOf is the rule function of an operation's input, or nil.
func ruleOf(p *Plan, o *Operation) jen.Code {
	if o.Input == nil || o.Input.IsUnit() {
		return jen.Nil()
	}
	return jen.Id(p.server.ruleFn[o.Input])
}
