package shapes

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tidwall/gjson"
)

// Auth traits the generator reads (the prelude's; aws.auth#sigv4 is
// TraitSigV4).
const (
	TraitAuth           = "smithy.api#auth"
	TraitAuthDefinition = "smithy.api#authDefinition"
	TraitOptionalAuth   = "smithy.api#optionalAuth"
	TraitHTTPBasicAuth  = "smithy.api#httpBasicAuth"
	TraitHTTPDigestAuth = "smithy.api#httpDigestAuth"
	TraitHTTPBearerAuth = "smithy.api#httpBearerAuth"
	TraitHTTPAPIKeyAuth = "smithy.api#httpApiKeyAuth"
)

// APIKeyAuth is the value of the smithy.api#httpApiKeyAuth trait: where the
// key goes (In is "header" or "query"), under which name, and for a
// header, the scheme written before it ("Authorization: Bearer key").
type APIKeyAuth struct {
	Name, In, Scheme string
}

// APIKeyAuth returns the smithy.api#httpApiKeyAuth trait.
func (t Traits) APIKeyAuth() (APIKeyAuth, bool) {
	v := t.get(TraitHTTPAPIKeyAuth)
	if !v.Exists() {
		return APIKeyAuth{}, false
	}
	return APIKeyAuth{Name: v.Get("name").String(), In: v.Get("in").String(), Scheme: v.Get("scheme").String()}, true
}

// resolveAuth sets the service's auth schemes and each operation's, and
// checks that every @auth names an auth scheme applied to the service, as
// the spec requires.
//
// A service's schemes are its @auth list, or without one every trait on
// it whose definition has @authDefinition, in shape ID order (the spec
// leaves that order open; Smithy's own index sorts by shape ID, so
// generators agree on it). An operation's are its own @auth list, else the
// service's.
func (sv *Service) resolveAuth() error {
	svc := sv.Shape
	var applied []ID
	for _, tid := range svc.Traits.IDs() {
		id, err := ParseID(tid)
		if err == nil && sv.Model.isAuthDefinition(id) {
			applied = append(applied, id)
		}
	}
	list, err := sv.authList(svc, applied)
	if err != nil {
		return err
	}
	if list == nil {
		list = applied
	}
	sv.AuthTraits, sv.AuthSchemes = applied, list
	sv.opAuth = map[ID][]ID{}
	for _, op := range sv.Operations {
		l, err := sv.authList(op, applied)
		if err != nil {
			return err
		}
		if l != nil {
			sv.opAuth[op.ID] = l
		}
	}
	return nil
}

// authList reads the @auth trait of s (the service or an operation):
// nil without one, else its entries, each of which must be one of the
// service's applied schemes. An empty @auth gives an empty, non-nil list.
func (sv *Service) authList(s *Shape, applied []ID) ([]ID, error) {
	raw, ok := s.Traits.Raw(TraitAuth)
	if !ok {
		return nil, nil
	}
	list := []ID{}
	for i, e := range gjson.Parse(raw).Array() {
		fail := func(msg string) error {
			return &Error{File: s.File, Shape: s.ID.String(), Path: fmt.Sprintf("%s[%d]", traitPath(shapePath(s.ID.String()), TraitAuth), i), Msg: msg}
		}
		id, err := ParseID(e.String())
		if err != nil {
			return nil, fail(fmt.Sprintf("@auth entry %q is not an absolute shape ID", e.String()))
		}
		if !slices.Contains(applied, id) {
			var names []string
			for _, a := range applied {
				names = append(names, a.String())
			}
			have := "it has none"
			if len(names) > 0 {
				have = "it has " + strings.Join(names, ", ")
			}
			return nil, fail(fmt.Sprintf("@auth names %s, which is not an auth scheme applied to service %s (%s)", id, sv.Shape.ID, have))
		}
		if slices.Contains(list, id) {
			return nil, fail(fmt.Sprintf("@auth names %s twice", id))
		}
		list = append(list, id)
	}
	return list, nil
}

// OperationAuth returns the auth schemes of an operation of the service, most
// preferred first: its @auth list, else the service's (AuthSchemes). An
// empty list means the operation takes no authentication (@auth([])).
func (sv *Service) OperationAuth(op *Shape) []ID {
	if l, ok := sv.opAuth[op.ID]; ok {
		return l
	}
	return sv.AuthSchemes
}

// isAuthDefinition reports whether id is a trait marked @authDefinition,
// defined in the model or among the embedded definitions.
func (m *Model) isAuthDefinition(id ID) bool { return m.definitionHas(id, TraitAuthDefinition) }

// definitionHas reports whether the definition of the trait id, in the
// model or among the embedded definitions, carries the trait meta.
func (m *Model) definitionHas(id ID, meta string) bool {
	if s := m.shapes[id]; s != nil {
		return s.Traits.Has(meta)
	}
	if v, ok := embeddedDefs().shape(id); ok {
		t, _ := parseTraits(v.Get("traits"))
		return t.Has(meta)
	}
	return false
}

// ProtocolTraits returns the IDs of the protocol traits applied to the
// service (those whose definition has @protocolDefinition, supported by
// the generator or not), in shape ID order.
func (sv *Service) ProtocolTraits() []string {
	var out []string
	for _, tid := range sv.Shape.Traits.IDs() {
		if id, err := ParseID(tid); err == nil && sv.Model.definitionHas(id, "smithy.api#protocolDefinition") {
			out = append(out, tid)
		}
	}
	return out
}
