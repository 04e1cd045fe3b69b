package gogen

import (
	"fmt"
	"slices"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/shapes"
)

// authOptions are the auth schemes the generated client can use, each with
// the Options field that configures it. The client uses the first of an
// operation's schemes that the call's options configure; Credentials
// always counts as configured, as it falls back to the environment.
var authOptions = map[string]string{
	shapes.TraitSigV4:          "Credentials",
	shapes.TraitHTTPBearerAuth: "BearerToken",
	shapes.TraitHTTPAPIKeyAuth: "APIKey",
	shapes.TraitHTTPBasicAuth:  "BasicAuth",
}

// authPlan is how the client chooses the auth of a call, decided once from
// the service's and operations' auth schemes (shapes.Service.OperationAuth).
type authPlan struct {
	// schemes are the service's schemes, as trait IDs, most preferred first.
	schemes []string
	// bearer, apiKey and basic: the service carries the trait, so Options
	// has its field. apiKey holds the trait's value.
	bearer, basic bool
	apiKey        *shapes.APIKeyAuth
	// choose: Client.auth picks each call's scheme. Without it the client
	// signs with SigV4 where the service has it, as every AWS model asks.
	choose bool
	// own are the operations whose schemes differ from the service's.
	own map[*shapes.Shape][]string
}

// planAuth decides the authPlan and warns of schemes the client cannot use.
func (p *Plan) planAuth() {
	sv := p.Svc
	a := &p.auth
	a.schemes = idStrings(sv.AuthSchemes)
	a.own = map[*shapes.Shape][]string{}
	t := sv.Shape.Traits
	a.bearer, a.basic = t.Has(shapes.TraitHTTPBearerAuth), t.Has(shapes.TraitHTTPBasicAuth)
	if k, ok := t.APIKeyAuth(); ok {
		a.apiKey = &k
	}
	onlySigV4 := func(l []string) bool { return len(l) == 0 || slices.Equal(l, []string{shapes.TraitSigV4}) }
	a.choose = !onlySigV4(a.schemes)
	warned := map[string]bool{}
	for _, op := range sv.Operations {
		l := idStrings(sv.OperationAuth(op))
		if len(l) > 0 && !slices.Equal(l, a.schemes) {
			a.own[op] = l
			a.choose = a.choose || !onlySigV4(l)
		}
		for _, id := range l {
			if _, ok := authOptions[id]; !ok && !warned[id] {
				warned[id] = true
				p.Warnings = append(p.Warnings, &shapes.Error{File: sv.Shape.File, Shape: sv.Shape.ID.String(),
					Msg: fmt.Sprintf("auth scheme %s is not supported: a call whose operation has no other scheme fails with an error", id)})
			}
		}
	}
}

// authOptionNames names the Options fields of the client's auth schemes,
// in usedSchemes' order; nil where the client only signs with SigV4.
func (p *Plan) authOptionNames() []string {
	if !p.auth.choose {
		return nil
	}
	var out []string
	for _, id := range p.usedSchemes() {
		out = append(out, "Options."+authOptions[id])
	}
	return out
}

// usedSchemes are the schemes the client supports that some operation
// uses: the service's first, then those of operations' own lists, in
// operation order.
func (p *Plan) usedSchemes() []string {
	var out []string
	add := func(ids []string) {
		for _, id := range ids {
			if _, ok := authOptions[id]; ok && !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	add(p.auth.schemes)
	for _, op := range p.Svc.Operations {
		add(p.auth.own[op])
	}
	return out
}

func idStrings(ids []shapes.ID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id.String()
	}
	return out
}

// isAnonymous reports whether an operation is sent without authentication:
// its @auth list is empty, or it is @optionalAuth. An @optionalAuth
// operation could be authenticated when the options allow; it is sent
// without, as aws-sdk-go-v2 does (every such AWS operation also has an
// empty @auth).
func (p *Plan) isAnonymous(op *shapes.Shape) bool {
	if len(p.Svc.AuthTraits) == 0 {
		return false // nothing to leave out
	}
	return op.Traits.Has(shapes.TraitOptionalAuth) || len(p.Svc.OperationAuth(op)) == 0
}

// emitAuthOptions writes the Options fields of the HTTP auth schemes.
func emitAuthOptions(g *jen.Group, a *authPlan) {
	if a.bearer {
		g.Comment(`BearerToken supplies the token sent as "Authorization: Bearer <token>"`)
		g.Comment("(@httpBearerAuth), once per call. When nil, operations that need it fail.")
		g.Id("BearerToken").Id("TokenProvider")
		g.Line()
	}
	if k := a.apiKey; k != nil {
		where := fmt.Sprintf("in the %s header", k.Name)
		switch {
		case k.In == "query":
			where = fmt.Sprintf("as the query parameter %s", k.Name)
		case k.Scheme != "":
			where = fmt.Sprintf(`in the %s header as "%s <key>"`, k.Name, k.Scheme)
		}
		g.Add(comment(wrap("APIKey supplies the API key sent %s (@httpApiKeyAuth), once per call. When nil, operations that need it fail.", where)))
		g.Id("APIKey").Id("TokenProvider")
		g.Line()
	}
	if a.basic {
		g.Comment("BasicAuth supplies the user name and password of HTTP Basic authentication")
		g.Comment("(@httpBasicAuth), once per call. When nil, operations that need it fail.")
		g.Id("BasicAuth").Id("BasicAuthProvider")
		g.Line()
	}
}

// emitAuthAliases writes the runtime's provider types under the package's
// names.
func emitAuthAliases(f *jen.File, p *Plan) {
	a := &p.auth
	if !a.bearer && a.apiKey == nil && !a.basic {
		return
	}
	pkg := p.runtimePkg("httpauth")
	alias := func(doc, name, target string) {
		f.Add(comment(wrap("%s", doc)))
		f.Type().Id(name).Op("=").Qual(pkg, target)
		f.Line()
	}
	if a.bearer || a.apiKey != nil {
		alias("TokenProvider supplies a bearer token or an API key. It is called once per call, so a provider that fetches one should cache it.", "TokenProvider", "TokenProvider")
		alias("StaticToken is a TokenProvider of a fixed token or key.", "StaticToken", "StaticToken")
		alias("TokenFunc is a function used as a TokenProvider.", "TokenFunc", "TokenFunc")
	}
	if a.basic {
		alias("BasicAuthProvider supplies the user name and password of HTTP Basic authentication.", "BasicAuthProvider", "BasicAuthProvider")
		alias("StaticBasicAuth is a BasicAuthProvider of a fixed user name and password.", "StaticBasicAuth", "StaticBasicAuth")
	}
}

// sigv4Auth is the SigV4 auth of a call (opts, c and provider in scope).
func sigv4Auth(p *Plan) *jen.Statement {
	return jen.Op("&").Qual(p.runtimePkg("sigv4auth"), "Scheme").Values(jen.Dict{
		jen.Id("Credentials"): jen.Id("provider"),
		jen.Id("Name"):        jen.Id("signingName"),
		jen.Id("Region"):      jen.Id("opts").Dot("Region"),
		jen.Id("Keys"):        jen.Id("c").Dot("signer"),
	})
}

// emitAuthMethod writes authSchemes and Client.auth, which picks a call's
// auth: the first of the operation's schemes that the options configure,
// or else SigV4 with the environment's credentials when it is one of them.
func emitAuthMethod(f *jen.File, p *Plan) {
	a := &p.auth
	callPkg := p.runtimePkg("call")
	httpauth := p.runtimePkg("httpauth")
	f.Comment("authSchemes are the service's auth schemes, most preferred first.")
	f.Var().Id("authSchemes").Op("=").Index().String().ValuesFunc(func(g *jen.Group) {
		for _, id := range a.schemes {
			g.Lit(id)
		}
	})
	f.Line()
	doc := "auth returns the auth of a call of op: that of the first of the operation's schemes (Operation.AuthSchemes, else authSchemes) that opts configure"
	if p.clientFeatures().sigv4 {
		doc += ", or else SigV4 with the environment's credentials when it is one of them"
	}
	f.Add(comment(wrap("%s.", doc)))
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id("auth").Params(jen.Id("opts").Op("*").Id("Options"), jen.Id("op").Op("*").Qual(callPkg, "Operation")).Params(jen.Qual(callPkg, "Auth"), jen.Error()).BlockFunc(func(g *jen.Group) {
		sigv4 := p.clientFeatures().sigv4
		g.Id("schemes").Op(":=").Id("op").Dot("AuthSchemes")
		g.If(jen.Id("schemes").Op("==").Nil()).Block(jen.Id("schemes").Op("=").Id("authSchemes"))
		if sigv4 {
			// SigV4 without Options.Credentials falls back to the
			// environment's credentials, but only once no scheme the
			// options do configure (a bearer token) comes after it.
			g.Id("fromEnv").Op(":=").False()
		}
		g.For(jen.List(jen.Id("_"), jen.Id("id")).Op(":=").Range().Id("schemes")).Block(
			jen.Switch(jen.Id("id")).BlockFunc(func(s *jen.Group) {
				if sigv4 {
					s.Case(jen.Lit(shapes.TraitSigV4)).Block(
						jen.If(jen.Id("provider").Op(":=").Id("opts").Dot("Credentials"), jen.Id("provider").Op("!=").Nil()).Block(
							jen.Return(sigv4Auth(p), jen.Nil())),
						jen.Id("fromEnv").Op("=").True(),
					)
				}
				if a.bearer {
					s.Case(jen.Lit(shapes.TraitHTTPBearerAuth)).Block(
						jen.If(jen.Id("opts").Dot("BearerToken").Op("!=").Nil()).Block(
							jen.Return(jen.Qual(httpauth, "Bearer").Values(jen.Dict{jen.Id("Token"): jen.Id("opts").Dot("BearerToken")}), jen.Nil())))
				}
				if k := a.apiKey; k != nil {
					fields := jen.Dict{jen.Id("Key"): jen.Id("opts").Dot("APIKey"), jen.Id("Name"): jen.Lit(k.Name)}
					if k.In == "query" {
						fields[jen.Id("InQuery")] = jen.True()
					} else if k.Scheme != "" {
						fields[jen.Id("Scheme")] = jen.Lit(k.Scheme)
					}
					s.Case(jen.Lit(shapes.TraitHTTPAPIKeyAuth)).Block(
						jen.If(jen.Id("opts").Dot("APIKey").Op("!=").Nil()).Block(
							jen.Return(jen.Qual(httpauth, "APIKey").Values(fields), jen.Nil())))
				}
				if a.basic {
					s.Case(jen.Lit(shapes.TraitHTTPBasicAuth)).Block(
						jen.If(jen.Id("opts").Dot("BasicAuth").Op("!=").Nil()).Block(
							jen.Return(jen.Qual(httpauth, "Basic").Values(jen.Dict{jen.Id("Credentials"): jen.Id("opts").Dot("BasicAuth")}), jen.Nil())))
				}
			}),
		)
		if sigv4 {
			g.If(jen.Id("fromEnv")).Block(
				jen.Id("provider").Op(":=").Id("c").Dot("envCreds"),
				jen.Return(sigv4Auth(p), jen.Nil()),
			)
		}
		g.Return(jen.Nil(), jen.Qual(callPkg, "NoAuthError").Call(jen.Id("schemes"), jen.Id("authOption")))
	})
	f.Line()
	f.Add(comment(wrap("authOption names the Options field that configures an auth scheme, or \"\" for a scheme the client does not support.")))
	f.Func().Id("authOption").Params(jen.Id("id").String()).String().Block(
		jen.Switch(jen.Id("id")).BlockFunc(func(s *jen.Group) {
			for _, id := range p.usedSchemes() {
				s.Case(jen.Lit(id)).Block(jen.Return(jen.Lit("Options." + authOptions[id])))
			}
		}),
		jen.Return(jen.Lit("")),
	)
	f.Line()
}

// authSchemesField is an operation's AuthSchemes, or nil where they are the
// service's.
func (p *Plan) authSchemesField(op *shapes.Shape) jen.Code {
	l, ok := p.auth.own[op]
	if !ok || !p.auth.choose {
		return nil
	}
	return jen.Index().String().ValuesFunc(func(g *jen.Group) {
		for _, id := range l {
			g.Lit(id)
		}
	})
}
