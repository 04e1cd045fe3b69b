package ecmaregex

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The fixed sets of the escapes are built by functions rather than kept in
// package variables, so that the package has no mutable global state and
// no init-time work; they are only called while compiling.

// digitRanges is \d.
func digitRanges() []runeRange { return []runeRange{{'0', '9'}} }

// wordRanges is \w.
func wordRanges() []runeRange {
	return []runeRange{{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}}
}

// spaceRanges is Java's \s without UNICODE_CHARACTER_CLASS: ASCII only,
// space and \t \n \v \f \r (ECMA-262's also has NBSP, ZWNBSP and every
// Zs and line terminator, which Java services reject).
func spaceRanges() []runeRange {
	return []runeRange{{'\t', '\r'}, {' ', ' '}}
}

// verticalSpaceRanges is Java's \v: \n \v \f \r, NEL, LS and PS.
func verticalSpaceRanges() []runeRange {
	return []runeRange{{'\n', '\r'}, {0x85, 0x85}, {0x2028, 0x2029}}
}

// horizontalSpaceRanges is Java's \h.
func horizontalSpaceRanges() []runeRange {
	return []runeRange{
		{'\t', '\t'}, {' ', ' '}, {0xA0, 0xA0}, {0x1680, 0x1680}, {0x180E, 0x180E},
		{0x2000, 0x200A}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000},
	}
}

// dotRanges is what Java's . matches without DOTALL: every code point
// except its line terminators \n, \r, NEL, LS and PS (ECMA-262's . also
// matches NEL).
func dotRanges() []runeRange {
	return []runeRange{{0, 0x09}, {0x0B, 0x0C}, {0x0E, 0x84}, {0x86, 0x2027}, {0x202A, unicode.MaxRune}}
}

// runeSet is a union of ranges and properties, the contents of a class
// while it is being parsed. A set that comes from a single escape is
// either only ranges or exactly one item, which is what negate relies on.
type runeSet struct {
	ranges []runeRange
	items  []propItem
}

func (s *runeSet) add(o runeSet) {
	s.ranges = append(s.ranges, o.ranges...)
	s.items = append(s.items, o.items...)
}

// negate returns the complement of a set produced by a single escape.
func (s runeSet) negate() runeSet {
	if len(s.items) == 0 {
		return runeSet{ranges: complement(s.ranges)}
	}
	it := s.items[0]
	it.neg = !it.neg
	return runeSet{items: []propItem{it}}
}

// normalize returns a sorted copy of rs with overlapping and adjacent
// ranges merged.
func normalize(rs []runeRange) []runeRange {
	out := append([]runeRange(nil), rs...)
	sort.Slice(out, func(i, j int) bool { return out[i].lo < out[j].lo })
	n := 0
	for _, r := range out {
		if n > 0 && r.lo <= out[n-1].hi+1 {
			if r.hi > out[n-1].hi {
				out[n-1].hi = r.hi
			}
			continue
		}
		out[n] = r
		n++
	}
	return out[:n]
}

func complement(rs []runeRange) []runeRange {
	var out []runeRange
	next := rune(0)
	for _, r := range normalize(rs) {
		if r.lo > next {
			out = append(out, runeRange{next, r.lo - 1})
		}
		next = r.hi + 1
	}
	if next <= unicode.MaxRune {
		out = append(out, runeRange{next, unicode.MaxRune})
	}
	return out
}

func newClass(s runeSet, neg bool) charClass {
	c := charClass{neg: neg, items: s.items}
	all := normalize(s.ranges)
	for r := rune(0); r < utf8.RuneSelf; r++ {
		in := false
		for _, rr := range all {
			if rr.lo <= r && r <= rr.hi {
				in = true
				break
			}
		}
		for i := 0; !in && i < len(c.items); i++ {
			in = c.items[i].has(r)
		}
		if in != neg {
			c.ascii[r>>6] |= 1 << uint(r&63)
		}
	}
	// The bitmap answers for ASCII, so the ranges need only the rest.
	for _, rr := range all {
		if rr.hi >= utf8.RuneSelf {
			if rr.lo < utf8.RuneSelf {
				rr.lo = utf8.RuneSelf
			}
			c.ranges = append(c.ranges, rr)
		}
	}
	return c
}

func tables(ts ...*unicode.RangeTable) []*unicode.RangeTable { return ts }

func itemSet(in, out []*unicode.RangeTable) runeSet {
	return runeSet{items: []propItem{{in: in, out: out}}}
}

func rangeSet(rs ...runeRange) runeSet { return runeSet{ranges: rs} }

// assignedTables lists every general category except Cn. It avoids
// unicode.C, which includes Cn since Go 1.25 but not before.
func assignedTables() []*unicode.RangeTable {
	return tables(unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z,
		unicode.Cc, unicode.Cf, unicode.Co, unicode.Cs)
}

// unicodeProperty resolves the text between the braces of \p{...}; fold
// is set under (?i). It returns a non-empty message when the property is
// unknown or unsupported, with javaKnows set when java.util.regex accepts
// the name.
func unicodeProperty(spec string, fold bool) (set runeSet, msg string, javaKnows bool) {
	if i := strings.IndexByte(spec, '='); i >= 0 {
		name, value := spec[:i], spec[i+1:]
		switch name {
		case "General_Category", "gc":
			if s, ok := generalCategory(value); ok {
				return s, "", false
			}
			return runeSet{}, "unknown General_Category value " + strconv.Quote(value), false
		case "Script", "sc":
			if s, ok := script(value); ok {
				return s, "", false
			}
			return runeSet{}, "unknown or unsupported Script value " + strconv.Quote(value), false
		case "Script_Extensions", "scx":
			return runeSet{}, "Script_Extensions is not supported (Go's unicode package has no data for it)", false
		case "block", "blk":
			return runeSet{}, "Unicode blocks are not supported", true
		}
		return runeSet{}, "unknown Unicode property " + strconv.Quote(name), false
	}
	if fold {
		// Java, under (?i), widens each case category to all three.
		switch strings.TrimPrefix(spec, "Is") {
		case "Lu", "Ll", "Lt":
			return itemSet(tables(unicode.Lu, unicode.Ll, unicode.Lt), nil), "", true
		}
	}
	// Java's POSIX names come first: see the package documentation.
	if s, ok := javaPOSIX(spec); ok {
		return s, "", true
	}
	if s, ok := generalCategory(spec); ok {
		return s, "", true
	}
	if s, ok := binaryProperty(spec); ok {
		return s, "", true
	}
	if unsupportedProperty(spec) {
		return runeSet{}, "Unicode property " + strconv.Quote(spec) + " is not supported (Go's unicode package has no data for it)", false
	}
	if len(spec) > 2 && strings.HasPrefix(spec, "Is") {
		if s, ok := javaIs(spec[2:]); ok {
			return s, "", true
		}
	}
	if len(spec) > 2 && strings.HasPrefix(spec, "In") {
		return runeSet{}, "Unicode blocks (\\p{InName}) are not supported", true
	}
	if strings.HasPrefix(spec, "java") {
		return runeSet{}, "Java's java.lang.Character properties (\\p{javaName}) are not supported", true
	}
	return runeSet{}, "unknown Unicode property " + strconv.Quote(spec), false
}

// javaPOSIX resolves java.util.regex's US-ASCII POSIX class names.
func javaPOSIX(name string) (runeSet, bool) {
	switch name {
	case "Lower":
		return rangeSet(runeRange{'a', 'z'}), true
	case "Upper":
		return rangeSet(runeRange{'A', 'Z'}), true
	case "ASCII":
		return rangeSet(runeRange{0, 0x7F}), true
	case "Alpha":
		return rangeSet(runeRange{'A', 'Z'}, runeRange{'a', 'z'}), true
	case "Digit":
		return rangeSet(runeRange{'0', '9'}), true
	case "Alnum":
		return rangeSet(runeRange{'0', '9'}, runeRange{'A', 'Z'}, runeRange{'a', 'z'}), true
	case "Punct":
		return rangeSet(runeRange{'!', '/'}, runeRange{':', '@'}, runeRange{'[', '`'}, runeRange{'{', '~'}), true
	case "Graph":
		return rangeSet(runeRange{'!', '~'}), true
	case "Print":
		return rangeSet(runeRange{' ', '~'}), true
	case "Blank":
		return rangeSet(runeRange{'\t', '\t'}, runeRange{' ', ' '}), true
	case "Cntrl":
		return rangeSet(runeRange{0, 0x1F}, runeRange{0x7F, 0x7F}), true
	case "XDigit":
		return rangeSet(runeRange{'0', '9'}, runeRange{'A', 'F'}, runeRange{'a', 'f'}), true
	case "Space":
		return rangeSet(runeRange{'\t', '\r'}, runeRange{' ', ' '}), true
	case "all": // Java's name for every code point
		return rangeSet(runeRange{0, unicode.MaxRune}), true
	case "L1": // Java: Latin-1
		return rangeSet(runeRange{0, 0xFF}), true
	case "LD": // Java: a letter or a decimal digit
		return itemSet(tables(unicode.L, unicode.Nd), nil), true
	}
	return runeSet{}, false
}

// javaIs resolves the part after Java's "Is" prefix: a binary property
// (ignoring case, with or without underscores), a name \p{...} accepts
// without the prefix, or a script (ignoring case).
func javaIs(name string) (runeSet, bool) {
	switch strings.ReplaceAll(strings.ToUpper(name), "_", "") {
	case "ALPHABETIC":
		name = "Alphabetic"
	case "LETTER":
		name = "L"
	case "IDEOGRAPHIC":
		name = "Ideographic"
	case "LOWERCASE":
		name = "Lowercase"
	case "UPPERCASE":
		name = "Uppercase"
	case "TITLECASE":
		name = "Lt"
	case "PUNCTUATION":
		name = "P"
	case "CONTROL":
		name = "Cc"
	case "DIGIT":
		name = "Nd"
	case "WHITESPACE":
		name = "White_Space"
	case "HEXDIGIT":
		name = "Hex_Digit"
	case "JOINCONTROL":
		name = "Join_Control"
	case "NONCHARACTERCODEPOINT":
		name = "Noncharacter_Code_Point"
	case "ASSIGNED":
		name = "Assigned"
	}
	if s, ok := javaPOSIX(name); ok {
		return s, true
	}
	if s, ok := generalCategory(name); ok {
		return s, true
	}
	if s, ok := binaryProperty(name); ok {
		return s, true
	}
	if s, ok := script(name); ok {
		return s, true
	}
	for long := range unicode.Scripts {
		if strings.EqualFold(long, name) {
			return script(long)
		}
	}
	return runeSet{}, false
}

// generalCategory resolves a General_Category value or alias.
func generalCategory(v string) (runeSet, bool) {
	switch v {
	case "Other":
		v = "C"
	case "Control", "cntrl":
		v = "Cc"
	case "Format":
		v = "Cf"
	case "Unassigned":
		v = "Cn"
	case "Private_Use":
		v = "Co"
	case "Surrogate":
		v = "Cs"
	case "Letter":
		v = "L"
	case "Cased_Letter":
		v = "LC"
	case "Lowercase_Letter":
		v = "Ll"
	case "Modifier_Letter":
		v = "Lm"
	case "Other_Letter":
		v = "Lo"
	case "Titlecase_Letter":
		v = "Lt"
	case "Uppercase_Letter":
		v = "Lu"
	case "Mark", "Combining_Mark":
		v = "M"
	case "Spacing_Mark":
		v = "Mc"
	case "Enclosing_Mark":
		v = "Me"
	case "Nonspacing_Mark":
		v = "Mn"
	case "Number":
		v = "N"
	case "Decimal_Number", "digit":
		v = "Nd"
	case "Letter_Number":
		v = "Nl"
	case "Other_Number":
		v = "No"
	case "Punctuation", "punct":
		v = "P"
	case "Connector_Punctuation":
		v = "Pc"
	case "Dash_Punctuation":
		v = "Pd"
	case "Close_Punctuation":
		v = "Pe"
	case "Final_Punctuation":
		v = "Pf"
	case "Initial_Punctuation":
		v = "Pi"
	case "Other_Punctuation":
		v = "Po"
	case "Open_Punctuation":
		v = "Ps"
	case "Symbol":
		v = "S"
	case "Currency_Symbol":
		v = "Sc"
	case "Modifier_Symbol":
		v = "Sk"
	case "Math_Symbol":
		v = "Sm"
	case "Other_Symbol":
		v = "So"
	case "Separator":
		v = "Z"
	case "Line_Separator":
		v = "Zl"
	case "Paragraph_Separator":
		v = "Zp"
	case "Space_Separator":
		v = "Zs"
	}
	switch v {
	case "C":
		// ECMA's C includes the unassigned code points (Cn), so it is
		// everything outside the other six major categories.
		return runeSet{items: []propItem{{in: tables(unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z), neg: true}}}, true
	case "Cn":
		// A code point in no category table is unassigned.
		return runeSet{items: []propItem{{in: assignedTables(), neg: true}}}, true
	case "LC":
		return itemSet(tables(unicode.Lu, unicode.Ll, unicode.Lt), nil), true
	}
	if t, ok := unicode.Categories[v]; ok {
		return itemSet(tables(t), nil), true
	}
	return runeSet{}, false
}

// binaryProperty resolves the ECMA-262 binary properties that can be
// expressed with Go's tables, by name or alias. The derived ones follow
// their definitions in Unicode's DerivedCoreProperties.txt.
func binaryProperty(name string) (runeSet, bool) {
	switch name {
	case "Any":
		return rangeSet(runeRange{0, unicode.MaxRune}), true
	case "ASCII":
		return rangeSet(runeRange{0, 0x7F}), true
	case "Assigned":
		return itemSet(assignedTables(), nil), true
	case "Alphabetic": // its alias Alpha is Java's [a-zA-Z]
		return itemSet(tables(unicode.L, unicode.Nl, unicode.Other_Alphabetic), nil), true
	case "Lowercase": // its alias Lower is Java's [a-z]
		return itemSet(tables(unicode.Ll, unicode.Other_Lowercase), nil), true
	case "Uppercase": // its alias Upper is Java's [A-Z]
		return itemSet(tables(unicode.Lu, unicode.Other_Uppercase), nil), true
	case "Cased":
		return itemSet(tables(unicode.Ll, unicode.Other_Lowercase, unicode.Lu, unicode.Other_Uppercase, unicode.Lt), nil), true
	case "Math":
		return itemSet(tables(unicode.Sm, unicode.Other_Math), nil), true
	case "ID_Start", "IDS":
		return itemSet(tables(unicode.L, unicode.Nl, unicode.Other_ID_Start),
			tables(unicode.Pattern_Syntax, unicode.Pattern_White_Space)), true
	case "ID_Continue", "IDC":
		return itemSet(tables(unicode.L, unicode.Nl, unicode.Other_ID_Start, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc, unicode.Other_ID_Continue),
			tables(unicode.Pattern_Syntax, unicode.Pattern_White_Space)), true
	case "Grapheme_Extend", "Gr_Ext":
		return itemSet(tables(unicode.Me, unicode.Mn, unicode.Other_Grapheme_Extend), nil), true
	case "Grapheme_Base", "Gr_Base":
		return itemSet(assignedTables(), tables(unicode.Cc, unicode.Cf, unicode.Cs, unicode.Co, unicode.Zl, unicode.Zp,
			unicode.Me, unicode.Mn, unicode.Other_Grapheme_Extend)), true
	}
	var t *unicode.RangeTable
	switch name {
	case "ASCII_Hex_Digit", "AHex":
		t = unicode.ASCII_Hex_Digit
	case "Bidi_Control", "Bidi_C":
		t = unicode.Bidi_Control
	case "Dash":
		t = unicode.Dash
	case "Deprecated", "Dep":
		t = unicode.Deprecated
	case "Diacritic", "Dia":
		t = unicode.Diacritic
	case "Extender", "Ext":
		t = unicode.Extender
	case "Hex_Digit", "Hex":
		t = unicode.Hex_Digit
	case "IDS_Binary_Operator", "IDSB":
		t = unicode.IDS_Binary_Operator
	case "IDS_Trinary_Operator", "IDST":
		t = unicode.IDS_Trinary_Operator
	case "Ideographic", "Ideo":
		t = unicode.Ideographic
	case "Join_Control", "Join_C":
		t = unicode.Join_Control
	case "Logical_Order_Exception", "LOE":
		t = unicode.Logical_Order_Exception
	case "Noncharacter_Code_Point", "NChar":
		t = unicode.Noncharacter_Code_Point
	case "Pattern_Syntax", "Pat_Syn":
		t = unicode.Pattern_Syntax
	case "Pattern_White_Space", "Pat_WS":
		t = unicode.Pattern_White_Space
	case "Quotation_Mark", "QMark":
		t = unicode.Quotation_Mark
	case "Radical":
		t = unicode.Radical
	case "Regional_Indicator", "RI":
		t = unicode.Regional_Indicator
	case "Sentence_Terminal", "STerm":
		t = unicode.Sentence_Terminal
	case "Soft_Dotted", "SD":
		t = unicode.Soft_Dotted
	case "Terminal_Punctuation", "Term":
		t = unicode.Terminal_Punctuation
	case "Unified_Ideograph", "UIdeo":
		t = unicode.Unified_Ideograph
	case "Variation_Selector", "VS":
		t = unicode.Variation_Selector
	case "White_Space", "space":
		t = unicode.White_Space
	default:
		return runeSet{}, false
	}
	return itemSet(tables(t), nil), true
}

// unsupportedProperty reports whether name is an ECMA-262 binary property
// (or alias) that Go's unicode package has no data for, so that the error
// can say "not supported" rather than "unknown".
func unsupportedProperty(name string) bool {
	switch name {
	case "Bidi_Mirrored", "Bidi_M", "Case_Ignorable", "CI",
		"Changes_When_Casefolded", "CWCF", "Changes_When_Casemapped", "CWCM",
		"Changes_When_Lowercased", "CWL", "Changes_When_NFKC_Casefolded", "CWKCF",
		"Changes_When_Titlecased", "CWT", "Changes_When_Uppercased", "CWU",
		"Default_Ignorable_Code_Point", "DI", "Emoji", "Emoji_Component", "EComp",
		"Emoji_Modifier", "EMod", "Emoji_Modifier_Base", "EBase",
		"Emoji_Presentation", "EPres", "Extended_Pictographic", "ExtPict",
		"XID_Continue", "XIDC", "XID_Start", "XIDS":
		return true
	}
	return false
}

// script resolves a Script value: a long name as used by Go's
// unicode.Scripts, or its ISO 15924 alias.
func script(v string) (runeSet, bool) {
	if long := scriptAlias(v); long != "" {
		v = long
	}
	if v == "Unknown" {
		// Code points in no script. Go has no table for it, so it is the
		// complement of all of them.
		all := make([]*unicode.RangeTable, 0, len(unicode.Scripts))
		for _, t := range unicode.Scripts {
			all = append(all, t)
		}
		return runeSet{items: []propItem{{in: all, neg: true}}}, true
	}
	if t, ok := unicode.Scripts[v]; ok {
		return itemSet(tables(t), nil), true
	}
	return runeSet{}, false
}

// scriptAlias maps the ISO 15924 short names of PropertyValueAliases.txt
// to the long names used as keys of unicode.Scripts.
func scriptAlias(v string) string {
	switch v {
	case "Adlm":
		return "Adlam"
	case "Aghb":
		return "Caucasian_Albanian"
	case "Arab":
		return "Arabic"
	case "Armi":
		return "Imperial_Aramaic"
	case "Armn":
		return "Armenian"
	case "Avst":
		return "Avestan"
	case "Bali":
		return "Balinese"
	case "Bamu":
		return "Bamum"
	case "Bass":
		return "Bassa_Vah"
	case "Batk":
		return "Batak"
	case "Beng":
		return "Bengali"
	case "Bhks":
		return "Bhaiksuki"
	case "Bopo":
		return "Bopomofo"
	case "Brah":
		return "Brahmi"
	case "Brai":
		return "Braille"
	case "Bugi":
		return "Buginese"
	case "Buhd":
		return "Buhid"
	case "Cakm":
		return "Chakma"
	case "Cans":
		return "Canadian_Aboriginal"
	case "Cari":
		return "Carian"
	case "Cher":
		return "Cherokee"
	case "Chrs":
		return "Chorasmian"
	case "Copt", "Qaac":
		return "Coptic"
	case "Cpmn":
		return "Cypro_Minoan"
	case "Cprt":
		return "Cypriot"
	case "Cyrl":
		return "Cyrillic"
	case "Deva":
		return "Devanagari"
	case "Diak":
		return "Dives_Akuru"
	case "Dogr":
		return "Dogra"
	case "Dsrt":
		return "Deseret"
	case "Dupl":
		return "Duployan"
	case "Egyp":
		return "Egyptian_Hieroglyphs"
	case "Elba":
		return "Elbasan"
	case "Elym":
		return "Elymaic"
	case "Ethi":
		return "Ethiopic"
	case "Geor":
		return "Georgian"
	case "Glag":
		return "Glagolitic"
	case "Gong":
		return "Gunjala_Gondi"
	case "Gonm":
		return "Masaram_Gondi"
	case "Goth":
		return "Gothic"
	case "Gran":
		return "Grantha"
	case "Grek":
		return "Greek"
	case "Gujr":
		return "Gujarati"
	case "Guru":
		return "Gurmukhi"
	case "Hang":
		return "Hangul"
	case "Hani":
		return "Han"
	case "Hano":
		return "Hanunoo"
	case "Hatr":
		return "Hatran"
	case "Hebr":
		return "Hebrew"
	case "Hira":
		return "Hiragana"
	case "Hluw":
		return "Anatolian_Hieroglyphs"
	case "Hmng":
		return "Pahawh_Hmong"
	case "Hmnp":
		return "Nyiakeng_Puachue_Hmong"
	case "Hung":
		return "Old_Hungarian"
	case "Ital":
		return "Old_Italic"
	case "Java":
		return "Javanese"
	case "Kali":
		return "Kayah_Li"
	case "Kana":
		return "Katakana"
	case "Khar":
		return "Kharoshthi"
	case "Khmr":
		return "Khmer"
	case "Khoj":
		return "Khojki"
	case "Kits":
		return "Khitan_Small_Script"
	case "Knda":
		return "Kannada"
	case "Kthi":
		return "Kaithi"
	case "Lana":
		return "Tai_Tham"
	case "Laoo":
		return "Lao"
	case "Latn":
		return "Latin"
	case "Lepc":
		return "Lepcha"
	case "Limb":
		return "Limbu"
	case "Lina":
		return "Linear_A"
	case "Linb":
		return "Linear_B"
	case "Lyci":
		return "Lycian"
	case "Lydi":
		return "Lydian"
	case "Mahj":
		return "Mahajani"
	case "Maka":
		return "Makasar"
	case "Mand":
		return "Mandaic"
	case "Mani":
		return "Manichaean"
	case "Marc":
		return "Marchen"
	case "Medf":
		return "Medefaidrin"
	case "Mend":
		return "Mende_Kikakui"
	case "Merc":
		return "Meroitic_Cursive"
	case "Mero":
		return "Meroitic_Hieroglyphs"
	case "Mlym":
		return "Malayalam"
	case "Mong":
		return "Mongolian"
	case "Mroo":
		return "Mro"
	case "Mtei":
		return "Meetei_Mayek"
	case "Mult":
		return "Multani"
	case "Mymr":
		return "Myanmar"
	case "Nagm":
		return "Nag_Mundari"
	case "Nand":
		return "Nandinagari"
	case "Narb":
		return "Old_North_Arabian"
	case "Nbat":
		return "Nabataean"
	case "Nkoo":
		return "Nko"
	case "Nshu":
		return "Nushu"
	case "Ogam":
		return "Ogham"
	case "Olck":
		return "Ol_Chiki"
	case "Orkh":
		return "Old_Turkic"
	case "Orya":
		return "Oriya"
	case "Osge":
		return "Osage"
	case "Osma":
		return "Osmanya"
	case "Ougr":
		return "Old_Uyghur"
	case "Palm":
		return "Palmyrene"
	case "Pauc":
		return "Pau_Cin_Hau"
	case "Perm":
		return "Old_Permic"
	case "Phag":
		return "Phags_Pa"
	case "Phli":
		return "Inscriptional_Pahlavi"
	case "Phlp":
		return "Psalter_Pahlavi"
	case "Phnx":
		return "Phoenician"
	case "Plrd":
		return "Miao"
	case "Prti":
		return "Inscriptional_Parthian"
	case "Rjng":
		return "Rejang"
	case "Rohg":
		return "Hanifi_Rohingya"
	case "Runr":
		return "Runic"
	case "Samr":
		return "Samaritan"
	case "Sarb":
		return "Old_South_Arabian"
	case "Saur":
		return "Saurashtra"
	case "Sgnw":
		return "SignWriting"
	case "Shaw":
		return "Shavian"
	case "Shrd":
		return "Sharada"
	case "Sidd":
		return "Siddham"
	case "Sind":
		return "Khudawadi"
	case "Sinh":
		return "Sinhala"
	case "Sogd":
		return "Sogdian"
	case "Sogo":
		return "Old_Sogdian"
	case "Sora":
		return "Sora_Sompeng"
	case "Soyo":
		return "Soyombo"
	case "Sund":
		return "Sundanese"
	case "Sylo":
		return "Syloti_Nagri"
	case "Syrc":
		return "Syriac"
	case "Tagb":
		return "Tagbanwa"
	case "Takr":
		return "Takri"
	case "Tale":
		return "Tai_Le"
	case "Talu":
		return "New_Tai_Lue"
	case "Taml":
		return "Tamil"
	case "Tang":
		return "Tangut"
	case "Tavt":
		return "Tai_Viet"
	case "Telu":
		return "Telugu"
	case "Tfng":
		return "Tifinagh"
	case "Tglg":
		return "Tagalog"
	case "Thaa":
		return "Thaana"
	case "Tibt":
		return "Tibetan"
	case "Tirh":
		return "Tirhuta"
	case "Tnsa":
		return "Tangsa"
	case "Ugar":
		return "Ugaritic"
	case "Vaii":
		return "Vai"
	case "Vith":
		return "Vithkuqi"
	case "Wara":
		return "Warang_Citi"
	case "Wcho":
		return "Wancho"
	case "Xpeo":
		return "Old_Persian"
	case "Xsux":
		return "Cuneiform"
	case "Yezi":
		return "Yezidi"
	case "Yiii":
		return "Yi"
	case "Zanb":
		return "Zanabazar_Square"
	case "Zinh", "Qaai":
		return "Inherited"
	case "Zyyy":
		return "Common"
	case "Zzzz":
		return "Unknown"
	}
	// Scripts whose short name equals the long one (Ahom, Cham, Kawi, Lisu,
	// Modi, Newa, Thai, Toto) need no mapping.
	return ""
}
