// Package gogen turns a resolved Smithy service into the files of a Go
// package. A Plan assigns every Go name and type once; the emitters only read
// it, so a naming rule is never computed in two places.
package gogen

import (
	"fmt"
	"go/token"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/naming"
	"github.com/smithygo/smithygo/internal/ruleset"
	"github.com/smithygo/smithygo/internal/shapes"
)

// Config says where the generated package lives.
type Config struct {
	// ImportPath is the Go import path of the generated package.
	ImportPath string
	// Package is the Go package name; empty means derive it from the service.
	Package string
	// Tests adds generated tests (endpoints_gen_test.go, from the model's
	// endpoint test cases) to the package.
	Tests bool
	// ProtocolTests adds protocol_gen_test.go, the model's
	// smithy.test#httpRequestTests and httpResponseTests as Go tests.
	ProtocolTests bool
}

// Plan is everything the emitters need to know about the Go shape of a service.
type Plan struct {
	Svc        *shapes.Service
	Package    string
	ImportPath string
	TypesPath  string
	RegexPath  string

	Operations []*Operation
	// TypeShapes are the shapes emitted into the types package, by Go name.
	TypeShapes []*shapes.Shape

	typeNames   map[*shapes.Shape]string
	fieldNames  map[*shapes.Member]string
	enumConsts  map[*shapes.Shape][]string
	unionNames  map[*shapes.Member]string // union member → wrapper type name
	ioShapes    map[*shapes.Shape]bool    // structures only used as operation input/output
	UnknownName string                    // the unknown-union-member type, "" if no unions
	DocName     string                    // the document type, "" if no documents

	usesRedaction bool // some String method in types needs the redaction helpers
	mainRedaction bool // likewise in the main package
	usesBig       bool // some range check compares a big number

	rules    *ruleset.RuleSet // the parsed endpoint rule set, once endpointRules ran
	rulesErr error
}

// Operation is one operation with its Go names.
type Operation struct {
	Shape      *shapes.Shape
	Name       string
	Input      *shapes.Shape // nil or Unit for none
	Output     *shapes.Shape
	InputName  string
	OutputName string
	// Method is the name of the operation's Client and API method: Name,
	// unless that is a method Client already has ("Options").
	Method string
	// Pages and Items name the paginator methods, "" when there are none
	// (or their names are taken by operations).
	Pages, Items string
}

// methodNames are the methods generated on structures; a member with the same
// Go name gets a "_" suffix so that both can exist.
var methodNames = []string{"String", "GoString", "LogValue", "Validate", "Error", "ErrorCode",
	"ErrorMessage", "ErrorFault", "IsKnown", "Values", "Format", "Unwrap"}

// PackageName derives the Go package name from aws.api#service's sdkId, else
// from the service shape's name: lower case, letters and digits only.
func PackageName(svc *shapes.Shape) string {
	name := svc.ID.Name
	if aws, ok := svc.Traits.AWSService(); ok && aws.SDKID != "" {
		name = aws.SDKID
	}
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9' && b.Len() > 0) {
			b.WriteRune(r)
		}
	}
	name = b.String()
	if name == "" {
		return "service"
	}
	if token.IsKeyword(name) || name == "main" {
		// "package map" does not parse and "package main" cannot be imported.
		name += "svc"
	}
	return name
}

// NewPlan assigns Go names to everything in the service.
func NewPlan(svc *shapes.Service, cfg Config) (*Plan, error) {
	p := &Plan{
		Svc:        svc,
		Package:    cfg.Package,
		ImportPath: cfg.ImportPath,
		typeNames:  map[*shapes.Shape]string{},
		fieldNames: map[*shapes.Member]string{},
		enumConsts: map[*shapes.Shape][]string{},
		unionNames: map[*shapes.Member]string{},
		ioShapes:   map[*shapes.Shape]bool{},
	}
	if p.Package == "" {
		p.Package = PackageName(svc.Shape)
	}
	p.TypesPath = cfg.ImportPath + "/types"
	p.RegexPath = cfg.ImportPath + "/internal/ecmaregex"

	// Structures reached only as an operation's input or output become the
	// operation's XxxInput/XxxOutput in the main package, not types.
	targeted := map[*shapes.Shape]bool{}
	hasDoc := false
	for _, s := range svc.Shapes {
		for _, m := range s.Members {
			targeted[m.Target] = true
			hasDoc = hasDoc || m.Target.Kind == shapes.KindDocument
		}
	}
	for _, op := range svc.Operations {
		for _, io := range []*shapes.Shape{op.Input, op.Output} {
			if io != nil && !targeted[io] {
				p.ioShapes[io] = true
			}
		}
	}

	// Main package names.
	mainScope := naming.NewScope("API", "Options", "InvalidParamsError", "Violation", "Client", "New",
		"OperationError", "GenericAPIError", "Credentials", "CredentialsProvider", "StaticCredentials",
		"AnonymousCredentials", "HTTPClient", "ValidationMode", "ValidateRequired", "ValidateAll", "ValidateNone",
		"WaiterError")
	for _, op := range svc.Operations {
		o := &Operation{Shape: op, Name: naming.Exported(svc.Name(op)), Input: op.Input, Output: op.Output}
		o.InputName, o.OutputName = o.Name+"Input", o.Name+"Output"
		for _, n := range []string{o.InputName, o.OutputName} {
			if !mainScope.Claim(n) {
				return nil, fmt.Errorf("%s: Go name %s is already taken in package %s", op.ID, n, p.Package)
			}
		}
		o.Method = o.Name
		if o.Method == "Options" {
			o.Method = "Options_"
		}
		p.Operations = append(p.Operations, o)
		for _, io := range []*shapes.Shape{op.Input, op.Output} {
			if io != nil {
				p.nameFields(io)
			}
		}
	}

	// Types package names: shapes first (they own their names), then the
	// names the generator invents (enum constants, union wrappers, helpers).
	typesScope := naming.NewScope()
	hasUnion := false
	for _, s := range svc.Shapes {
		switch {
		case s.Kind == shapes.KindStructure && (p.ioShapes[s] || s.IsUnit()):
			continue
		case s.Kind == shapes.KindStructure, s.Kind == shapes.KindUnion, s.IsEnum(), s.Kind == shapes.KindIntEnum:
		default:
			continue
		}
		name := naming.Exported(svc.Name(s))
		if !typesScope.Claim(name) {
			return nil, fmt.Errorf("%s: Go name %s is already taken in package types", s.ID, name)
		}
		p.typeNames[s] = name
		p.TypeShapes = append(p.TypeShapes, s)
		if s.Kind == shapes.KindUnion {
			hasUnion = true
		}
	}
	if hasDoc {
		// The document type comes with a constructor, New<Name>: both names must be free.
		name := "Document"
		for typesScope.Taken(name) || typesScope.Taken("New"+name) {
			name += "_"
		}
		typesScope.Claim(name)
		typesScope.Claim("New" + name)
		p.DocName = name
	}
	if hasUnion {
		p.UnknownName = typesScope.Unique("UnknownUnionMember")
	}
	for _, s := range p.TypeShapes {
		name := p.typeNames[s]
		switch {
		case s.IsEnum() || s.Kind == shapes.KindIntEnum:
			for _, v := range s.EnumValues() {
				suffix := v.Name
				if suffix == "" {
					suffix = v.Value
				}
				p.enumConsts[s] = append(p.enumConsts[s], typesScope.Unique(name+naming.EnumMember(suffix)))
			}
		case s.Kind == shapes.KindUnion:
			for _, m := range s.Members {
				p.unionNames[m] = typesScope.Unique(name + "Member" + naming.Exported(m.Name))
			}
			p.nameFields(s)
		default:
			p.nameFields(s)
		}
	}
	return p, nil
}

func (p *Plan) nameFields(s *shapes.Shape) {
	scope := naming.NewScope(methodNames...)
	for _, m := range s.Members {
		if _, done := p.fieldNames[m]; done {
			return
		}
		p.fieldNames[m] = scope.Unique(naming.Exported(m.Name))
	}
}

// TypeName returns the Go name of a shape in the types package.
func (p *Plan) TypeName(s *shapes.Shape) string { return p.typeNames[s] }

// FieldName returns the Go field name of a structure member.
func (p *Plan) FieldName(m *shapes.Member) string { return p.fieldNames[m] }

// EnumConsts returns the Go constant names of an enum's values, in order.
func (p *Plan) EnumConsts(s *shapes.Shape) []string { return p.enumConsts[s] }

// UnionMemberName returns the Go name of a union member's wrapper type.
func (p *Plan) UnionMemberName(m *shapes.Member) string { return p.unionNames[m] }

// IsPointer reports whether a member's Go field is a pointer: structures
// always are; nil-able kinds and string enums never are (no enum value is
// ""); other scalars, intEnums included (0 can be one of their values), are
// unless their default is Go's zero value (see HasValueDefault).
func (p *Plan) IsPointer(m *shapes.Member) bool {
	t := m.Target
	switch {
	case t.Kind == shapes.KindStructure:
		return true
	case nilableKind(t), t.IsEnum():
		return false
	}
	return !HasValueDefault(m)
}

// HasClientDefault reports whether a member has a non-null default that the
// client honours (clientOptional members are always nullable).
func HasClientDefault(m *shapes.Member) bool {
	return m.Traits.HasNonNullDefault() && !m.Traits.Has(shapes.TraitClientOptional)
}

// HasValueDefault reports whether a member's Go field is a value because of
// its default: the client honours a default that is Go's zero value (0,
// false, ""), so a zero field means the default. A member whose default is
// something else (MaxResults = 1000) stays a pointer, so that unset can be
// told from an explicit zero: nil is sent as nothing at the top of an input
// (the service applies its default) and as the default inside a structure.
func HasValueDefault(m *shapes.Member) bool {
	return HasClientDefault(m) && zeroDefault(m)
}

// zeroDefault reports whether a member's default value is its Go type's
// zero value (or an empty list, map or blob, which are nil-able anyway).
func zeroDefault(m *shapes.Member) bool {
	if m.Target.Kind == shapes.KindTimestamp {
		return false // the zero time.Time is not the epoch a default of 0 means
	}
	raw, _ := m.Traits.Default()
	switch raw = strings.TrimSpace(raw); raw {
	case "false", `""`, "[]", "{}":
		return true
	}
	f, err := strconv.ParseFloat(raw, 64)
	return err == nil && f == 0
}

// IsStreaming reports whether the member is a streaming blob.
func IsStreaming(m *shapes.Member) bool {
	return m.Target.Kind == shapes.KindBlob && m.Target.Traits.Streaming()
}

// FieldType is the Go type of a structure member, as seen from the package
// with import path from. input says whether the member belongs to an input
// (a streaming blob is an io.Reader in inputs, an io.ReadCloser in outputs).
func (p *Plan) FieldType(m *shapes.Member, input bool) *jen.Statement {
	if IsStreaming(m) {
		if input {
			return jen.Qual("io", "Reader")
		}
		return jen.Qual("io", "ReadCloser")
	}
	t := p.ValueType(m.Target)
	if p.IsPointer(m) {
		return jen.Op("*").Add(t)
	}
	return t
}

// ValueType is the Go type of a value of shape s (not a pointer for scalars).
func (p *Plan) ValueType(s *shapes.Shape) *jen.Statement {
	switch s.Kind {
	case shapes.KindBlob:
		return jen.Index().Byte()
	case shapes.KindBoolean:
		return jen.Bool()
	case shapes.KindString:
		if s.IsEnum() {
			return jen.Qual(p.TypesPath, p.typeNames[s])
		}
		return jen.String()
	case shapes.KindByte:
		return jen.Int8()
	case shapes.KindShort:
		return jen.Int16()
	case shapes.KindInteger:
		return jen.Int32()
	case shapes.KindLong:
		return jen.Int64()
	case shapes.KindFloat:
		return jen.Float32()
	case shapes.KindDouble:
		return jen.Float64()
	case shapes.KindBigInteger:
		return jen.Op("*").Qual("math/big", "Int")
	case shapes.KindBigDecimal:
		return jen.Op("*").Qual("math/big", "Float")
	case shapes.KindTimestamp:
		return jen.Qual("time", "Time")
	case shapes.KindDocument:
		return jen.Qual(p.TypesPath, p.DocName)
	case shapes.KindEnum, shapes.KindIntEnum, shapes.KindStructure, shapes.KindUnion:
		return jen.Qual(p.TypesPath, p.typeNames[s])
	case shapes.KindList:
		return jen.Index().Add(p.ElemType(s.ListMember(), s.Traits.Sparse()))
	case shapes.KindMap:
		return jen.Map(jen.String()).Add(p.ElemType(s.MapValue(), s.Traits.Sparse()))
	}
	panic(fmt.Sprintf("gogen: no Go type for %s (a %s)", s.ID, s.Kind))
}

// ElemType is the Go type of a list element or map value: a value, or a
// pointer in a sparse collection (where null is a legal element).
func (p *Plan) ElemType(m *shapes.Member, sparse bool) *jen.Statement {
	t := p.ValueType(m.Target)
	if sparse && !nilableKind(m.Target) {
		return jen.Op("*").Add(t)
	}
	return t
}

// nilableKind reports whether the Go type of a shape's values can be nil by
// itself (slices, maps, interfaces, big-number pointers), so that it needs
// no pointer to be optional or to be null in a sparse collection.
func nilableKind(s *shapes.Shape) bool {
	switch s.Kind {
	case shapes.KindList, shapes.KindMap, shapes.KindUnion, shapes.KindBlob, shapes.KindDocument,
		shapes.KindBigInteger, shapes.KindBigDecimal:
		return true
	}
	return false
}

// sortedShapes returns shapes sorted by their Go names.
func (p *Plan) sortedShapes(filter func(*shapes.Shape) bool) []*shapes.Shape {
	var out []*shapes.Shape
	for _, s := range p.TypeShapes {
		if filter(s) {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b *shapes.Shape) int { return strings.Compare(p.typeNames[a], p.typeNames[b]) })
	return out
}
