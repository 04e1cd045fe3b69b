package ruleset

// Kind is the static type of a rules-engine value.
type Kind uint8

// The kinds of values. String, Bool and StringArray are also the types of
// parameters; Partition, URL and ARN are the records that aws.partition,
// parseURL and aws.parseArn return; Object and Array are literals.
const (
	String Kind = iota + 1
	Bool
	Int
	StringArray
	Partition
	URL
	ARN
	Object
	Array
)

func (k Kind) String() string {
	switch k {
	case String:
		return "string"
	case Bool:
		return "boolean"
	case Int:
		return "integer"
	case StringArray:
		return "stringArray"
	case Partition:
		return "partition"
	case URL:
		return "URL"
	case ARN:
		return "ARN"
	case Object:
		return "object"
	case Array:
		return "array"
	}
	return "unknown"
}

// Type is the static type of an expression: its kind, and whether it may
// have no value (an unset parameter, or a function that can fail).
type Type struct {
	Kind     Kind
	Optional bool
}

// Fields are the fields of each record kind, with their kinds, in the
// order the specification lists them.
var Fields = map[Kind][]Field{
	Partition: {
		{"name", String}, {"dnsSuffix", String}, {"dualStackDnsSuffix", String},
		{"supportsFIPS", Bool}, {"supportsDualStack", Bool}, {"implicitGlobalRegion", String},
	},
	URL: {{"scheme", String}, {"authority", String}, {"path", String}, {"normalizedPath", String}, {"isIp", Bool}},
	ARN: {{"partition", String}, {"service", String}, {"region", String}, {"accountId", String}, {"resourceId", StringArray}},
}

// Field is one field of a record kind.
type Field struct {
	Name string
	Kind Kind
}

// field returns the kind of record kind k's field name.
func field(k Kind, name string) (Kind, bool) {
	for _, f := range Fields[k] {
		if f.Name == name {
			return f.Kind, true
		}
	}
	return 0, false
}

// Param is a declared rule-set parameter.
type Param struct {
	Name string
	// Type is String, Bool or StringArray.
	Type     Kind
	Required bool
	// Default is the default value (string, bool or []string), or nil.
	Default any
	// BuiltIn names the built-in that supplies the value, such as
	// "AWS::Region", or is empty.
	BuiltIn string
	// Used reports whether any rule refers to the parameter.
	Used bool

	def value
}

// RuleKind says what a rule produces once its conditions hold.
type RuleKind uint8

// The kinds of rules.
const (
	EndpointRule RuleKind = iota
	ErrorRule
	TreeRule
)

// Rule is a rule of any kind.
type Rule struct {
	Kind RuleKind
	// Path is where the rule is in the rule set's JSON, such as
	// "rules[0].rules[2]".
	Path       string
	Conditions []*Condition
	Endpoint   *EndpointSpec // EndpointRule
	Error      Expr          // ErrorRule: the message
	Rules      []*Rule       // TreeRule
}

// Condition is a function call that must hold (give a value other than
// false) for its rule to apply, optionally binding its result to a name.
type Condition struct {
	Path string
	Fn   Expr
	// Assign is the name the result is bound to, or "".
	Assign string
	// Used reports whether the assigned name is referred to.
	Used bool

	slot int // where the interpreter keeps the assigned value
}

// EndpointSpec is the endpoint object of an endpoint rule.
type EndpointSpec struct {
	URL     Expr
	Headers []Header // sorted by name
	// Properties is an Object property, or nil when there are none.
	Properties *Prop
}

// Header is one header and the expressions of its values.
type Header struct {
	Name   string
	Values []Expr
}

// PropKind is the kind of an endpoint property value.
type PropKind uint8

// The kinds of property values.
const (
	PropString PropKind = iota
	PropBool
	PropNumber
	PropArray
	PropObject
)

// Prop is an endpoint property value. Properties are JSON literals whose
// strings are templates.
type Prop struct {
	Kind  PropKind
	Str   Expr    // PropString
	Bool  bool    // PropBool
	Num   float64 // PropNumber
	Elems []Prop  // PropArray, or the values of a PropObject
	Keys  []string
}

// Expr is an expression: *Literal, *Ref, *Call, *GetAttr, *Template,
// *ArrayLiteral or *ObjectLiteral.
type Expr interface {
	// Type is the expression's static type.
	Type() Type
	eval(st *state) value
}

// Literal is a string, bool or integer constant.
type Literal struct {
	Value any // string, bool or int
	v     value
}

// Type implements Expr.
func (e *Literal) Type() Type {
	switch e.Value.(type) {
	case bool:
		return Type{Kind: Bool}
	case int:
		return Type{Kind: Int}
	}
	return Type{Kind: String}
}

// Ref refers to a parameter or to a name a condition assigned.
type Ref struct {
	Name string
	// Param is the parameter referred to, or nil for an assigned name.
	Param *Param
	// Cond is the condition that assigned the name, or nil for a parameter.
	Cond *Condition
	typ  Type
	slot int
}

// Type implements Expr.
func (e *Ref) Type() Type { return e.typ }

// Call is a call of a library function other than getAttr.
type Call struct {
	Fn   string
	Args []Expr
	typ  Type
	impl func(st *state, args []Expr) value
}

// Type implements Expr.
func (e *Call) Type() Type { return e.typ }

// GetAttr is getAttr, or the {name#path} template shorthand.
type GetAttr struct {
	Target Expr
	Path   []PathStep
	typ    Type
}

// Type implements Expr.
func (e *GetAttr) Type() Type { return e.typ }

// PathStep is one step of a getAttr path: a record key or a list index
// (negative indexes count from the end, as rules engine 1.1 allows).
type PathStep struct {
	Key     string
	Index   int
	IsIndex bool
}

// Template is a string with placeholders and more than one part. (An
// all-literal template is a *Literal, and a template that is a single
// placeholder is the placeholder's expression.)
type Template struct {
	Parts []TemplatePart
}

// TemplatePart is a literal (Expr == nil) or a {…} placeholder.
type TemplatePart struct {
	Lit  string
	Expr Expr
}

// Type implements Expr.
func (e *Template) Type() Type {
	t := Type{Kind: String}
	for _, p := range e.Parts {
		if p.Expr != nil && p.Expr.Type().Optional {
			t.Optional = true
		}
	}
	return t
}

// ArrayLiteral is an array literal.
type ArrayLiteral struct{ Elems []Expr }

// Type implements Expr.
func (e *ArrayLiteral) Type() Type {
	for _, el := range e.Elems {
		if el.Type() != (Type{Kind: String}) {
			return Type{Kind: Array}
		}
	}
	return Type{Kind: StringArray}
}

// ObjectLiteral is an object literal.
type ObjectLiteral struct {
	Keys  []string
	Elems []Expr
}

// Type implements Expr.
func (e *ObjectLiteral) Type() Type { return Type{Kind: Object} }
