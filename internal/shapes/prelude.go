package shapes

// prelude lists the smithy.api shapes every model can target. Trait
// definitions are not included: the loader keeps trait values as they are
// written and does not need their shapes.
const prelude = `{"smithy": "2.0", "shapes": {
 "smithy.api#String": {"type": "string"},
 "smithy.api#Blob": {"type": "blob"},
 "smithy.api#BigInteger": {"type": "bigInteger"},
 "smithy.api#BigDecimal": {"type": "bigDecimal"},
 "smithy.api#Timestamp": {"type": "timestamp"},
 "smithy.api#Document": {"type": "document"},
 "smithy.api#Boolean": {"type": "boolean"},
 "smithy.api#Byte": {"type": "byte"},
 "smithy.api#Short": {"type": "short"},
 "smithy.api#Integer": {"type": "integer"},
 "smithy.api#Long": {"type": "long"},
 "smithy.api#Float": {"type": "float"},
 "smithy.api#Double": {"type": "double"},
 "smithy.api#PrimitiveBoolean": {"type": "boolean", "traits": {"smithy.api#default": false}},
 "smithy.api#PrimitiveByte": {"type": "byte", "traits": {"smithy.api#default": 0}},
 "smithy.api#PrimitiveShort": {"type": "short", "traits": {"smithy.api#default": 0}},
 "smithy.api#PrimitiveInteger": {"type": "integer", "traits": {"smithy.api#default": 0}},
 "smithy.api#PrimitiveLong": {"type": "long", "traits": {"smithy.api#default": 0}},
 "smithy.api#PrimitiveFloat": {"type": "float", "traits": {"smithy.api#default": 0}},
 "smithy.api#PrimitiveDouble": {"type": "double", "traits": {"smithy.api#default": 0}},
 "smithy.api#Unit": {"type": "structure", "traits": {"smithy.api#unitType": {}}}
}}`

// boxedPrelude are the prelude shapes that Smithy 1.0 treated as boxed
// (nullable); a 1.0 member targeting any other boolean or number shape without
// @box was non-null with a zero default.
var boxedPrelude = map[string]bool{
	"Boolean": true, "Byte": true, "Short": true, "Integer": true, "Long": true,
	"Float": true, "Double": true, "BigInteger": true, "BigDecimal": true,
}

func (l *loader) addPrelude() error {
	p := &loader{defs: make(map[ID]*rawShape)}
	if err := p.parseFile(Source{Data: []byte(prelude)}); err != nil {
		return err
	}
	for _, id := range p.order {
		rs := p.defs[id]
		if prev, ok := l.defs[id]; ok {
			if prev.canonical != rs.canonical {
				return &Error{File: prev.file, Shape: id.String(), Path: prev.path,
					Msg: "conflicts with the prelude shape of the same ID"}
			}
			continue
		}
		l.defs[id] = rs
		l.order = append(l.order, id)
	}
	return nil
}
