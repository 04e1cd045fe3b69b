// Package endpointrules evaluates Smithy endpoint rule sets: the value of a
// service's smithy.rules#endpointRuleSet trait, which maps endpoint
// parameters (region, FIPS, dual-stack, a custom endpoint, ...) to the URL,
// headers and properties of the endpoint to call, or to an error.
//
// Parse compiles the trait's JSON once into a tree with templates split into
// literal and placeholder parts, function names bound to Go functions and
// variables bound to slots; Resolve then walks that tree for a set of
// parameter values. A RuleSet is immutable and safe for concurrent use.
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
// aws.parseArn, aws.isVirtualHostableS3Bucket). aws.partition reads the AWS
// partitions table compiled into this package (partitions_data.go).
//
// Parse does not gate features on the rule set's "version": a 1.0 rule set
// may use 1.1 functions. It does check what can be checked once: rule
// shapes, function names and arities, template and getAttr path syntax, and
// that every reference names a parameter or a variable assigned earlier on
// the same path, without shadowing.
//
// This package is copied verbatim into generated clients, so it imports
// only the standard library.
package endpointrules

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// RuleSet is a parsed endpoint rule set, ready to evaluate; safe for
// concurrent use.
type RuleSet struct {
	version string
	params  []param // sorted by name; param i lives in variable slot i
	rules   []rule
	nslots  int       // parameters plus distinct assigned variable names
	states  sync.Pool // of *state sized for nslots

	// partitions replaces the compiled-in partitions table when not nil.
	// Only tests set it for now; it is the hook for letting clients load
	// a newer table without regenerating.
	partitions *partitionIndex
}

// paramType is the declared type of a rule-set parameter.
type paramType uint8

const (
	paramString paramType = iota
	paramBool
	paramStringArray
)

func (t paramType) String() string {
	switch t {
	case paramBool:
		return "boolean"
	case paramStringArray:
		return "stringArray"
	}
	return "string"
}

// param is a declared rule-set parameter.
type param struct {
	name     string
	typ      paramType
	required bool
	def      value // kindUnset when the parameter has no default
	builtIn  string
}

// Params are the rule-set parameters by name; values are string, bool or
// []string (a []any holding only strings is accepted too, as encoding/json
// decodes arrays that way). An absent name, or a nil value, is unset.
// Defaults from the rule set are applied by Resolve.
type Params map[string]any

// Endpoint is a resolved endpoint.
type Endpoint struct {
	// URL is the endpoint's URL, exactly as the rule set built it.
	URL string
	// Headers are extra transport headers to send; nil when the rule set
	// gives none.
	Headers map[string][]string
	// Properties are the endpoint's properties, such as "authSchemes", as
	// JSON-like values: string, bool, float64 (numbers, as encoding/json
	// decodes them, so that Properties compare equal to decoded JSON),
	// []any and map[string]any. Nil when the rule set gives none. Each
	// Resolve returns fresh maps and slices, so callers may modify them.
	Properties map[string]any
}

// RuleError is the error Resolve returns when the rule set selects an error
// rule. Its Error method returns exactly the rule's message, after template
// expansion, with no prefix.
type RuleError struct {
	Message string
}

// Error returns the rule's message.
func (e *RuleError) Error() string { return e.Message }

// ErrNoMatch is returned (possibly wrapped) by Resolve when no rule matches:
// the top-level rules ran out, or a tree rule's conditions held but none of
// its children matched. Well-formed rule sets end every list with an
// unconditional rule, so this normally indicates a broken rule set.
var ErrNoMatch = errors.New("endpointrules: no rule matched the endpoint parameters")

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

// Version returns the rule set's declared rules engine version, such as
// "1.0".
func (rs *RuleSet) Version() string { return rs.version }

// Parameter describes one declared rule-set parameter.
type Parameter struct {
	// Name is the parameter's name, the key to use in Params.
	Name string
	// Type is "string", "boolean" or "stringArray".
	Type string
	// Required reports whether Resolve fails when the parameter is unset
	// and has no default.
	Required bool
	// Default is the default value (string, bool or []string), or nil.
	Default any
	// BuiltIn names the built-in that supplies the value, such as
	// "AWS::Region", or is empty.
	BuiltIn string
}

// Parameters returns the declared parameters, sorted by name.
func (rs *RuleSet) Parameters() []Parameter {
	out := make([]Parameter, len(rs.params))
	for i, p := range rs.params {
		out[i] = Parameter{Name: p.name, Type: p.typ.String(), Required: p.required, BuiltIn: p.builtIn}
		switch p.def.kind {
		case kindString:
			out[i].Default = p.def.s
		case kindBool:
			out[i].Default = p.def.b
		case kindArray:
			ss := make([]string, len(p.def.arr))
			for j, v := range p.def.arr {
				ss[j] = v.s
			}
			out[i].Default = ss
		}
	}
	return out
}

// Resolve evaluates the rule set for p. It returns the selected endpoint;
// a *RuleError when an error rule is selected; ErrNoMatch when no rule
// matches; or an error describing a parameter that is unknown, of the wrong
// type, or required but unset.
func (rs *RuleSet) Resolve(p Params) (Endpoint, error) {
	st, _ := rs.states.Get().(*state)
	if st == nil {
		st = &state{vars: make([]value, rs.nslots)}
	}
	st.partitions = rs.partitions
	ep, err := rs.resolve(st, p)
	// Drop references to this call's values so the pool does not keep
	// them alive, and drop a template buffer that grew unusually large.
	clear(st.vars)
	if cap(st.buf) > 4096 {
		st.buf = nil
	}
	rs.states.Put(st)
	return ep, err
}

func (rs *RuleSet) resolve(st *state, p Params) (Endpoint, error) {
	if err := rs.bind(st, p); err != nil {
		return Endpoint{}, err
	}
	r := evalRules(st, rs.rules)
	if r == nil {
		return Endpoint{}, ErrNoMatch
	}
	if r.kind == ruleError {
		msg := r.message.eval(st)
		if msg.kind != kindString {
			return Endpoint{}, errors.New("endpointrules: an error rule's message did not evaluate to a string")
		}
		return Endpoint{}, &RuleError{Message: msg.s}
	}
	return r.endpoint.build(st)
}

// bind stores the parameter values (or defaults) in their slots.
func (rs *RuleSet) bind(st *state, p Params) error {
	found := 0
	for i := range rs.params {
		d := &rs.params[i]
		raw, ok := p[d.name]
		if ok {
			found++
		}
		if raw == nil {
			switch {
			case d.def.kind != kindUnset:
				st.vars[i] = d.def
			case d.required:
				return fmt.Errorf("endpointrules: required parameter %q is not set", d.name)
			default:
				st.vars[i] = value{}
			}
			continue
		}
		v, ok := convertParam(d.typ, raw)
		if !ok {
			return fmt.Errorf("endpointrules: parameter %q is declared %s but has a value of type %T", d.name, d.typ, raw)
		}
		st.vars[i] = v
	}
	if found != len(p) {
		// Slow path, only on error: name the unknown parameters.
		var unknown []string
		for name := range p {
			if _, ok := rs.paramIndex(name); !ok {
				unknown = append(unknown, name)
			}
		}
		sort.Strings(unknown)
		return fmt.Errorf("endpointrules: unknown parameter(s) %s", strings.Join(quoteAll(unknown), ", "))
	}
	return nil
}

// paramIndex finds a parameter by name (params are sorted by name).
func (rs *RuleSet) paramIndex(name string) (int, bool) {
	i := sort.Search(len(rs.params), func(i int) bool { return rs.params[i].name >= name })
	return i, i < len(rs.params) && rs.params[i].name == name
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// convertParam converts a Params value to the declared type.
func convertParam(t paramType, raw any) (value, bool) {
	switch t {
	case paramString:
		s, ok := raw.(string)
		return stringValue(s), ok
	case paramBool:
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
