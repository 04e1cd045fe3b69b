package shapes

import "fmt"

// Kind is a Smithy shape type.
type Kind int

// The shape types of Smithy 2.0. A Smithy 1.0 "set" is loaded as KindList with
// the uniqueItems trait, as Smithy 2.0 defines it.
const (
	KindInvalid Kind = iota
	KindBlob
	KindBoolean
	KindString
	KindByte
	KindShort
	KindInteger
	KindLong
	KindFloat
	KindDouble
	KindBigInteger
	KindBigDecimal
	KindTimestamp
	KindDocument
	KindEnum
	KindIntEnum
	KindList
	KindMap
	KindStructure
	KindUnion
	KindOperation
	KindService
	KindResource
)

var kindNames = map[string]Kind{
	"blob": KindBlob, "boolean": KindBoolean, "string": KindString,
	"byte": KindByte, "short": KindShort, "integer": KindInteger, "long": KindLong,
	"float": KindFloat, "double": KindDouble, "bigInteger": KindBigInteger,
	"bigDecimal": KindBigDecimal, "timestamp": KindTimestamp, "document": KindDocument,
	"enum": KindEnum, "intEnum": KindIntEnum, "list": KindList, "map": KindMap,
	"structure": KindStructure, "union": KindUnion, "operation": KindOperation,
	"service": KindService, "resource": KindResource,
}

// String returns the Smithy name of the shape type.
func (k Kind) String() string {
	for name, kind := range kindNames {
		if kind == k {
			return name
		}
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// IsNumber reports whether the kind is one of Smithy's number types.
func (k Kind) IsNumber() bool {
	switch k {
	case KindByte, KindShort, KindInteger, KindLong, KindFloat, KindDouble,
		KindBigInteger, KindBigDecimal, KindIntEnum:
		return true
	}
	return false
}

// IsSimple reports whether the kind is a simple (non-aggregate, non-service) type.
func (k Kind) IsSimple() bool {
	return k >= KindBlob && k <= KindIntEnum
}

// Shape is one resolved shape. Fields that do not apply to its kind are zero.
type Shape struct {
	ID     ID
	Kind   Kind
	Traits Traits
	File   string // the file that defined the shape ("" for the prelude)

	// Members holds, in declaration order, the members of a structure, union,
	// enum or intEnum (after mixins are flattened), the single "member" of a
	// list, and the "key" and "value" of a map.
	Members []*Member

	// Operation references.
	Input, Output *Shape
	Errors        []*Shape // operation errors, or service-wide errors for a service

	// Service and resource references.
	Version              string
	Operations           []*Shape
	Resources            []*Shape
	Rename               map[ID]string // service only: shape ID → name inside the service
	Identifiers          []*Member     // resource only, in declaration order
	Properties           []*Member     // resource only
	Create, Put, Read    *Shape
	Update, Delete, List *Shape
	CollectionOperations []*Shape

	// Mixins lists the mixins the shape was flattened from, in order.
	Mixins []*Shape

	// Version10 is true when the shape came from a Smithy 1.0 file.
	Version10 bool
}

// Member is a member of an aggregate shape (or an enum value, or a resource
// identifier/property).
type Member struct {
	ID        ID // e.g. ns#Shape$name
	Name      string
	Target    *Shape
	Traits    Traits
	Container *Shape
}

// Member returns the member called name, or nil.
func (s *Shape) Member(name string) *Member {
	for _, m := range s.Members {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// ListMember returns the element member of a list.
func (s *Shape) ListMember() *Member { return s.Member("member") }

// MapKey returns the key member of a map.
func (s *Shape) MapKey() *Member { return s.Member("key") }

// MapValue returns the value member of a map.
func (s *Shape) MapValue() *Member { return s.Member("value") }

// IsEnum reports whether the shape is an enum: an enum shape, or (Smithy 1.0
// style) a string shape with the enum trait.
func (s *Shape) IsEnum() bool {
	if s.Kind == KindEnum {
		return true
	}
	return s.Kind == KindString && s.Traits.Has(TraitEnum)
}

// IsUnit reports whether the shape is smithy.api#Unit (or another unitType structure).
func (s *Shape) IsUnit() bool {
	return s.Kind == KindStructure && s.Traits.Has("smithy.api#unitType")
}

// IsService reports whether s is a service a client can call: a service
// shape that is not a mixin, which exists only to lend its operations,
// resources, errors and traits to the services that name it.
func (s *Shape) IsService() bool { return s.Kind == KindService && !s.Traits.Has(TraitMixin) }

// IsError reports whether the shape is an error structure.
func (s *Shape) IsError() bool { return s.Kind == KindStructure && s.Traits.Has(TraitError) }

// EnumValue is one value of an enum or intEnum.
type EnumValue struct {
	Name       string // the member name (or, for an unnamed enum-trait value, "")
	Value      string // the string value; for intEnum the decimal integer
	IntValue   int64  // intEnum only
	Doc        string
	Deprecated bool
	Member     *Member // nil for values that came from the enum trait
}

// EnumValues lists the values of an enum, intEnum or enum-trait string, in
// declaration order.
func (s *Shape) EnumValues() []EnumValue {
	switch {
	case s.Kind == KindEnum || s.Kind == KindIntEnum:
		out := make([]EnumValue, 0, len(s.Members))
		for _, m := range s.Members {
			ev := EnumValue{Name: m.Name, Doc: m.Traits.Documentation(), Deprecated: m.Traits.Has(TraitDeprecated), Member: m}
			v := m.Traits.get(TraitEnumValue)
			if s.Kind == KindIntEnum {
				ev.IntValue = v.Int()
				ev.Value = v.Raw
			} else {
				ev.Value = m.Name
				if v.Exists() {
					ev.Value = v.String()
				}
			}
			out = append(out, ev)
		}
		return out
	case s.Kind == KindString:
		var out []EnumValue
		for _, v := range s.Traits.get(TraitEnum).Array() {
			out = append(out, EnumValue{
				Name:       v.Get("name").String(),
				Value:      v.Get("value").String(),
				Doc:        v.Get("documentation").String(),
				Deprecated: v.Get("deprecated").Bool(),
			})
		}
		return out
	}
	return nil
}
