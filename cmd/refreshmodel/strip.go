package main

// documentationTrait is the Smithy trait that carries a shape's or member's
// prose. The upstream values are AWS's text, which this project does not
// redistribute; only our own additions put it back.
const documentationTrait = "smithy.api#documentation"

// proseInTraits lists the traits whose values hold prose besides their facts,
// and drops that prose. Each function names the exact objects whose
// "documentation" field is prose, rather than dropping every key called
// "documentation" anywhere, because trait values also hold user data (an
// example's input, a test's params) where such a key would be a fact.
var proseInTraits = map[string]func(value *node){
	"smithy.rules#endpointRuleSet": func(v *node) {
		v.get("parameters").each(dropDocumentation)
		dropRuleDocumentation(v.get("rules"))
	},
	"smithy.rules#endpointTests": func(v *node) {
		v.get("testCases").each(dropDocumentation)
	},
	"smithy.rules#clientContextParams":      eachDropDocumentation,
	"smithy.api#examples":                   eachDropDocumentation,
	"smithy.api#enum":                       eachDropDocumentation,
	"smithy.waiters#waitable":               eachDropDocumentation,
	"smithy.test#httpRequestTests":          eachDropDocumentation,
	"smithy.test#httpResponseTests":         eachDropDocumentation,
	"smithy.test#httpMalformedRequestTests": eachDropDocumentation,
}

// stripDocumentation removes upstream prose from every shape of the model:
// the documentation trait of shapes and of their members (structure, union
// and enum members, list members, map keys and values), and the prose fields
// inside the traits listed in proseInTraits. Everything else, including
// smithy.api#externalDocumentation (links are facts), is kept.
func stripDocumentation(shapes *node) {
	shapes.each(func(shape *node) {
		stripTraits(shape)
		shape.get("members").each(stripTraits)
		for _, name := range []string{"member", "key", "value"} {
			if m := shape.get(name); m != nil {
				stripTraits(m)
			}
		}
	})
}

// stripTraits drops the prose from the traits of one shape or member. A
// "traits" object that only held documentation goes too, as Smithy's own
// serializer writes no empty traits; one that was already empty upstream
// stays, since removing it would be a change of our own.
func stripTraits(shapeOrMember *node) {
	traits := shapeOrMember.get("traits")
	if traits == nil || len(traits.fields) == 0 {
		return
	}
	traits.remove(documentationTrait)
	if len(traits.fields) == 0 {
		shapeOrMember.remove("traits")
		return
	}
	for _, f := range traits.fields {
		if drop, ok := proseInTraits[f.name]; ok {
			drop(f.val)
		}
	}
}

func dropDocumentation(n *node) { n.remove("documentation") }

func eachDropDocumentation(n *node) { n.each(dropDocumentation) }

// dropRuleDocumentation walks an endpoint rule list; "tree" rules nest
// further rule lists.
func dropRuleDocumentation(rules *node) {
	rules.each(func(rule *node) {
		dropDocumentation(rule)
		dropRuleDocumentation(rule.get("rules"))
	})
}
