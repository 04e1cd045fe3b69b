package gogen

import (
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/shapes"
)

// API is the Go API of the package that Generate writes for a service, as
// a user of the package sees it: its operations and the types they use.
// Surface builds it from the Plan, so every name, pointer and Go type in it
// is the one the emitters write; a tool that compares two APIs (gen -diff)
// never has to decide one itself.
type API struct {
	// Package is the Go package name.
	Package string
	// Operations are the Client methods, one per operation, by Method.
	Operations []APIOperation
	// ServiceErrors are the errors every operation can fail with, as Go
	// types ("*types.X"), sorted.
	ServiceErrors []string
	// Types are the named types the package declares for the model: the
	// operations' inputs and outputs in the main package, and the
	// structures, errors, enums and unions of the types package ("types.X"),
	// by Name.
	Types []APIType
}

// APIOperation is one operation as a Client method.
type APIOperation struct {
	Method        string // the Client method
	Input, Output string // the input and output types, in the main package
	// Errors are the operation's own errors as Go types ("*types.X"), sorted.
	Errors []string
	// Paginators are its XxxPages and XxxItems methods, Waiters its
	// WaitUntilXxx methods, sorted.
	Paginators, Waiters []string
}

// TypeKind is what a named type of the API is.
type TypeKind string

// The kinds of named types.
const (
	KindInput     TypeKind = "input"     // an operation's XxxInput
	KindOutput    TypeKind = "output"    // an operation's XxxOutput
	KindStructure TypeKind = "structure" // a structure of the types package
	KindError     TypeKind = "error"     // an error structure
	KindEnum      TypeKind = "enum"      // a string enum
	KindIntEnum   TypeKind = "int enum"  // an int32 enum
	KindUnion     TypeKind = "union"     // a sealed interface with one wrapper per member
)

// APIType is a named type of the API.
type APIType struct {
	// Name is the type as a user of the package writes it: "XxxInput" for
	// the main package, "types.X" for the types package.
	Name string
	Kind TypeKind
	// Sent reports that values of the type go to the service: the type is
	// an operation's input or reachable from one, so Validate checks its
	// constraints before a request is sent.
	Sent bool
	// Fields are a structure's fields, in declaration order.
	Fields []APIField
	// Values are an enum's constants, in the model's order.
	Values []APIEnumValue
	// Variants are a union's wrapper types, in the model's order.
	Variants []APIVariant
}

// APIField is a structure field.
type APIField struct {
	Name string // the Go field name
	APIValue
}

// APIVariant is a union's wrapper type for one member.
type APIVariant struct {
	Name string // the wrapper type, "types.XMemberY"
	// APIValue is its Value field; Type is "" for a member that carries no value.
	APIValue
}

// APIEnumValue is an enum constant.
type APIEnumValue struct {
	Const string // the Go constant, "types.XY"
	Value string // the value on the wire; an intEnum's as a decimal integer
}

// APIValue is the Go side of a structure or union member.
type APIValue struct {
	// Type is the Go type as written outside the package ("*int32",
	// "[]types.Tag", "io.Reader").
	Type string
	// Pointer reports that the field is a pointer to its value (see
	// Plan.IsPointer), so that unset can be told from the zero value.
	Pointer bool
	// Default is the model's default as JSON, when the client honours it
	// (HasClientDefault); "" otherwise.
	Default string
	// Checks are what Validate checks of the value itself.
	Checks APIChecks
	// Elements are the checks of the values inside a list or map value,
	// when it has any, by Path.
	Elements []APIElementChecks
}

// APIChecks are the constraints Validate checks of one value, as the Plan
// decided them (memberChecks).
type APIChecks struct {
	Required bool // a structure member that must be set
	// MinLength and MaxLength bound a length; 0 and -1 are no bound. A
	// string bound to a URI label, which must not be empty, has a
	// MinLength of at least 1: that is the same constraint.
	MinLength, MaxLength int64
	// MinRange and MaxRange bound a number, as written in the model; "" is
	// no bound.
	MinRange, MaxRange string
	// Pattern is the regular expression the client enforces; "" when there
	// is none or the client cannot enforce it.
	Pattern     string
	UniqueItems bool
}

// APIElementChecks are the checks of values inside a collection.
type APIElementChecks struct {
	// Path leads from the member's value to the checked values: "[i]" is a
	// list element, "[k]" a map value and "{k}" a map key, repeated for
	// nested collections ("[i][k]").
	Path   string
	Checks APIChecks
}

// surfaceImportPath stands in for the import path when the caller has none:
// the surface names types by package name, so the path never shows.
const surfaceImportPath = "generated"

// Surface returns the Go API of the package Generate would write for svc.
// It refuses what Generate refuses (an unsupported protocol, names that
// clash).
func Surface(svc *shapes.Service, cfg Config) (*API, error) {
	if err := CheckProtocol(svc.Shape); err != nil {
		return nil, err
	}
	if cfg.ImportPath == "" {
		cfg.ImportPath = surfaceImportPath
	}
	p, err := NewPlan(svc, cfg)
	if err != nil {
		return nil, err
	}
	return p.surface(), nil
}

func (p *Plan) surface() *API {
	api := &API{Package: p.Package}
	for _, e := range p.Svc.Errors {
		api.ServiceErrors = append(api.ServiceErrors, "*types."+p.TypeName(e))
	}
	slices.Sort(api.ServiceErrors)
	for _, o := range p.Operations {
		op := APIOperation{Method: o.Method, Input: o.InputName, Output: o.OutputName}
		for _, e := range o.Shape.Errors {
			op.Errors = append(op.Errors, "*types."+p.TypeName(e))
		}
		for _, m := range []string{o.Pages, o.Items} {
			if m != "" {
				op.Paginators = append(op.Paginators, m)
			}
		}
		for _, w := range o.Waiters {
			op.Waiters = append(op.Waiters, w.Method)
		}
		slices.Sort(op.Errors)
		slices.Sort(op.Paginators)
		slices.Sort(op.Waiters)
		api.Operations = append(api.Operations, op)
		api.Types = append(api.Types,
			p.structType(o.InputName, KindInput, o.Input, true, true),
			p.structType(o.OutputName, KindOutput, o.Output, false, false))
	}
	sent := p.sentShapes()
	for _, s := range p.TypeShapes {
		name := "types." + p.TypeName(s)
		switch {
		case s.IsError():
			api.Types = append(api.Types, p.structType(name, KindError, s, false, sent[s]))
		case s.Kind == shapes.KindStructure:
			api.Types = append(api.Types, p.structType(name, KindStructure, s, false, sent[s]))
		case s.Kind == shapes.KindUnion:
			t := APIType{Name: name, Kind: KindUnion, Sent: sent[s]}
			for _, m := range s.Members {
				t.Variants = append(t.Variants, APIVariant{Name: "types." + p.UnionMemberName(m), APIValue: p.memberValue(m, false)})
			}
			api.Types = append(api.Types, t)
		default: // string and int enums
			t := APIType{Name: name, Kind: KindEnum, Sent: sent[s]}
			if s.Kind == shapes.KindIntEnum {
				t.Kind = KindIntEnum
			}
			consts := p.EnumConsts(s)
			for i, v := range s.EnumValues() {
				t.Values = append(t.Values, APIEnumValue{Const: "types." + consts[i], Value: v.Value})
			}
			api.Types = append(api.Types, t)
		}
	}
	slices.SortFunc(api.Operations, func(a, b APIOperation) int { return strings.Compare(a.Method, b.Method) })
	slices.SortFunc(api.Types, func(a, b APIType) int { return strings.Compare(a.Name, b.Name) })
	return api
}

// structType is a structure as the Go type name: an input or output
// (input says which field types it gets, as emitIOStruct writes them) or a
// structure of the types package. s may be nil or Unit: an operation
// without input or output still has an empty structure.
func (p *Plan) structType(name string, kind TypeKind, s *shapes.Shape, input, sent bool) APIType {
	t := APIType{Name: name, Kind: kind, Sent: sent}
	if s == nil || s.IsUnit() {
		return t
	}
	for _, m := range s.Members {
		t.Fields = append(t.Fields, APIField{Name: p.FieldName(m), APIValue: p.memberValue(m, input)})
	}
	if kind == KindError && p.queryCompatible {
		// The fields the awsQueryCompatible protocol adds to every error.
		for _, name := range []string{queryErrorCodeField, queryErrorTypeField} {
			t.Fields = append(t.Fields, APIField{Name: name, APIValue: APIValue{Type: "string"}})
		}
	}
	return t
}

// memberValue describes a structure or union member's Go value.
func (p *Plan) memberValue(m *shapes.Member, input bool) APIValue {
	v := APIValue{Pointer: p.IsPointer(m), Checks: apiChecks(p.checks[m])}
	switch {
	case m.Container.Kind == shapes.KindUnion:
		// The wrapper's Value field holds the value itself, or there is no
		// field when the member carries no value.
		v.Pointer = false
		if !m.Target.IsUnit() {
			v.Type = renderType(p, p.ValueType(m.Target))
		}
	default:
		v.Type = renderType(p, p.FieldType(m, input))
		if isEventStream(m) && p.eventReader[m.Target] != "" {
			v.Pointer = true // the stream's reader
		}
	}
	if HasClientDefault(m) {
		raw, _ := m.Traits.Default()
		v.Default = strings.TrimSpace(raw)
	}
	p.elementChecks(m.Target, "", &v.Elements, map[*shapes.Shape]bool{})
	return v
}

// elementChecks appends the checks of the values inside a list or map, and
// inside the collections those hold.
func (p *Plan) elementChecks(s *shapes.Shape, path string, out *[]APIElementChecks, seen map[*shapes.Shape]bool) {
	if seen[s] {
		return
	}
	seen[s] = true
	defer delete(seen, s)
	type elem struct {
		m    *shapes.Member
		path string
	}
	var inner []elem
	switch s.Kind {
	case shapes.KindList:
		inner = []elem{{s.ListMember(), path + "[i]"}}
	case shapes.KindMap:
		inner = []elem{{s.MapKey(), path + "{k}"}, {s.MapValue(), path + "[k]"}}
	}
	for _, in := range inner {
		if in.m == nil {
			continue
		}
		if c := apiChecks(p.checks[in.m]); c != (APIChecks{MaxLength: -1}) {
			*out = append(*out, APIElementChecks{Path: in.path, Checks: c})
		}
		p.elementChecks(in.m.Target, in.path, out, seen)
	}
}

// apiChecks turns the Plan's checks of a member into their API form.
func apiChecks(c *memberChecks) APIChecks {
	a := APIChecks{MaxLength: -1}
	if c == nil {
		return a
	}
	a.Required, a.UniqueItems = c.required, c.unique
	if c.length != nil {
		a.MinLength, a.MaxLength = max(c.length.min, 0), c.length.max
	}
	if c.label {
		a.MinLength = max(a.MinLength, 1)
	}
	if c.rng != nil {
		a.MinRange, a.MaxRange = c.rng.min, c.rng.max
	}
	if c.pattern != nil {
		a.Pattern = c.pattern.source
	}
	return a
}

// sentShapes returns the shapes whose values go to the service: those
// reachable from an operation's input.
func (p *Plan) sentShapes() map[*shapes.Shape]bool {
	sent := map[*shapes.Shape]bool{}
	var walk func(s *shapes.Shape)
	walk = func(s *shapes.Shape) {
		if s == nil || sent[s] {
			return
		}
		sent[s] = true
		for _, m := range s.Members {
			walk(m.Target)
		}
	}
	for _, o := range p.Operations {
		walk(o.Input)
	}
	return sent
}

// renderType writes a Go type as a user of the package writes it, with the
// types package as "types".
func renderType(p *Plan, t *jen.Statement) string {
	f := jen.NewFile("user")
	f.ImportAlias(p.TypesPath, "types")
	var b strings.Builder
	if err := t.RenderWithFile(&b, f); err != nil {
		panic("gogen: rendering a Go type: " + err.Error()) // the Plan's types are always valid Go
	}
	return b.String()
}
