// Package gogen turns a resolved Smithy service into the files of a Go
// package. A Plan assigns every Go name and type once; the emitters only read
// it, so a naming rule is never computed in two places.
package gogen

import (
	"encoding/json"
	"fmt"
	"go/token"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/naming"
	"github.com/smithygo/smithygo/internal/ruleset"
	"github.com/smithygo/smithygo/internal/shapes"
	"github.com/smithygo/smithygo/runtime/ecmaregex"
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
	// Server also writes the package server below the client package: a
	// Service interface and an http.Handler serving it (see server.go).
	Server bool
	// Runtime says whether the runtime packages are copied into the
	// generated package or imported from this module.
	Runtime RuntimeMode
	// Generator and Models, where set, are named on the second line of
	// every file, so that a reviewer can tell what made it: the generator's
	// module and version ("github.com/smithygo/smithygo (devel)") and the
	// digest of each model path it read.
	Generator string
	Models    []shapes.PathDigest
	// Warn receives each warning: something the model asks that the
	// generated code cannot do (a pattern it cannot enforce), which the
	// service still does. nil discards them.
	Warn func(error)
}

// Plan is everything the emitters need to know about the Go shape of a
// service: every name the generated package declares and every decision
// about a member (its Go type, its checks). It is complete when NewPlan
// returns; emitters only read it.
type Plan struct {
	Svc        *shapes.Service
	Package    string
	ImportPath string
	TypesPath  string
	RegexPath  string

	// runtimeMode and runtimeBase say where the runtime packages come from
	// (see runtimeBaseFor).
	runtimeMode RuntimeMode
	runtimeBase string

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
	NewDocName  string                    // its constructor
	// unionMarkers names the unexported method that seals each union.
	unionMarkers map[*shapes.Shape]string

	// Functions of the main package, by the shape they encode, decode,
	// validate or turn into JMESPath data.
	encodeFn, decodeFn, validateFn, requireFn, jmesFn map[*shapes.Shape]string
	// eventReader names the alias of the stream type of each union an
	// output's event stream targets, and eventDecodeFn the function that
	// decodes its events (see planEventStreams).
	eventReader, eventDecodeFn map[*shapes.Shape]string
	// eventNew names the constructor of each reader from a sequence of
	// events (a server's handler's, or a test's).
	eventNew map[*shapes.Shape]string
	// eventEncodeFn names the client's function that frames an event of
	// each union an input's event stream targets.
	eventEncodeFn map[*shapes.Shape]string
	// eventErrorName names the alias of the runtime's EventStreamError in
	// the main package, "" without event streams.
	eventErrorName string
	// membersVar names the jsonwire.Members of each structure: the JSON
	// names its decoders look members up in (see codec.decodeMembersLoop);
	// and the jsonwire.Enum of each enum, the values its decoders return
	// (see codec.enumTable).
	membersVar map[*shapes.Shape]string
	// Validators are the shapes with a validator function, in the order
	// they are emitted.
	Validators []*shapes.Shape
	// Requirers are the shapes with a function that checks their required
	// members only, at every depth (requireFn names it), in the order they
	// are emitted.
	Requirers []*shapes.Shape
	// patternVars names the variable of each enforced pattern; PatternOrder
	// lists the patterns in the order of their variables.
	patternVars  map[string]string
	PatternOrder []string
	// waiterPaths names the variable of each waiter acceptor's compiled
	// JMESPath expression; WaiterPathOrder lists them in order.
	waiterPaths     map[string]string
	WaiterPathOrder []string

	// proto is the protocol the client speaks, the one place that decides
	// it; queryCompatible marks an aws.protocols#awsQueryCompatible service.
	proto           protocol
	queryCompatible bool

	// requestBindings and responseBindings say where each member of an
	// input, output or error travels in the HTTP message.
	requestBindings  map[*Operation]bindings
	responseBindings map[*shapes.Shape]bindings

	inputs map[*shapes.Shape]bool // the operations' input structures
	checks map[*shapes.Member]*memberChecks
	// requiredChecks are the checks of the default Validation mode: the
	// required ones of checks, and nested where a required member lies
	// deeper.
	requiredChecks map[*shapes.Member]*memberChecks
	prepared       map[string]*ecmaregex.Prepared // pattern → its parsed form; nil when unenforceable
	unchecked      map[*shapes.Member]string      // member → why its pattern is not enforced
	uncheckedWhy   map[string]string
	// Warnings are things the generated code cannot do as the model asks
	// (a pattern it cannot enforce), for the user to see; never failures.
	Warnings []error

	usesRedaction bool // some String method in types needs the redaction helpers
	mainRedaction bool // likewise in the main package

	// mainScope and typesScope hold every package-level name of the main
	// and types packages (kept for tests, which check that nothing the
	// package declares is missing from them).
	mainScope, typesScope *naming.Scope

	rules *ruleset.RuleSet // the parsed endpoint rule set, nil when there is none

	auth authPlan // how a call's auth is chosen

	discovery *discoveryPlan // the service's endpoint discovery; nil when it has none

	custom customizations // what the service requires beyond its model (customize.go)

	// server names the server package's declarations; nil unless
	// Config.Server asks for that package.
	server *serverPlan
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
	// The operation's unexported functions and variables: its descriptor,
	// its ValidationMode check, request serializer and response
	// deserializer.
	Desc, Check, Serialize, Deserialize string
	// JMESInput and JMESOutput name the conversions of the input and output
	// into JMESPath data, for operations with waiters.
	JMESInput, JMESOutput string
	// Waiters are the operation's smithy.waiters#waitable entries, by name.
	Waiters []*Waiter
	// Tokens are the @idempotencyToken members that the client fills with
	// a random UUID each when unset, in member order; a member whose own
	// constraints would refuse a UUID is not among them (the caller must
	// then choose its token). Smithy does not limit a structure to one.
	Tokens []*shapes.Member
}

// Waiter is one waiter of an operation.
type Waiter struct {
	Name   string // the waiter's name in the model
	Method string // WaitUntil<Name>
	Def    waiter
}

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

// clash is the error for two model names that want the same Go name.
func clash(scope *naming.Scope, name, owner, pkg string) error {
	prev, _ := scope.Owner(name)
	if prev == "" {
		prev = "the generated code"
	}
	return &shapes.Error{Shape: owner, Msg: fmt.Sprintf("its Go name %s in package %s is already taken by %s", name, pkg, prev)}
}

// NewPlan assigns Go names to everything in the service and decides every
// member's checks.
func NewPlan(svc *shapes.Service, cfg Config) (*Plan, error) {
	proto, err := protocolOf(svc.Shape)
	if err != nil {
		return nil, err
	}
	p := &Plan{
		proto:           proto,
		queryCompatible: svc.Shape.Traits.Has(traitAWSQueryCompatible),
		Svc:             svc,
		Package:         cfg.Package,
		ImportPath:      cfg.ImportPath,
		typeNames:       map[*shapes.Shape]string{},
		fieldNames:      map[*shapes.Member]string{},
		enumConsts:      map[*shapes.Shape][]string{},
		unionNames:      map[*shapes.Member]string{},
		unionMarkers:    map[*shapes.Shape]string{},
		ioShapes:        map[*shapes.Shape]bool{},
		encodeFn:        map[*shapes.Shape]string{},
		decodeFn:        map[*shapes.Shape]string{},
		validateFn:      map[*shapes.Shape]string{},
		requireFn:       map[*shapes.Shape]string{},
		jmesFn:          map[*shapes.Shape]string{},
		eventReader:     map[*shapes.Shape]string{},
		eventDecodeFn:   map[*shapes.Shape]string{},
		eventNew:        map[*shapes.Shape]string{},
		eventEncodeFn:   map[*shapes.Shape]string{},
		membersVar:      map[*shapes.Shape]string{},
		patternVars:     map[string]string{},
		waiterPaths:     map[string]string{},
		unchecked:       map[*shapes.Member]string{},
		uncheckedWhy:    map[string]string{},
	}
	if p.Package == "" {
		p.Package = PackageName(svc.Shape)
	}
	p.TypesPath = cfg.ImportPath + "/types"
	p.runtimeMode = cfg.Runtime
	p.runtimeBase = runtimeBaseFor(cfg.ImportPath, cfg.Runtime)
	p.RegexPath = p.runtimePkg("ecmaregex")
	rt, err := runtimeNames()
	if err != nil {
		return nil, fmt.Errorf("reading the runtime templates: %w", err)
	}

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
	if w := proto.json().wire; hasDoc && w != nil && !w.documents {
		for _, s := range svc.Shapes {
			for _, m := range s.Members {
				if m.Target.Kind == shapes.KindDocument {
					return nil, &shapes.Error{File: s.File, Shape: s.ID.String(),
						Msg: fmt.Sprintf("member %s is a document, which protocol %s cannot carry", m.Name, proto.traitID())}
				}
			}
		}
	}
	if err := checkStreamingBlobs(svc, proto); err != nil {
		return nil, err
	}
	inputs := map[*shapes.Shape]bool{}
	p.inputs = inputs
	for _, op := range svc.Operations {
		for _, io := range []*shapes.Shape{op.Input, op.Output} {
			if io != nil && !targeted[io] {
				p.ioShapes[io] = true
			}
		}
		if op.Input != nil {
			inputs[op.Input] = true
		}
	}

	// The main package: the runtime's names and the emitters' fixed ones
	// first, then the operations' exported names, which the model owns
	// (a clash is an error), then the functions the generator derives.
	mainScope := naming.NewScope(rt.pkg...)
	mainScope.Reserve(fixedMainNames...)
	mainScope.Reserve(importNames...)
	clientScope := naming.NewScope(rt.client...)
	clientScope.Reserve(fixedClientNames...)
	clientScope.Reserve(vetMethods...)
	for _, op := range svc.Operations {
		o := &Operation{Shape: op, Name: naming.Exported(svc.Name(op)), Input: op.Input, Output: op.Output}
		o.InputName, o.OutputName = o.Name+"Input", o.Name+"Output"
		for _, n := range []string{o.InputName, o.OutputName} {
			if !mainScope.Claim(n, op.ID.String()) {
				return nil, clash(mainScope, n, op.ID.String(), p.Package)
			}
		}
		o.Method = clientScope.Unique(o.Name, op.ID.String())
		p.Operations = append(p.Operations, o)
	}
	for _, o := range p.Operations {
		owner := o.Shape.ID.String()
		o.Desc = mainScope.Unique("op"+o.Name, owner)
		o.Check = mainScope.Unique("check"+o.InputName, owner)
		o.Serialize = mainScope.Unique("serialize"+o.InputName, owner)
		o.Deserialize = mainScope.Unique("deserialize"+o.OutputName, owner)
	}
	if err := p.planWaiters(mainScope, clientScope); err != nil {
		return nil, err
	}
	p.planPaginators(clientScope)
	hasWaiters := slices.ContainsFunc(p.Operations, func(o *Operation) bool { return len(o.Waiters) > 0 })
	for _, s := range svc.Shapes {
		if !aggregate(s) {
			continue
		}
		name, owner := naming.Exported(svc.Name(s)), s.ID.String()
		p.encodeFn[s] = mainScope.Unique("encode"+name, owner)
		p.decodeFn[s] = mainScope.Unique("decode"+name, owner)
		if s.Kind == shapes.KindStructure {
			p.membersVar[s] = mainScope.Unique("members"+name, owner)
		}
		if hasWaiters {
			p.jmesFn[s] = mainScope.Unique("jmes"+name, owner)
		}
	}
	planEnumTables(svc, mainScope, p.membersVar)
	p.planEventStreams(mainScope)
	if err := p.planChecks(); err != nil {
		return nil, err
	}
	p.planValidators(mainScope)
	for _, o := range p.Operations {
		o.Tokens = p.fillableTokens(o.Shape)
	}

	// The types package: shapes first (they own their names), then the
	// names the generator invents (enum constants, union wrappers, helpers).
	typesScope := naming.NewScope(fixedTypesNames...)
	typesScope.Reserve(importNames...)
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
		if !typesScope.Claim(name, s.ID.String()) {
			return nil, clash(typesScope, name, s.ID.String(), "types")
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
		typesScope.Claim(name, "")
		typesScope.Claim("New"+name, "")
		p.DocName, p.NewDocName = name, "New"+name
	}
	if hasUnion {
		p.UnknownName = typesScope.Unique("UnknownUnionMember", "")
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
				p.enumConsts[s] = append(p.enumConsts[s], typesScope.Unique(name+naming.EnumMember(suffix), s.ID.String()))
			}
		case s.Kind == shapes.KindUnion:
			// The marker is a method of the wrappers, whose only other
			// methods are String, GoString, Format and LogValue: no
			// "is..." name can clash with them.
			p.unionMarkers[s] = "is" + name
			for _, m := range s.Members {
				p.unionNames[m] = typesScope.Unique(name+"Member"+naming.Exported(m.Name), m.ID.String())
			}
		}
	}

	// Fields: each structure's members, clear of the methods its Go types
	// really have.
	for _, s := range svc.Shapes {
		if s.Kind != shapes.KindStructure && s.Kind != shapes.KindUnion {
			continue
		}
		var methods []string
		if inputs[s] {
			methods = append(methods, inputMethods...)
		}
		if s.Kind == shapes.KindStructure && containsSensitive(s) {
			methods = append(methods, redactingMethods...)
		}
		if s.IsError() {
			methods = append(methods, errorMethods...)
			if p.queryCompatible {
				methods = append(methods, queryErrorCodeField, queryErrorTypeField)
			}
		}
		scope := naming.NewScope(methods...)
		for _, m := range s.Members {
			p.fieldNames[m] = scope.Unique(naming.Exported(m.Name), m.ID.String())
		}
	}
	p.mainScope, p.typesScope = mainScope, typesScope
	if err := p.checkDefaults(); err != nil {
		return nil, err
	}
	p.planBindings()
	p.custom = planCustomizations(p)
	p.planAuth()
	var w error
	if p.discovery, w = planDiscovery(p); w != nil {
		p.Warnings = append(p.Warnings, w)
	}
	if err := p.planEndpointRules(); err != nil {
		return nil, err
	}
	if cfg.Server {
		if err := p.planServer(); err != nil {
			return nil, err
		}
	}
	// The redaction helpers are written where some String method uses them.
	for _, o := range p.Operations {
		for _, io := range []*shapes.Shape{o.Input, o.Output} {
			p.mainRedaction = p.mainRedaction || (io != nil && !io.IsUnit() && containsSensitive(io))
		}
	}
	for _, s := range p.TypeShapes {
		p.usesRedaction = p.usesRedaction || (s.Kind == shapes.KindStructure && containsSensitive(s))
	}
	return p, nil
}

// planBindings sorts the members of every input, output and error by where
// they travel in the HTTP message.
func (p *Plan) planBindings() {
	p.requestBindings = map[*Operation]bindings{}
	p.responseBindings = map[*shapes.Shape]bindings{}
	for _, op := range p.Operations {
		in, out := op.Input, op.Output
		if in != nil && in.IsUnit() {
			in = nil
		}
		if out != nil && out.IsUnit() {
			out = nil
		}
		p.requestBindings[op] = p.proto.bindings(in, false)
		p.responseBindings[out] = p.proto.bindings(out, true)
	}
	for _, s := range p.Svc.Shapes {
		if s.IsError() {
			p.responseBindings[s] = p.proto.bindings(s, true)
		}
	}
}

// planPaginators names each paginated operation's XxxPages and XxxItems
// methods, leaving out one whose name Client already has.
func (p *Plan) planPaginators(client *naming.Scope) {
	for _, op := range p.Operations {
		pg, ok := paginated(p, op.Shape)
		if !ok {
			continue
		}
		if n := op.Name + "Pages"; client.Claim(n, op.Shape.ID.String()) {
			op.Pages = n
		}
		if n := op.Name + "Items"; pg.Items != "" && op.Pages != "" && client.Claim(n, op.Shape.ID.String()) {
			op.Items = n
		}
	}
}

// planValidators names the validator functions and pattern variables in the
// order Validate reaches them: each input's members in turn, then the
// shapes they lead to, breadth first; and then, in the same order, the
// functions that check required members only (the default Validation
// mode's).
func (p *Plan) planValidators(scope *naming.Scope) {
	p.Validators = p.planCheckFns(scope, p.checks, p.validateFn, "validate")
	p.Requirers = p.planCheckFns(scope, p.requiredChecks, p.requireFn, "require")
}

// planCheckFns names, in fns, a function with prefix for each aggregate
// whose members have checks in checks (directly or deeper), and returns
// those aggregates in the order the functions are emitted.
func (p *Plan) planCheckFns(scope *naming.Scope, checks map[*shapes.Member]*memberChecks, fns map[*shapes.Shape]string, prefix string) []*shapes.Shape {
	var queue, order []*shapes.Shape
	visit := func(m *shapes.Member) {
		c := checks[m]
		if c.pattern != nil {
			if _, ok := p.patternVars[c.pattern.source]; !ok {
				p.patternVars[c.pattern.source] = scope.Unique(fmt.Sprintf("pattern%d", len(p.PatternOrder)+1), "")
				p.PatternOrder = append(p.PatternOrder, c.pattern.source)
			}
		}
		if c.nested {
			if _, ok := fns[m.Target]; !ok {
				fns[m.Target] = scope.Unique(prefix+naming.Exported(p.Svc.Name(m.Target)), m.Target.ID.String())
				queue = append(queue, m.Target)
			}
		}
	}
	for _, op := range p.Operations {
		if op.Input == nil || op.Input.IsUnit() {
			continue
		}
		for _, m := range op.Input.Members {
			if checks[m].any() {
				visit(m)
			}
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		order = append(order, s)
		for _, m := range s.Members {
			c := checks[m]
			if (s.Kind == shapes.KindStructure && c.any()) || (s.Kind != shapes.KindStructure && c.value() && !m.Target.IsUnit()) {
				visit(m)
			}
		}
	}
	return order
}

// Checks returns what Validate checks of a member.
func (p *Plan) Checks(m *shapes.Member) *memberChecks { return p.checks[m] }

// Unchecked returns why a member's pattern is not enforced, or "".
func (p *Plan) Unchecked(m *shapes.Member) string { return p.unchecked[m] }

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
	// -0.0 is not Go's zero value, +0: a value field could neither tell it
	// from an explicit +0 nor be sent as +0 at the top of an input.
	f, err := strconv.ParseFloat(raw, 64)
	return err == nil && f == 0 && !math.Signbit(f)
}

// checkDefaults refuses a member whose @default the generated code could
// not hold (a timestamp that is neither epoch seconds nor a date-time, a
// bigInteger with a fraction): the emitters fill in every default the
// client honours, and one left out would leave the field unset while its
// doc says what it defaults to. A stream's default ("") is no value. It
// also refuses a default that breaks the member's constraints
// (defaultBreaks), which Smithy refuses too.
func (p *Plan) checkDefaults() error {
	for _, s := range p.Svc.Shapes {
		if s.Kind != shapes.KindStructure {
			continue
		}
		for _, m := range s.Members {
			if !HasClientDefault(m) || IsStreaming(m) {
				continue
			}
			if raw, _ := m.Traits.Default(); m.Target.Kind == shapes.KindDocument && !emptyOrScalarJSON(raw) {
				// The default trait's rule for documents: a list or map
				// default must be empty.
				return &shapes.Error{File: s.File, Shape: s.ID.String(),
					Msg: fmt.Sprintf("member %s: @default %s of a document must be null, a boolean, a number, a string, or an empty list or map", m.Name, raw)}
			}
			raw, _ := m.Traits.Default()
			if _, err := defaultExpr(p, m); err != nil {
				return &shapes.Error{File: s.File, Shape: s.ID.String(),
					Msg: fmt.Sprintf("member %s: @default %s is not a value of its %s target %s: %v", m.Name, raw, m.Target.Kind, m.Target.ID, err)}
			}
			if why := defaultBreaks(m, raw); why != "" {
				return &shapes.Error{File: s.File, Shape: s.ID.String(),
					Msg: fmt.Sprintf("member %s: @default %s %s", m.Name, raw, why)}
			}
		}
	}
	return nil
}

// emptyOrScalarJSON reports whether raw is a JSON scalar, an empty array
// or an empty object.
func emptyOrScalarJSON(raw string) bool {
	var v any
	if json.Unmarshal([]byte(raw), &v) != nil {
		return false
	}
	switch v := v.(type) {
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return true
}

// checkStreamingBlobs refuses a @streaming blob member that the protocol
// cannot send as a stream: only an @httpPayload member of a protocol with
// HTTP bindings (restJson1) is the message's body, which a stream needs.
// An RPC protocol's input and output are one document, into which the
// generated types' io.Reader and io.ReadCloser could not go.
func checkStreamingBlobs(svc *shapes.Service, proto protocol) error {
	for _, op := range svc.Operations {
		for _, side := range []struct {
			s        *shapes.Shape
			response bool
		}{{op.Input, false}, {op.Output, true}} {
			if side.s == nil {
				continue
			}
			payload := proto.bindings(side.s, side.response).payload
			for _, m := range side.s.Members {
				if IsStreaming(m) && m != payload {
					return &shapes.Error{File: side.s.File, Shape: side.s.ID.String(),
						Msg: fmt.Sprintf("member %s is a @streaming blob, which protocol %s cannot carry here: a blob streams only as a message's whole body, the @httpPayload of a protocol with HTTP bindings (%s)", m.Name, proto.traitID(), shapes.TraitRestJSON1)}
				}
			}
		}
	}
	return nil
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
	if r := p.eventReader[m.Target]; r != "" && isEventStream(m) {
		return jen.Op("*").Id(r)
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

// ElemIsPointer reports whether a list element or map value is a pointer:
// in a sparse collection (where null is a legal element), unless its Go
// type can be nil by itself.
func ElemIsPointer(m *shapes.Member, sparse bool) bool {
	return sparse && !nilableKind(m.Target)
}

// ElemType is the Go type of a list element or map value: a value, or a
// pointer (see ElemIsPointer).
func (p *Plan) ElemType(m *shapes.Member, sparse bool) *jen.Statement {
	t := p.ValueType(m.Target)
	if ElemIsPointer(m, sparse) {
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

// planEnumTables names in scope the jsonwire.Enum of each enum shape of
// svc, into names. They are named after every other shape's functions and
// tables, so that adding them renamed none of those.
func planEnumTables(svc *shapes.Service, scope *naming.Scope, names map[*shapes.Shape]string) {
	for _, s := range svc.Shapes {
		if s.IsEnum() {
			names[s] = scope.Unique("enum"+naming.Exported(svc.Name(s)), s.ID.String())
		}
	}
}
