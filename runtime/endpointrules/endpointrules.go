// Package endpointrules is the run-time support of the endpoint resolvers
// that smithygo compiles from Smithy endpoint rule sets (the value of a
// service's smithy.rules#endpointRuleSet trait). The generator turns the
// rules into plain Go in the client's endpoints_gen.go; that code calls the
// small typed functions here, which implement the rules engine's standard
// library (isValidHostLabel, parseURL, substring, uriEncode, split) and AWS
// library (aws.partition, aws.parseArn, aws.isVirtualHostableS3Bucket), and
// returns the Endpoint and error types defined here.
//
// Nothing here parses or interprets a rule set: that happens once, in the
// generator, so clients carry neither the rules' JSON nor an interpreter.
//
// This package is copied verbatim into generated clients, so it imports
// only the standard library.
package endpointrules

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Params are endpoint parameters by name, as operations supply them from
// smithy.rules#staticContextParams and smithy.rules#contextParam; values are
// string, bool or []string (a []any holding only strings is accepted too,
// as encoding/json decodes arrays that way). A nil value is unset.
type Params map[string]any

// Result is a resolved endpoint.
type Result struct {
	// URL is the endpoint's URL, exactly as the rule set built it.
	URL string
	// Headers are extra transport headers to send; nil when the rule set
	// gives none.
	Headers map[string][]string
	// Properties are the endpoint's properties, such as "authSchemes", as
	// JSON-like values: string, bool, float64 (numbers, as encoding/json
	// decodes them, so that Properties compare equal to decoded JSON),
	// []any and map[string]any. Nil when the rule set gives none. Every
	// resolution returns fresh maps and slices, so callers may modify them.
	Properties map[string]any
}

// RuleError is the error a resolver returns when the rule set selects an
// error rule. Its Error method returns exactly the rule's message, after
// template expansion, with no prefix.
type RuleError struct {
	Message string
}

// Error returns the rule's message.
func (e *RuleError) Error() string { return e.Message }

// ErrNoMatch is returned by a resolver when no rule matches: the top-level
// rules ran out, or a tree rule's conditions held but none of its children
// matched. Well-formed rule sets end every list with an unconditional rule,
// so this normally indicates a broken rule set.
var ErrNoMatch = errors.New("endpointrules: no rule matched the endpoint parameters")

// StringParam converts a Params value of a string parameter: nil (unset)
// gives nil. ok is false when v is not a string.
func StringParam(v any) (s *string, ok bool) {
	switch v := v.(type) {
	case nil:
		return nil, true
	case string:
		return &v, true
	}
	return nil, false
}

// BoolParam converts a Params value of a boolean parameter: nil (unset)
// gives nil. ok is false when v is not a bool.
func BoolParam(v any) (b *bool, ok bool) {
	switch v := v.(type) {
	case nil:
		return nil, true
	case bool:
		return &v, true
	}
	return nil, false
}

// StringArrayParam converts a Params value of a stringArray parameter: nil
// (unset) gives nil, and a set value, even an empty list, gives a non-nil
// slice, so that generated code can test "set" as != nil. ok is false when
// v is neither a []string nor a []any of strings.
func StringArrayParam(v any) (list []string, ok bool) {
	switch v := v.(type) {
	case nil:
		return nil, true
	case []string:
		return append(make([]string, 0, len(v)), v...), true
	case []any:
		out := make([]string, len(v))
		for i, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			out[i] = s
		}
		return out, true
	}
	return nil, false
}

// Or returns *v, or def when v is nil: how a parameter with a default is
// read.
func Or[T any](v *T, def T) T {
	if v == nil {
		return def
	}
	return *v
}

// ParamTypeError is the error for a Params value of the wrong type.
func ParamTypeError(name, declared string, v any) error {
	return fmt.Errorf("endpointrules: parameter %q is declared %s but has a value of type %T", name, declared, v)
}

// UnknownParamsError is the error for Params naming parameters the rule set
// does not declare; known lists the declared ones. It names every unknown
// parameter, sorted, so the message does not depend on map order.
func UnknownParamsError(p Params, known ...string) error {
	var unknown []string
	for name := range p {
		if !slices.Contains(known, name) {
			unknown = append(unknown, fmt.Sprintf("%q", name))
		}
	}
	sort.Strings(unknown) // not slices.Sort: see jsonwire.SortedKeys
	return fmt.Errorf("endpointrules: unknown parameter(s) %s", strings.Join(unknown, ", "))
}

// RequiredParamError is the error for a required parameter without a
// default that is not set.
func RequiredParamError(name string) error {
	return fmt.Errorf("endpointrules: required parameter %q is not set", name)
}
