package gogen

import (
	"slices"

	"github.com/dave/jennifer/jen"
)

// clientFeatures are the parts of the client that only some models need.
// One place decides them, so that Options, Client, New and the request path
// agree, and a model without a feature links none of its runtime.
type clientFeatures struct {
	sigv4       bool // aws.auth#sigv4: credentials and signing
	rules       bool // smithy.rules#endpointRuleSet: endpoints resolved by rules
	region      bool // Options.Region (signing or the AWS::Region built-in)
	fips, dual  bool // the AWS::UseFIPS and AWS::UseDualStack built-ins
	compression bool // an operation with @requestCompression (gzip)
	hostPrefix  bool // an operation with @endpoint(hostPrefix)
	discovery   bool // aws.api#clientEndpointDiscovery (see discovery.go)
	opEndpoint  bool // an operation sent to a URL its input names (customize.go)
}

func (p *Plan) clientFeatures() clientFeatures {
	var f clientFeatures
	_, f.sigv4 = p.Svc.Shape.Traits.SigV4Name()
	f.region = f.sigv4
	if p.rules != nil {
		f.rules = true
		for _, prm := range p.rules.Params {
			switch prm.BuiltIn {
			case "AWS::Region":
				f.region = true
			case "AWS::UseFIPS":
				f.fips = true
			case "AWS::UseDualStack":
				f.dual = true
			}
		}
	}
	f.compression = slices.ContainsFunc(p.Operations, func(op *Operation) bool { return compressesGzip(op.Shape) })
	f.hostPrefix = slices.ContainsFunc(p.Operations, func(op *Operation) bool { return hostPrefix(op.Shape) != "" })
	f.discovery = p.discovery != nil
	f.opEndpoint = p.hasOperationEndpoints()
	return f
}

// emitClientCore writes the client's configuration and state: Options, the
// names the package gives to runtime types (aliases, so that with
// -runtime import they are the same types in every service), Client and
// New, and invoke, which joins an operation's request to the runtime's
// request path (runtime/call) with the endpoint and signing of the call.
func emitClientCore(f *jen.File, p *Plan) {
	feat := p.clientFeatures()
	callPkg := p.runtimePkg("call")
	validation := p.runtimePkg("validation")
	credentials := p.runtimePkg("credentials")

	// Options.
	f.Comment("Options configures a Client. A function passed to an operation can change")
	f.Comment("a copy of them for that call only.")
	f.Type().Id("Options").StructFunc(func(g *jen.Group) {
		if feat.region {
			g.Comment(`Region is the AWS Region to send requests to, such as "us-west-2".`)
			g.Id("Region").String()
			g.Line()
		}
		g.Comment("BaseEndpoint, when set, is the URL requests are sent to (for example")
		if feat.rules {
			g.Comment(`"http://localhost:8080" for a local test server). When empty, the`)
			g.Comment("endpoint comes from the service's endpoint rules.")
		} else {
			g.Comment(`"http://localhost:8080" for a local test server). The service model has`)
			g.Comment("no endpoint rules, so it must be set.")
		}
		g.Id("BaseEndpoint").String()
		g.Line()
		if feat.fips {
			g.Comment("UseFIPS selects a FIPS endpoint where the partition has one.")
			g.Id("UseFIPS").Bool()
			g.Line()
		}
		if feat.dual {
			g.Comment("UseDualStack selects an IPv4-and-IPv6 endpoint where the partition has one.")
			g.Id("UseDualStack").Bool()
			g.Line()
		}
		if feat.sigv4 {
			g.Comment("Credentials signs requests. When nil, the client reads AWS_ACCESS_KEY_ID,")
			g.Comment("AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, then the shared credentials")
			g.Comment("file (AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials, profile")
			g.Comment(`AWS_PROFILE or "default").`)
			g.Id("Credentials").Id("CredentialsProvider")
			g.Line()
		}
		emitAuthOptions(g, &p.auth)
		g.Comment("HTTPClient sends requests. When nil, a shared *http.Client with dial,")
		g.Comment("TLS handshake and idle timeouts is used; deadlines come from the context.")
		g.Id("HTTPClient").Id("HTTPClient")
		g.Line()
		g.Comment("RetryMaxAttempts is the most attempts a call makes, the first included.")
		g.Comment("0 means the default, 3; 1 turns retries off.")
		g.Id("RetryMaxAttempts").Int()
		g.Line()
		g.Comment("RetryMaxBackoff caps the delay between attempts. 0 means 20 seconds.")
		g.Id("RetryMaxBackoff").Qual("time", "Duration")
		g.Line()
		g.Comment("Validation says what is checked before a request is sent.")
		g.Id("Validation").Id("ValidationMode")
		g.Line()
		if feat.compression {
			g.Comment("DisableRequestCompression sends bodies uncompressed even to operations")
			g.Comment("that accept gzip (@requestCompression).")
			g.Id("DisableRequestCompression").Bool()
			g.Line()
			g.Comment("RequestMinCompressSizeBytes is the smallest body that is compressed")
			g.Comment("for such operations. 0 means 10240.")
			g.Id("RequestMinCompressSizeBytes").Int()
			g.Line()
		}
		if feat.hostPrefix {
			g.Comment("DisableHostPrefix sends requests to the endpoint's host as it is, without")
			g.Comment("the prefix some operations put in front of it (@endpoint), as a proxy or")
			g.Comment("a local server may need. No prefix goes in front of an IP address.")
			g.Id("DisableHostPrefix").Bool()
			g.Line()
		}
		if feat.discovery {
			describe := p.discovery.describe.Method
			g.Comment("EndpointDiscovery says which calls are sent to an endpoint that")
			g.Comment(describe + " returns (endpoint discovery): EndpointDiscoveryAuto, the")
			g.Comment("default, those of operations that require it; EndpointDiscoveryEnabled")
			g.Comment("those of every operation that can use it (falling back to the regular")
			g.Comment("endpoint where discovery fails and the operation does not require it);")
			g.Comment("EndpointDiscoveryDisabled none. The client keeps each address for the")
			g.Comment("period the service gives. A BaseEndpoint turns discovery off.")
			g.Id("EndpointDiscovery").Id("EndpointDiscoveryMode")
			g.Line()
		}
		g.Comment("Logger receives one debug record per attempt (operation, attempt,")
		g.Comment("status, request ID, duration). Nil means no logging. Credentials,")
		g.Comment("signatures and member values are never logged.")
		g.Id("Logger").Op("*").Qual("log/slog", "Logger")
	})
	f.Line()

	// The runtime's types under this package's names.
	alias := func(doc, name, pkg, target string) {
		f.Add(comment(wrap("%s", doc)))
		f.Type().Id(name).Op("=").Qual(pkg, target)
		f.Line()
	}
	alias("ValidationMode says how much of an input is checked before it is sent.", "ValidationMode", validation, "Mode")
	f.Const().Defs(
		jen.Comment("ValidateRequired, the default, checks that required members are set,"),
		jen.Comment("at every depth where a value is present (in the input and in the"),
		jen.Comment("structures, list elements, map values and unions it holds), that"),
		jen.Comment("members bound to the URI path are not empty, and that documents are"),
		jen.Comment("JSON."),
		jen.Id("ValidateRequired").Op("=").Qual(validation, "Required"),
		jen.Comment("ValidateAll checks every constraint of the model, as Validate does."),
		jen.Id("ValidateAll").Op("=").Qual(validation, "All"),
		jen.Comment("ValidateNone sends inputs as they are and lets the service judge them."),
		jen.Id("ValidateNone").Op("=").Qual(validation, "None"),
	)
	f.Line()
	if feat.discovery {
		disc := p.runtimePkg("discovery")
		alias("EndpointDiscoveryMode says which calls are sent to a discovered endpoint.", "EndpointDiscoveryMode", disc, "DiscoveryMode")
		f.Const().Defs(
			jen.Comment("EndpointDiscoveryAuto, the default, discovers endpoints for the operations"),
			jen.Comment("that require it."),
			jen.Id("EndpointDiscoveryAuto").Op("=").Qual(disc, "DiscoveryAuto"),
			jen.Comment("EndpointDiscoveryEnabled discovers endpoints for every operation that can"),
			jen.Comment("use one."),
			jen.Id("EndpointDiscoveryEnabled").Op("=").Qual(disc, "DiscoveryEnabled"),
			jen.Comment("EndpointDiscoveryDisabled sends every call to the regular endpoint."),
			jen.Id("EndpointDiscoveryDisabled").Op("=").Qual(disc, "DiscoveryDisabled"),
		)
		f.Line()
	}
	alias("InvalidParamsError reports every constraint of the service model that an input breaks. Validate methods return it; errors.As finds it.", "InvalidParamsError", validation, "InvalidParamsError")
	alias("Violation is one broken constraint: its path from the input, the constraint's name and a message.", "Violation", validation, "Violation")
	alias("HTTPClient sends HTTP requests; *http.Client satisfies it.", "HTTPClient", callPkg, "HTTPClient")
	alias("OperationError is what every operation returns on failure: it names the operation, and Unwrap gives the cause (a typed error from package types, *GenericAPIError, *InvalidParamsError, or a transport or context error).", "OperationError", callPkg, "OperationError")
	alias("GenericAPIError is an error response whose code this package does not know.", "GenericAPIError", callPkg, "GenericAPIError")
	if feat.sigv4 {
		alias("Credentials are AWS security credentials.", "Credentials", credentials, "Credentials")
		alias("CredentialsProvider supplies the credentials requests are signed with. It is called once per call, so a provider that fetches them should cache.", "CredentialsProvider", credentials, "Provider")
		f.Comment("StaticCredentials returns a provider of fixed credentials.")
		f.Func().Id("StaticCredentials").Params(jen.List(jen.Id("accessKeyID"), jen.Id("secretAccessKey"), jen.Id("sessionToken")).String()).Id("CredentialsProvider").Block(
			jen.Return(jen.Qual(credentials, "Static").Call(jen.Id("accessKeyID"), jen.Id("secretAccessKey"), jen.Id("sessionToken"))))
		f.Line()
		f.Comment("AnonymousCredentials returns a provider whose requests are sent unsigned.")
		f.Func().Id("AnonymousCredentials").Params().Id("CredentialsProvider").Block(jen.Return(jen.Qual(credentials, "Anonymous").Call()))
		f.Line()
	}
	emitAuthAliases(f, p)

	// Client and New.
	f.Comment("Client calls the service. It is safe for concurrent use; create one and")
	f.Comment("share it.")
	f.Type().Id("Client").StructFunc(func(g *jen.Group) {
		g.Id("options").Id("Options")
		g.Id("core").Op("*").Qual(callPkg, "Client")
		g.Id("endpoints").Qual(callPkg, "EndpointCache").Types(jen.Id("endpointKey"))
		if feat.sigv4 {
			g.Id("signer").Op("*").Qual(p.runtimePkg("sigv4"), "Signer")
			g.Id("envCreds").Op("*").Qual(credentials, "Environment")
		}
		if feat.discovery {
			g.Id("discovered").Qual(p.runtimePkg("discovery"), "DiscoveryCache")
		}
	})
	f.Line()
	f.Comment("New returns a client with the given options.")
	f.Func().Id("New").Params(jen.Id("opts").Id("Options")).Op("*").Id("Client").Block(
		jen.Return(jen.Op("&").Id("Client").Values(jen.DictFunc(func(d jen.Dict) {
			d[jen.Id("options")] = jen.Id("opts")
			d[jen.Id("core")] = jen.Qual(callPkg, "NewClient").Call(jen.Op("&").Id("service"))
			if feat.sigv4 {
				d[jen.Id("signer")] = jen.Qual(p.runtimePkg("sigv4"), "NewSigner").Call()
				d[jen.Id("envCreds")] = jen.Op("&").Qual(credentials, "Environment").Values()
			}
		}))),
	)
	f.Line()
	f.Comment("Options returns a copy of the client's options.")
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id("Options").Params().Id("Options").Block(jen.Return(jen.Id("c").Dot("options")))
	f.Line()
	f.Add(comment(wrap("callOptions applies per-call option functions to a copy of the client's options.")))
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id("callOptions").Params(jen.Id("optFns").Index().Func().Params(jen.Op("*").Id("Options"))).Id("Options").Block(
		jen.Id("o").Op(":=").Id("c").Dot("options"),
		jen.For(jen.List(jen.Id("_"), jen.Id("fn")).Op(":=").Range().Id("optFns")).Block(jen.Id("fn").Call(jen.Op("&").Id("o"))),
		jen.Return(jen.Id("o")),
	)
	f.Line()

	f.Comment("service is what the request path needs to know about the service.")
	svc := jen.Dict{
		jen.Id("Name"):           jen.Id("serviceName"),
		jen.Id("UserAgent"):      jen.Id("userAgent"),
		jen.Id("DecodeError"):    jen.Id("decodeErrorResponse"),
		jen.Id("RetryableError"): jen.Id("retryableErrorCode"),
	}
	if sp := p.proto.smithyProtocol(); sp != "" {
		// Responses without it are handled by their status alone.
		svc[jen.Id("SmithyProtocol")] = jen.Lit(sp)
	}
	f.Var().Id("service").Op("=").Qual(callPkg, "Service").Values(svc)
	f.Line()
	f.Add(comment(wrap("retryableErrorCode reports whether an error code names an error shape marked @retryable.")))
	f.Func().Id("retryableErrorCode").Params(jen.Id("code").String()).Bool().Block(
		jen.List(jen.Id("retryable"), jen.Id("_")).Op(":=").Id("retryableErrorShape").Call(jen.Id("code")),
		jen.Return(jen.Id("retryable")),
	)
	f.Line()
	f.Comment("newIdempotencyToken fills unset idempotency-token members; tests replace it.")
	f.Var().Id("newIdempotencyToken").Op("=").Qual(callPkg, "NewUUID")
	f.Line()

	emitSend(f, p, feat)
	emitInvoke(f, p, feat)
	if feat.discovery {
		emitDiscovery(f, p)
	}
	if p.auth.choose {
		emitAuthMethod(f, p)
	}
	emitEndpointMethod(f, p, feat)
}

// emitSend writes send, the body of every operation method. It is generic
// over the input and output pointers, so that the compiler builds it once
// for all operations (pointer types share one instantiation), rather than
// once per operation.
func emitSend(f *jen.File, p *Plan, feat clientFeatures) {
	callPkg := p.runtimePkg("call")
	params := []jen.Code{
		jen.Id("c").Op("*").Id("Client"),
		jen.Id("ctx").Qual("context", "Context"),
		jen.Id("in").Id("In"),
		jen.Id("out").Id("Out"),
		jen.Id("optFns").Index().Func().Params(jen.Op("*").Id("Options")),
		jen.Id("op").Op("*").Qual(callPkg, "Operation"),
		jen.Id("check").Func().Params(jen.Id("In"), jen.Qual(p.runtimePkg("validation"), "Mode")).Error(),
		jen.Id("serialize").Func().Params(jen.Id("In")).Params(jen.Op("*").Qual(callPkg, "Request"), jen.Error()),
		jen.Id("deserialize").Func().Params(jen.Op("*").Qual(callPkg, "Response"), jen.Id("Out")).Error(),
	}
	invokeArgs := []jen.Code{jen.Id("ctx"), jen.Op("&").Id("opts"), jen.Id("op"), jen.Id("r")}
	if feat.rules {
		params = append(params, jen.Id("extra").Qual(p.runtimePkg("endpointrules"), "Params"))
		invokeArgs = append(invokeArgs, jen.Id("extra"))
	}
	if feat.discovery {
		params = append(params, jen.Id("disc").Id("endpointDiscovery"))
		invokeArgs = append(invokeArgs, jen.Id("disc"))
	}
	if feat.opEndpoint {
		params = append(params, jen.Id("target").String())
		invokeArgs = append(invokeArgs, jen.Id("target"))
	}
	invokeArgs = append(invokeArgs, jen.Func().Params(jen.Id("resp").Op("*").Qual(callPkg, "Response")).Error().Block(
		jen.Return(jen.Id("deserialize").Call(jen.Id("resp"), jen.Id("out")))))
	doc := "send calls an operation: the call's options, the input's check (by Options.Validation), its request, the call, and the decoding of the response into out. Every operation method ends with it; it is generic over the input and output pointers, so that it is compiled once for all of them."
	if feat.opEndpoint {
		doc += " target, when not empty, is the URL the operation's input names as its endpoint (Machine Learning's Predict)."
	}
	if feat.discovery {
		doc += " A call whose discovered endpoint the service says is no longer valid is sent once more, to a fresh one, unless its body is a stream."
		f.Add(comment(wrap("%s", doc)))
		f.Func().Id("send").Types(jen.List(jen.Id("In"), jen.Id("Out")).Any()).Params(params...).Params(jen.Id("Out"), jen.Error()).BlockFunc(func(g *jen.Group) {
			addAll(g, sendHead())
			g.For(jen.Id("again").Op(":=").True(), jen.Empty(), jen.Id("again").Op("=").False()).Block(
				jen.List(jen.Id("r"), jen.Err()).Op(":=").Id("serialize").Call(jen.Id("in")),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("zero"), jen.Id("c").Dot("core").Dot("Fail").Call(jen.Id("op"), jen.Err()))),
				jen.List(jen.Id("stale"), jen.Err()).Op(":=").Id("c").Dot("invoke").Call(invokeArgs...),
				jen.If(jen.Err().Op("==").Nil()).Block(jen.Return(jen.Id("out"), jen.Nil())),
				jen.If(jen.Op("!").Id("stale").Op("||").Op("!").Id("again").Op("||").Id("r").Dot("Stream").Op("!=").Nil().Op("||").Id("r").Dot("Events").Op("!=").Nil()).Block(
					jen.Return(jen.Id("zero"), jen.Err())),
			)
		})
		f.Line()
		return
	}
	f.Add(comment(wrap("%s", doc)))
	f.Func().Id("send").Types(jen.List(jen.Id("In"), jen.Id("Out")).Any()).Params(params...).Params(jen.Id("Out"), jen.Error()).Block(
		append(sendHead(),
			jen.List(jen.Id("r"), jen.Err()).Op(":=").Id("serialize").Call(jen.Id("in")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("zero"), jen.Id("c").Dot("core").Dot("Fail").Call(jen.Id("op"), jen.Err()))),
			jen.If(jen.Err().Op(":=").Id("c").Dot("invoke").Call(invokeArgs...), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("zero"), jen.Err())),
			jen.Return(jen.Id("out"), jen.Nil()),
		)...)
	f.Line()
}

// sendHead is how send begins: the call's options, and the input's check.
func sendHead() []jen.Code {
	return []jen.Code{
		jen.Id("opts").Op(":=").Id("c").Dot("callOptions").Call(jen.Id("optFns")),
		jen.Var().Id("zero").Id("Out"),
		jen.If(jen.Err().Op(":=").Id("check").Call(jen.Id("in"), jen.Id("opts").Dot("Validation")), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Id("zero"), jen.Id("c").Dot("core").Dot("Fail").Call(jen.Id("op"), jen.Err()))),
	}
}

// emitInvoke writes Client.invoke: the call's endpoint and signing from
// its options, then the runtime's request path.
func emitInvoke(f *jen.File, p *Plan, feat clientFeatures) {
	callPkg := p.runtimePkg("call")
	params := []jen.Code{
		jen.Id("ctx").Qual("context", "Context"),
		jen.Id("opts").Op("*").Id("Options"),
		jen.Id("op").Op("*").Qual(callPkg, "Operation"),
		jen.Id("r").Op("*").Qual(callPkg, "Request"),
	}
	extra := jen.Nil()
	if feat.rules {
		params = append(params, jen.Id("extra").Qual(p.runtimePkg("endpointrules"), "Params"))
		extra = jen.Id("extra")
	}
	if feat.discovery {
		params = append(params, jen.Id("disc").Id("endpointDiscovery"))
	}
	if feat.opEndpoint {
		params = append(params, jen.Id("target").String())
	}
	params = append(params, jen.Id("decode").Func().Params(jen.Op("*").Qual(callPkg, "Response")).Error())
	// fail returns an error of the call: with discovery, invoke also says
	// whether the endpoint was a discovered one that is no longer valid.
	fail := func(err jen.Code) jen.Code { return jen.Return(err) }
	results := jen.Error()
	if feat.discovery {
		fail = func(err jen.Code) jen.Code { return jen.Return(jen.False(), err) }
		results = jen.Params(jen.Id("stale").Bool(), jen.Err().Error())
		f.Comment("invoke sends an operation's request with the call's options, to a")
		f.Comment("discovered endpoint where disc and the options say so, and decodes a")
		f.Comment("successful response with decode. stale says that the call went to a")
		f.Comment("discovered endpoint that the service says is no longer valid, which is")
		f.Comment("now forgotten.")
	} else {
		f.Comment("invoke sends an operation's request with the call's options and decodes")
		f.Comment("a successful response with decode.")
	}
	if feat.opEndpoint {
		f.Comment("")
		f.Comment("target, when not empty, is the URL the operation's input names as its")
		f.Comment("endpoint; the resolved endpoint still gives the headers and the signing.")
	}
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id("invoke").Params(params...).Add(results).BlockFunc(func(g *jen.Group) {
		if feat.rules {
			g.List(jen.Id("ep"), jen.Err()).Op(":=").Id("c").Dot("endpoint").Call(jen.Id("opts"), extra)
		} else {
			g.List(jen.Id("ep"), jen.Err()).Op(":=").Id("c").Dot("endpoint").Call(jen.Id("opts"))
		}
		g.If(jen.Err().Op("!=").Nil()).Block(fail(jen.Id("c").Dot("core").Dot("Fail").Call(jen.Id("op"), jen.Err())))
		if feat.discovery {
			emitDiscoveredEndpoint(g, p)
		}
		if feat.opEndpoint {
			emitOperationEndpoint(g, p, fail)
		}
		g.Id("cfg").Op(":=").Qual(callPkg, "Config").Values(jen.DictFunc(func(d jen.Dict) {
			d[jen.Id("Endpoint")] = jen.Id("ep")
			d[jen.Id("HTTPClient")] = jen.Id("opts").Dot("HTTPClient")
			d[jen.Id("RetryMaxAttempts")] = jen.Id("opts").Dot("RetryMaxAttempts")
			d[jen.Id("RetryMaxBackoff")] = jen.Id("opts").Dot("RetryMaxBackoff")
			d[jen.Id("Logger")] = jen.Id("opts").Dot("Logger")
			if feat.compression {
				d[jen.Id("DisableRequestCompression")] = jen.Id("opts").Dot("DisableRequestCompression")
				d[jen.Id("RequestMinCompressSizeBytes")] = jen.Id("opts").Dot("RequestMinCompressSizeBytes")
			}
			if feat.hostPrefix {
				d[jen.Id("DisableHostPrefix")] = jen.Id("opts").Dot("DisableHostPrefix")
			}
		}))
		switch {
		case p.auth.choose:
			g.If(jen.Op("!").Id("op").Dot("Anonymous")).Block(
				jen.List(jen.Id("auth"), jen.Err()).Op(":=").Id("c").Dot("auth").Call(jen.Id("opts"), jen.Id("op")),
				jen.If(jen.Err().Op("!=").Nil()).Block(fail(jen.Id("c").Dot("core").Dot("Fail").Call(jen.Id("op"), jen.Err()))),
				jen.Id("cfg").Dot("Auth").Op("=").Id("auth"),
			)
		case feat.sigv4:
			g.Id("provider").Op(":=").Id("opts").Dot("Credentials")
			g.If(jen.Id("provider").Op("==").Nil()).Block(jen.Id("provider").Op("=").Id("c").Dot("envCreds"))
			g.Id("cfg").Dot("Auth").Op("=").Add(sigv4Auth(p))
		}
		invoke := jen.Id("c").Dot("core").Dot("Invoke").Call(jen.Id("ctx"), jen.Op("&").Id("cfg"), jen.Id("op"), jen.Id("r"), jen.Id("decode"))
		if !feat.discovery {
			g.Return(invoke)
			return
		}
		g.Err().Op("=").Add(invoke)
		g.If(jen.Id("discovered").Op("&&").Qual(p.runtimePkg("discovery"), "StaleEndpoint").Call(jen.Err(), jen.Lit(p.discovery.errorCode))).Block(
			jen.Id("c").Dot("discovered").Dot("Forget").Call(jen.Id("ep")),
			jen.Return(jen.True(), jen.Err()),
		)
		g.Return(jen.False(), jen.Err())
	})
	f.Line()
}

// emitEndpointMethod writes endpointKey and Client.endpoint, which
// resolves a call's endpoint (by the rules, or Options.BaseEndpoint for a
// model without them) once per set of options that pick it.
func emitEndpointMethod(f *jen.File, p *Plan, feat clientFeatures) {
	callPkg := p.runtimePkg("call")
	f.Comment("endpointKey is the options that pick the endpoint.")
	f.Type().Id("endpointKey").StructFunc(func(g *jen.Group) {
		if feat.region {
			g.Id("region").String()
		}
		g.Id("base").String()
		if feat.fips {
			g.Id("fips").Bool()
		}
		if feat.dual {
			g.Id("dualStack").Bool()
		}
	})
	f.Line()
	key := jen.DictFunc(func(d jen.Dict) {
		if feat.region {
			d[jen.Id("region")] = jen.Id("opts").Dot("Region")
		}
		d[jen.Id("base")] = jen.Id("opts").Dot("BaseEndpoint")
		if feat.fips {
			d[jen.Id("fips")] = jen.Id("opts").Dot("UseFIPS")
		}
		if feat.dual {
			d[jen.Id("dualStack")] = jen.Id("opts").Dot("UseDualStack")
		}
	})
	resolved := jen.Op("*").Qual(callPkg, "Endpoint")
	if !feat.rules {
		f.Add(comment(wrap("endpoint returns Options.BaseEndpoint, parsed once: the model has no endpoint rules to resolve one from.")))
		f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id("endpoint").Params(jen.Id("opts").Op("*").Id("Options")).Params(resolved, jen.Error()).Block(
			jen.Id("key").Op(":=").Id("endpointKey").Values(key),
			jen.If(jen.List(jen.Id("ep"), jen.Id("ok")).Op(":=").Id("c").Dot("endpoints").Dot("Get").Call(jen.Id("key")), jen.Id("ok")).Block(jen.Return(jen.Id("ep"), jen.Nil())),
			jen.If(jen.Id("opts").Dot("BaseEndpoint").Op("==").Lit("")).Block(
				jen.Return(jen.Nil(), jen.Qual("errors", "New").Call(jen.Lit("the service model has no endpoint rules: set Options.BaseEndpoint")))),
			jen.List(jen.Id("ep"), jen.Err()).Op(":=").Qual(callPkg, "ParseEndpoint").Call(jen.Id("opts").Dot("BaseEndpoint")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Id("c").Dot("endpoints").Dot("Put").Call(jen.Id("key"), jen.Id("ep")),
			jen.Return(jen.Id("ep"), jen.Nil()),
		)
		f.Line()
		return
	}
	rules := p.runtimePkg("endpointrules")
	f.Comment("endpoint resolves the endpoint for opts and an operation's own parameters,")
	f.Comment("reusing the last result while the options that pick it stay the same and the")
	f.Comment("operation adds none. The result is shared: callers must not change it.")
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id("endpoint").Params(jen.Id("opts").Op("*").Id("Options"), jen.Id("extra").Qual(rules, "Params")).Params(resolved, jen.Error()).Block(
		jen.Id("key").Op(":=").Id("endpointKey").Values(key),
		jen.If(jen.Len(jen.Id("extra")).Op("==").Lit(0)).Block(
			jen.If(jen.List(jen.Id("ep"), jen.Id("ok")).Op(":=").Id("c").Dot("endpoints").Dot("Get").Call(jen.Id("key")), jen.Id("ok")).Block(jen.Return(jen.Id("ep"), jen.Nil())),
		),
		jen.List(jen.Id("resolved"), jen.Err()).Op(":=").Id("resolveEndpoint").Call(jen.Id("opts"), jen.Id("extra")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit("resolving the endpoint: %w"), jen.Err()))),
		jen.List(jen.Id("ep"), jen.Err()).Op(":=").Qual(callPkg, "ParseEndpoint").Call(jen.Id("resolved").Dot("URL")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Id("ep").Dot("Headers").Op("=").Id("resolved").Dot("Headers"),
		jen.For(jen.List(jen.Id("_"), jen.Id("scheme")).Op(":=").Range().Id("resolved").Dot("AuthSchemes").Call()).Block(
			jen.If(jen.Id("scheme").Dot("Name").Op("==").Lit("sigv4")).Block(
				jen.Id("ep").Dot("SigV4").Op("=").Op("&").Qual(callPkg, "SigV4Scheme").Values(jen.Dict{
					jen.Id("SigningName"):           jen.Id("scheme").Dot("SigningName"),
					jen.Id("SigningRegion"):         jen.Id("scheme").Dot("SigningRegion"),
					jen.Id("DisableDoubleEncoding"): jen.Id("scheme").Dot("DisableDoubleEncoding"),
				}),
				jen.Break(),
			),
		),
		jen.If(jen.Len(jen.Id("extra")).Op("==").Lit(0)).Block(jen.Id("c").Dot("endpoints").Dot("Put").Call(jen.Id("key"), jen.Id("ep"))),
		jen.Return(jen.Id("ep"), jen.Nil()),
	)
	f.Line()
}

// HasOption reports whether the generated Options has the field name,
// for code that writes Options literals (tests, other generators).
func (p *Plan) HasOption(name string) bool {
	feat := p.clientFeatures()
	switch name {
	case "Region":
		return feat.region
	case "UseFIPS":
		return feat.fips
	case "UseDualStack":
		return feat.dual
	case "Credentials":
		return feat.sigv4
	case "BearerToken":
		return p.auth.bearer
	case "APIKey":
		return p.auth.apiKey != nil
	case "BasicAuth":
		return p.auth.basic
	case "DisableRequestCompression", "RequestMinCompressSizeBytes":
		return feat.compression
	case "DisableHostPrefix":
		return feat.hostPrefix
	case "EndpointDiscovery":
		return feat.discovery
	case "BaseEndpoint", "HTTPClient", "RetryMaxAttempts", "RetryMaxBackoff", "Validation", "Logger":
		return true
	}
	return false
}
