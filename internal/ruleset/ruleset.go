// Package ruleset parses, type-checks and interprets Smithy endpoint rule
// sets: the value of a service's smithy.rules#endpointRuleSet trait, which
// maps endpoint parameters (region, FIPS, dual-stack, a custom endpoint,
// ...) to the URL, headers and properties of the endpoint to call, or to an
// error.
//
// The generator uses it at generation time: Parse turns the trait's JSON
// into a typed tree (RuleSet) that internal/gogen compiles to Go, and
// refuses what cannot be typed. Resolve interprets the same tree; it is
// the oracle that tests compare the generated code with. Generated clients
// import neither: they carry only the run-time helpers of
// runtime/endpointrules, which Resolve calls too, so both agree.
//
// # Semantics
//
// Rules are tried in order and the first whose conditions all hold wins. A
// condition holds unless its function returns false or no value; a
// condition's "assign" binds its result for later conditions of the same
// rule and for the rule's children. An endpoint rule gives an Endpoint, an
// error rule gives a *RuleError carrying its message, and a tree rule whose
// conditions hold is terminal: if none of its children matches, Resolve
// fails with ErrNoMatch rather than trying the tree's later siblings.
//
// Strings in rules are templates: {Name} inserts a parameter or variable and
// {Name#path} inserts getAttr(Name, path); {{ and }} are literal braces.
// getAttr paths are dot-separated keys with an optional [index] on a part;
// negative indexes count from the end (rules engine 1.1).
//
// The functions are those of the rules engine standard library (booleanEquals,
// coalesce, getAttr, isSet, isValidHostLabel, ite, not, parseURL, split,
// stringEquals, substring, uriEncode) and the AWS library (aws.partition,
// aws.parseArn, aws.isVirtualHostableS3Bucket).
//
// Parse does not gate features on the rule set's "version": a 1.0 rule set
// may use 1.1 functions. It checks rule shapes, function names, arities and
// argument types, template and getAttr path syntax and getAttr fields, and
// that every reference names a parameter or a variable assigned earlier on
// the same path, without shadowing.
package ruleset

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	ep "github.com/smithygo/smithygo/runtime/endpointrules"
)

// RuleSet is a parsed, type-checked endpoint rule set.
type RuleSet struct {
	// Version is the declared rules engine version, such as "1.0".
	Version string
	// Params are the declared parameters, sorted by name; Params[i] lives
	// in the interpreter's variable slot i.
	Params []*Param
	Rules  []*Rule

	nslots int // parameters plus distinct assigned variable names
}

// Params are the rule-set parameters by name, as in the generated code.
type Params = ep.Params

// Endpoint is a resolved endpoint.
type Endpoint = ep.Result

// RuleError is the error Resolve returns when an error rule is selected.
type RuleError = ep.RuleError

// ErrNoMatch is returned when no rule matches.
var ErrNoMatch = ep.ErrNoMatch

// Parse compiles the JSON value of a smithy.rules#endpointRuleSet trait.
// It fails on malformed JSON, on rules of unknown shape, on unknown
// functions (naming them), on bad templates or getAttr paths, and on
// references to names that are not in scope.
func Parse(ruleSetJSON []byte) (*RuleSet, error) {
	dec := json.NewDecoder(bytes.NewReader(ruleSetJSON))
	// Numbers stay json.Number so that integer arguments such as
	// substring's indexes are read exactly.
	dec.UseNumber()
	var doc ruleSetJSONDoc
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("endpointrules: decoding rule set: %w", err)
	}
	if dec.More() {
		return nil, errors.New("endpointrules: decoding rule set: data after the JSON value")
	}
	rs, err := compile(&doc)
	if err != nil {
		return nil, fmt.Errorf("endpointrules: %w", err)
	}
	return rs, nil
}

// MustParse is like Parse but panics on error. It is meant for rule sets
// embedded in generated code, where an error is a generator bug.
func MustParse(ruleSetJSON string) *RuleSet {
	rs, err := Parse([]byte(ruleSetJSON))
	if err != nil {
		panic(err)
	}
	return rs
}

// Resolve evaluates the rule set for p. It returns the selected endpoint;
// a *RuleError when an error rule is selected; ErrNoMatch when no rule
// matches; or an error describing a parameter that is unknown, of the wrong
// type, or required but unset.
func (rs *RuleSet) Resolve(p Params) (Endpoint, error) {
	st := &state{vars: make([]value, rs.nslots)}
	if err := rs.bind(st, p); err != nil {
		return Endpoint{}, err
	}
	r := evalRules(st, rs.Rules)
	if r == nil {
		return Endpoint{}, ErrNoMatch
	}
	if r.Kind == ErrorRule {
		msg := r.Error.eval(st)
		if msg.kind != kindString {
			return Endpoint{}, errors.New("endpointrules: an error rule's message did not evaluate to a string")
		}
		return Endpoint{}, &RuleError{Message: msg.s}
	}
	return r.Endpoint.build(st)
}

// bind stores the parameter values (or defaults) in their slots.
func (rs *RuleSet) bind(st *state, p Params) error {
	found := 0
	for i, d := range rs.Params {
		raw, ok := p[d.Name]
		if ok {
			found++
		}
		if raw == nil {
			switch {
			case d.def.kind != kindUnset:
				st.vars[i] = d.def
			case d.Required:
				return ep.RequiredParamError(d.Name)
			default:
				st.vars[i] = value{}
			}
			continue
		}
		v, ok := convertParam(d.Type, raw)
		if !ok {
			return ep.ParamTypeError(d.Name, d.Type.String(), raw)
		}
		st.vars[i] = v
	}
	if found != len(p) {
		known := make([]string, len(rs.Params))
		for i, d := range rs.Params {
			known[i] = d.Name
		}
		return ep.UnknownParamsError(p, known...)
	}
	return nil
}

// convertParam converts a Params value to the declared type.
func convertParam(t Kind, raw any) (value, bool) {
	switch t {
	case String:
		s, ok := raw.(string)
		return stringValue(s), ok
	case Bool:
		b, ok := raw.(bool)
		return boolValue(b), ok
	}
	switch list := raw.(type) {
	case []string:
		return stringsValue(list), true
	case []any:
		arr := make([]value, len(list))
		for i, e := range list {
			s, ok := e.(string)
			if !ok {
				return value{}, false
			}
			arr[i] = stringValue(s)
		}
		return arrayValue(arr), true
	}
	return value{}, false
}
