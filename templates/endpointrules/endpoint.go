package endpointrules

import "errors"

// endpointSpec is the compiled endpoint object of an endpoint rule.
type endpointSpec struct {
	url     expr
	headers []headerSpec // sorted by name
	props   *objectProp  // nil when the rule has no properties
}

// headerSpec is one header and the expressions of its values.
type headerSpec struct {
	name   string
	values []expr
}

// build evaluates the endpoint object in the current state.
func (e *endpointSpec) build(st *state) (Endpoint, error) {
	u := e.url.eval(st)
	if u.kind != kindString {
		return Endpoint{}, errors.New("endpointrules: the endpoint url did not evaluate to a string")
	}
	ep := Endpoint{URL: u.s}
	if len(e.headers) > 0 {
		ep.Headers = make(map[string][]string, len(e.headers))
		for _, h := range e.headers {
			vals := make([]string, len(h.values))
			for i, x := range h.values {
				v := x.eval(st)
				if v.kind != kindString {
					return Endpoint{}, errors.New("endpointrules: a value of header " + h.name + " did not evaluate to a string")
				}
				vals[i] = v.s
			}
			ep.Headers[h.name] = vals
		}
	}
	if e.props != nil {
		m, err := e.props.build(st)
		if err != nil {
			return Endpoint{}, err
		}
		ep.Properties = m.(map[string]any)
	}
	return ep, nil
}

// prop is a compiled endpoint property value. Properties are literals, not
// expressions (the spec forbids references and function calls in them), but
// their strings are templates.
type prop interface {
	build(st *state) (any, error)
}

// staticProp is a constant scalar (a string without placeholders, a bool
// or a number). Scalars are immutable, so one boxed value serves every
// Resolve.
type staticProp struct{ v any }

func (p staticProp) build(*state) (any, error) { return p.v, nil }

// templateProp is a string with placeholders.
type templateProp struct{ e expr }

func (p templateProp) build(st *state) (any, error) {
	v := p.e.eval(st)
	if v.kind != kindString {
		return nil, errors.New("endpointrules: an endpoint property template did not evaluate to a string")
	}
	return v.s, nil
}

// arrayProp is an array; it is rebuilt on every Resolve so that callers own
// what they get.
type arrayProp []prop

func (p arrayProp) build(st *state) (any, error) {
	out := make([]any, len(p))
	for i, e := range p {
		v, err := e.build(st)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// objectProp is an object, rebuilt on every Resolve like arrayProp.
type objectProp struct {
	keys []string
	vals []prop
}

func (p *objectProp) build(st *state) (any, error) {
	out := make(map[string]any, len(p.keys))
	for i, k := range p.keys {
		v, err := p.vals[i].build(st)
		if err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, nil
}

// AuthScheme is one entry of an endpoint's "authSchemes" property: the
// signing settings that the endpoint asks for when the client uses the
// named scheme. Clients choose the scheme from the model's auth traits and
// use a matching entry only to adjust that scheme's signer.
type AuthScheme struct {
	// Name is the scheme's name, such as "sigv4" or "sigv4a".
	Name string
	// SigningName is the service name to sign with, when the endpoint
	// overrides it.
	SigningName string
	// SigningRegion is the region to sign with (sigv4), when the endpoint
	// overrides it.
	SigningRegion string
	// SigningRegionSet is the region set to sign with (sigv4a), such as
	// ["*"].
	SigningRegionSet []string
	// DisableDoubleEncoding turns off the second URI-encoding of the path
	// in the canonical request.
	DisableDoubleEncoding bool
	// DisableNormalizePath turns off path normalization in the canonical
	// request.
	DisableNormalizePath bool
}

// AuthSchemes parses e.Properties["authSchemes"], in order. Entries that
// are not objects are skipped, and fields of unexpected types are left
// zero, since the property is advisory. It returns nil when there is no
// such property.
func (e Endpoint) AuthSchemes() []AuthScheme {
	list, _ := e.Properties["authSchemes"].([]any)
	if len(list) == 0 {
		return nil
	}
	out := make([]AuthScheme, 0, len(list))
	for _, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			continue
		}
		var a AuthScheme
		a.Name, _ = m["name"].(string)
		a.SigningName, _ = m["signingName"].(string)
		a.SigningRegion, _ = m["signingRegion"].(string)
		a.DisableDoubleEncoding, _ = m["disableDoubleEncoding"].(bool)
		a.DisableNormalizePath, _ = m["disableNormalizePath"].(bool)
		switch set := m["signingRegionSet"].(type) {
		case []string:
			a.SigningRegionSet = append([]string(nil), set...)
		case []any:
			for _, r := range set {
				if s, ok := r.(string); ok {
					a.SigningRegionSet = append(a.SigningRegionSet, s)
				}
			}
		}
		out = append(out, a)
	}
	return out
}
