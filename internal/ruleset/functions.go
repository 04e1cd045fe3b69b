package ruleset

import (
	"errors"
	"fmt"

	ep "github.com/smithygo/smithygo/runtime/endpointrules"
)

// function describes a library function: its arity (maxArgs < 0 for
// variadic), its type rule and its interpreter.
type function struct {
	minArgs, maxArgs int
	// check returns the result type for the argument types, or an error.
	check func(args []Expr) (Type, error)
	impl  func(st *state, args []Expr) value
}

// sig is a type rule for a function with fixed argument kinds: the result
// has kind result, and is optional when the function can fail (canFail)
// or, for propagating functions, when an argument is optional.
func sig(result Kind, canFail, propagates bool, params ...Kind) func([]Expr) (Type, error) {
	return func(args []Expr) (Type, error) {
		t := Type{Kind: result, Optional: canFail}
		for i, a := range args {
			at := a.Type()
			if at.Kind != params[i] {
				return Type{}, fmt.Errorf("argument %d is a %s, want a %s", i+1, at.Kind, params[i])
			}
			t.Optional = t.Optional || (propagates && at.Optional)
		}
		return t, nil
	}
}

// lookupFunction binds a function name.
func lookupFunction(name string) (function, bool) {
	switch name {
	case "isSet":
		return function{1, 1, func([]Expr) (Type, error) { return Type{Kind: Bool}, nil }, fnIsSet}, true
	case "not":
		return function{1, 1, sig(Bool, false, true, Bool), fnNot}, true
	case "booleanEquals":
		return function{2, 2, sig(Bool, false, false, Bool, Bool), fnBooleanEquals}, true
	case "stringEquals":
		return function{2, 2, sig(Bool, false, false, String, String), fnStringEquals}, true
	case "getAttr":
		// Compiled specially (see compiler.call).
		return function{2, 2, nil, nil}, true
	case "isValidHostLabel":
		return function{2, 2, sig(Bool, false, false, String, Bool), fnIsValidHostLabel}, true
	case "parseURL":
		return function{1, 1, sig(URL, true, false, String), fnParseURL}, true
	case "substring":
		return function{4, 4, sig(String, true, false, String, Int, Int, Bool), fnSubstring}, true
	case "uriEncode":
		return function{1, 1, sig(String, false, true, String), fnURIEncode}, true
	case "coalesce":
		return function{2, -1, checkCoalesce, fnCoalesce}, true
	case "ite":
		return function{3, 3, checkIte, fnIte}, true
	case "split":
		return function{3, 3, sig(StringArray, true, false, String, String, Int), fnSplit}, true
	case "aws.partition":
		return function{1, 1, sig(Partition, true, false, String), fnPartition}, true
	case "aws.parseArn":
		return function{1, 1, sig(ARN, true, false, String), fnParseArn}, true
	case "aws.isVirtualHostableS3Bucket":
		return function{2, 2, sig(Bool, false, false, String, Bool), fnIsVirtualHostableS3Bucket}, true
	}
	return function{}, false
}

// checkCoalesce: all arguments have one kind; the result is optional only
// when every argument is.
func checkCoalesce(args []Expr) (Type, error) {
	t := Type{Kind: args[0].Type().Kind, Optional: true}
	for i, a := range args {
		at := a.Type()
		if at.Kind != t.Kind {
			return Type{}, fmt.Errorf("argument %d is a %s, argument 1 a %s", i+1, at.Kind, t.Kind)
		}
		t.Optional = t.Optional && at.Optional
	}
	return t, nil
}

// checkIte: a boolean condition and two branches of one kind; the result
// is optional when either branch is.
func checkIte(args []Expr) (Type, error) {
	if k := args[0].Type().Kind; k != Bool {
		return Type{}, fmt.Errorf("the condition is a %s, want a boolean", k)
	}
	a, b := args[1].Type(), args[2].Type()
	if a.Kind != b.Kind {
		return Type{}, errors.New("the branches have different types, " + a.Kind.String() + " and " + b.Kind.String())
	}
	return Type{Kind: a.Kind, Optional: a.Optional || b.Optional}, nil
}

// The fn* functions interpret calls. Arguments without a value make a
// function return false or no value, as the specification has it.

func fnIsSet(st *state, args []Expr) value {
	return boolValue(args[0].eval(st).kind != kindUnset)
}

func fnNot(st *state, args []Expr) value {
	v := args[0].eval(st)
	if v.kind != kindBool {
		return value{}
	}
	return boolValue(!v.b)
}

func fnBooleanEquals(st *state, args []Expr) value {
	a, b := args[0].eval(st), args[1].eval(st)
	return boolValue(a.kind == kindBool && b.kind == kindBool && a.b == b.b)
}

func fnStringEquals(st *state, args []Expr) value {
	a, b := args[0].eval(st), args[1].eval(st)
	return boolValue(a.kind == kindString && b.kind == kindString && a.s == b.s)
}

func fnIsValidHostLabel(st *state, args []Expr) value {
	s, allow := args[0].eval(st), args[1].eval(st)
	return boolValue(s.kind == kindString && ep.IsValidHostLabel(s.s, allow.kind == kindBool && allow.b))
}

func fnParseURL(st *state, args []Expr) value {
	s := args[0].eval(st)
	if s.kind != kindString {
		return value{}
	}
	u := ep.ParseURL(s.s)
	if u == nil {
		return value{}
	}
	return recordValue(&record{keys: fieldNames(URL), vals: []value{
		stringValue(u.Scheme), stringValue(u.Authority), stringValue(u.Path),
		stringValue(u.NormalizedPath), boolValue(u.IsIP),
	}})
}

func fnSubstring(st *state, args []Expr) value {
	s, start, stop, rev := args[0].eval(st), args[1].eval(st), args[2].eval(st), args[3].eval(st)
	if s.kind != kindString || start.kind != kindInt || stop.kind != kindInt || rev.kind != kindBool {
		return value{}
	}
	sub, ok := ep.Substring(s.s, start.i, stop.i, rev.b)
	if !ok {
		return value{}
	}
	return stringValue(sub)
}

func fnURIEncode(st *state, args []Expr) value {
	s := args[0].eval(st)
	if s.kind != kindString {
		return value{}
	}
	return stringValue(ep.URIEncode(s.s))
}

// fnCoalesce returns the first argument that is set, evaluating no further;
// if all but the last are unset it returns the last, set or not. A set
// false counts: coalesce looks for a value, not a truthy one.
func fnCoalesce(st *state, args []Expr) value {
	for _, a := range args[:len(args)-1] {
		if v := a.eval(st); v.kind != kindUnset {
			return v
		}
	}
	return args[len(args)-1].eval(st)
}

// fnIte evaluates only the branch it returns. A condition that is not a
// bool gives unset.
func fnIte(st *state, args []Expr) value {
	c := args[0].eval(st)
	if c.kind != kindBool {
		return value{}
	}
	if c.b {
		return args[1].eval(st)
	}
	return args[2].eval(st)
}

func fnSplit(st *state, args []Expr) value {
	s, d, n := args[0].eval(st), args[1].eval(st), args[2].eval(st)
	if s.kind != kindString || d.kind != kindString || n.kind != kindInt {
		return value{}
	}
	parts, ok := ep.Split(s.s, d.s, n.i)
	if !ok {
		return value{}
	}
	return stringsValue(parts)
}

func fnPartition(st *state, args []Expr) value {
	r := args[0].eval(st)
	if r.kind != kindString {
		return value{}
	}
	p := ep.Partition(r.s)
	if p == nil {
		return value{}
	}
	return recordValue(&record{keys: fieldNames(Partition), vals: []value{
		stringValue(p.Name), stringValue(p.DNSSuffix), stringValue(p.DualStackDNSSuffix),
		boolValue(p.SupportsFIPS), boolValue(p.SupportsDualStack), stringValue(p.ImplicitGlobalRegion),
	}})
}

func fnParseArn(st *state, args []Expr) value {
	s := args[0].eval(st)
	if s.kind != kindString {
		return value{}
	}
	a := ep.ParseARN(s.s)
	if a == nil {
		return value{}
	}
	return recordValue(&record{keys: fieldNames(ARN), vals: []value{
		stringValue(a.Partition), stringValue(a.Service), stringValue(a.Region),
		stringValue(a.AccountID), stringsValue(a.ResourceID),
	}})
}

func fnIsVirtualHostableS3Bucket(st *state, args []Expr) value {
	s, allow := args[0].eval(st), args[1].eval(st)
	return boolValue(s.kind == kindString && ep.IsVirtualHostableS3Bucket(s.s, allow.kind == kindBool && allow.b))
}

// fieldNames returns the field names of record kind k, in Fields order.
func fieldNames(k Kind) []string {
	names := make([]string, len(Fields[k]))
	for i, f := range Fields[k] {
		names[i] = f.Name
	}
	return names
}
