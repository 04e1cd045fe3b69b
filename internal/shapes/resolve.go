package shapes

import (
	"fmt"
	"iter"
	"slices"

	"github.com/tidwall/gjson"
)

// Model is a loaded and resolved Smithy model.
type Model struct {
	shapes   map[ID]*Shape
	sorted   []*Shape
	metadata Traits    // metadata key → raw JSON
	src      sourceMap // positions in IDL files, for errors found after loading
	warnings []error
}

// Warnings returns the problems that the load options turned from errors
// into warnings (Options.AllowUnknownTraits), in the order found.
func (m *Model) Warnings() []error { return m.warnings }

// Metadata returns the model's metadata value for key as raw JSON (the
// values of all files merged), and whether the key is set.
func (m *Model) Metadata(key string) (raw string, ok bool) { return m.metadata.Raw(key) }

// Locate gives an *Error about a shape of an IDL file the position of that
// shape (or member) as file:line:column, so that errors found by later stages,
// such as the generator, point into IDL files too. Other errors, and errors
// about JSON AST files, are returned unchanged.
func (m *Model) Locate(err error) error { return m.src.locate(err) }

// MetadataKeys returns the model's metadata keys, sorted.
func (m *Model) MetadataKeys() []string { return m.metadata.IDs() }

// Shape returns the shape with the given ID, or nil.
func (m *Model) Shape(id ID) *Shape { return m.shapes[id] }

// Shapes yields every shape, prelude included, in ID order.
func (m *Model) Shapes() iter.Seq[*Shape] { return slices.Values(m.sorted) }

// Len is the number of shapes, prelude included.
func (m *Model) Len() int { return len(m.sorted) }

// Services returns the model's services in ID order, leaving out mixins
// (see Shape.IsService).
func (m *Model) Services() []*Shape {
	var out []*Shape
	for _, s := range m.sorted {
		if s.IsService() {
			out = append(out, s)
		}
	}
	return out
}

func (l *loader) resolve() (*Model, error) {
	if err := l.applyTraits(); err != nil {
		return nil, err
	}
	flat := make(map[ID]*rawShape, len(l.defs))
	for _, id := range l.order {
		if _, err := l.flatten(id, flat, nil); err != nil {
			return nil, err
		}
	}
	m := &Model{shapes: make(map[ID]*Shape, len(flat)), metadata: l.metadata, src: l.src}
	for _, id := range l.order {
		rs := flat[id]
		m.shapes[id] = &Shape{ID: id, Kind: rs.kind, Traits: rs.traits, File: rs.file,
			Version: rs.version, Version10: rs.version10}
	}
	for _, id := range l.order {
		if err := link(m, flat[id]); err != nil {
			return nil, err
		}
	}
	for _, id := range l.order {
		s := m.shapes[id]
		if err := checkShape(s, flat[id]); err != nil {
			return nil, err
		}
	}
	if err := l.checkTraitUses(m); err != nil {
		return nil, err
	}
	for _, id := range l.order {
		applyNullability(m.shapes[id])
	}
	for _, s := range m.shapes {
		m.sorted = append(m.sorted, s)
	}
	slices.SortFunc(m.sorted, func(a, b *Shape) int {
		if a.ID.Less(b.ID) {
			return -1
		}
		if b.ID.Less(a.ID) {
			return 1
		}
		return 0
	})
	return m, nil
}

// applyTraits merges "apply" statements into the raw shapes. Applying a trait
// that is already present is allowed when the values are equal, or when both
// are lists (which are concatenated), as the Smithy spec says.
func (l *loader) applyTraits() error {
	for _, a := range l.applies {
		rs, ok := l.defs[a.target.Shape()]
		if !ok {
			return &Error{File: a.file, Shape: a.target.String(), Path: a.path, Msg: "apply targets a shape that does not exist"}
		}
		dst := &rs.traits
		if a.target.Member != "" {
			var mem *rawMember
			for _, m := range rs.members {
				if m.name == a.target.Member {
					mem = m
				}
			}
			if mem == nil {
				// The member may come from a mixin; keep the traits in an
				// override that flattening merges into the inherited member.
				mem = &rawMember{name: a.target.Member, path: a.path}
				rs.members = append(rs.members, mem)
			}
			dst = &mem.traits
		}
		for _, tid := range a.traits.IDs() {
			raw, _ := a.traits.Raw(tid)
			if err := mergeTrait(dst, tid, raw); err != nil {
				return &Error{File: a.file, Shape: a.target.String(), Path: a.path + ".traits", Msg: err.Error()}
			}
		}
	}
	return nil
}

func mergeTrait(dst *Traits, id, raw string) error {
	old, ok := dst.Raw(id)
	if !ok {
		dst.set(id, raw)
		return nil
	}
	a, b := gjson.Parse(old), gjson.Parse(raw)
	if canonicalJSON(a) == canonicalJSON(b) {
		return nil
	}
	if a.IsArray() && b.IsArray() {
		merged := "[" + trimBrackets(old)
		if inner := trimBrackets(raw); inner != "" {
			if trimBrackets(old) != "" {
				merged += ","
			}
			merged += inner
		}
		dst.set(id, merged+"]")
		return nil
	}
	return fmt.Errorf("conflicting values for trait %s: %s and %s", id, canonicalJSON(a), canonicalJSON(b))
}

func trimBrackets(raw string) string {
	v := gjson.Parse(raw)
	var parts []string
	for _, e := range v.Array() {
		parts = append(parts, e.Raw)
	}
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += ","
		}
		out += p
	}
	return out
}

// flatten returns the shape with its mixins' members and traits copied in,
// as spec/mixins.rst describes: mixin members first (in mixin order, each
// already flattened), then local ones; a local redeclaration overlays its
// traits on the inherited member's.
func (l *loader) flatten(id ID, done map[ID]*rawShape, visiting []ID) (*rawShape, error) {
	if rs, ok := done[id]; ok {
		return rs, nil
	}
	rs := l.defs[id]
	if slices.Contains(visiting, id) {
		return nil, &Error{File: rs.file, Shape: id.String(), Path: rs.path + ".mixins", Msg: "mixin cycle"}
	}
	if len(rs.mixins) == 0 {
		for _, m := range rs.members {
			if m.target == (ID{}) {
				return nil, &Error{File: rs.file, Shape: id.WithMember(m.name).String(), Path: m.path, Msg: "apply targets a member that does not exist"}
			}
		}
		done[id] = rs
		return rs, nil
	}
	out := *rs
	out.traits = Traits{}
	out.members = nil
	var props mixinProps
	for i, mid := range rs.mixins {
		mixRaw, ok := l.defs[mid]
		if !ok {
			return nil, &Error{File: rs.file, Shape: id.String(), Path: fmt.Sprintf("%s.mixins[%d]", rs.path, i), Msg: fmt.Sprintf("mixin %s not found", mid)}
		}
		if !mixRaw.traits.Has(TraitMixin) {
			return nil, &Error{File: rs.file, Shape: id.String(), Path: fmt.Sprintf("%s.mixins[%d]", rs.path, i), Msg: fmt.Sprintf("%s is not a mixin", mid)}
		}
		if mixRaw.kind != rs.kind {
			return nil, &Error{File: rs.file, Shape: id.String(), Path: fmt.Sprintf("%s.mixins[%d]", rs.path, i), Msg: fmt.Sprintf("mixin %s is a %s, not a %s", mid, mixRaw.kind, rs.kind)}
		}
		mix, err := l.flatten(mid, done, append(visiting, id))
		if err != nil {
			return nil, err
		}
		local := localTraits(mix.traits)
		for _, tid := range mix.traits.IDs() {
			if tid == TraitMixin || local[tid] {
				continue
			}
			raw, _ := mix.traits.Raw(tid)
			out.traits.set(tid, raw)
		}
		for _, mm := range mix.members {
			if idx := memberIndex(out.members, mm.name); idx >= 0 {
				// Two mixins with the same member must agree on its target
				// (spec/mixins "Mixin members MUST NOT conflict"); its traits
				// are merged, the later mixin's winning.
				prev := out.members[idx]
				if prev.target != mm.target {
					return nil, &Error{File: rs.file, Shape: id.WithMember(mm.name).String(), Path: fmt.Sprintf("%s.mixins[%d]", rs.path, i),
						Msg: fmt.Sprintf("member %s of mixin %s targets %s, but an earlier mixin's targets %s", mm.name, mid, mm.target, prev.target)}
				}
				merged := cloneMember(prev)
				for _, tid := range mm.traits.IDs() {
					raw, _ := mm.traits.Raw(tid)
					merged.traits.set(tid, raw)
				}
				out.members[idx] = merged
				continue
			}
			out.members = append(out.members, cloneMember(mm))
		}
		props.add(mix)
	}
	props.finish(&out, rs)
	for _, tid := range rs.traits.IDs() {
		raw, _ := rs.traits.Raw(tid)
		out.traits.set(tid, raw)
	}
	for _, lm := range rs.members {
		idx := memberIndex(out.members, lm.name)
		if idx < 0 {
			if lm.target == (ID{}) {
				return nil, &Error{File: rs.file, Shape: id.WithMember(lm.name).String(), Path: lm.path, Msg: "apply targets a member that does not exist"}
			}
			out.members = append(out.members, cloneMember(lm))
			continue
		}
		inherited := out.members[idx]
		if lm.target != (ID{}) && lm.target != inherited.target {
			return nil, &Error{File: rs.file, Shape: id.WithMember(lm.name).String(), Path: lm.path,
				Msg: fmt.Sprintf("redeclares a mixin member with target %s instead of %s", lm.target, inherited.target)}
		}
		for _, tid := range lm.traits.IDs() {
			raw, _ := lm.traits.Raw(tid)
			inherited.traits.set(tid, raw)
		}
	}
	done[id] = &out
	return &out, nil
}

// mixinProps collects the non-member properties that a service or
// operation inherits from its mixins (spec/mixins "Mixins on shapes with
// non-member properties"): lists are merged in mixin order, then the shape's
// own entries; map entries and scalars of the shape win over inherited ones.
type mixinProps struct {
	errors, operations, resources []ID
	version                       string
	rename                        map[ID]string
}

func (mp *mixinProps) add(mix *rawShape) {
	mp.errors = appendNew(mp.errors, mix.errors...)
	mp.operations = appendNew(mp.operations, mix.operations...)
	mp.resources = appendNew(mp.resources, mix.resources...)
	if mix.version != "" {
		mp.version = mix.version
	}
	for k, v := range mix.rename {
		if mp.rename == nil {
			mp.rename = map[ID]string{}
		}
		mp.rename[k] = v
	}
}

// finish sets the merged properties on out, the flattened form of rs.
func (mp *mixinProps) finish(out, rs *rawShape) {
	if out.kind != KindService && out.kind != KindOperation {
		return
	}
	out.errors = appendNew(slices.Clone(mp.errors), rs.errors...)
	out.operations = appendNew(slices.Clone(mp.operations), rs.operations...)
	out.resources = appendNew(slices.Clone(mp.resources), rs.resources...)
	if out.version == "" {
		out.version = mp.version
	}
	if len(mp.rename) > 0 {
		out.rename = map[ID]string{}
		for k, v := range mp.rename {
			out.rename[k] = v
		}
		for k, v := range rs.rename {
			out.rename[k] = v
		}
	}
}

// appendNew appends the IDs of add that list does not hold yet.
func appendNew(list []ID, add ...ID) []ID {
	for _, id := range add {
		if !slices.Contains(list, id) {
			list = append(list, id)
		}
	}
	return list
}

func localTraits(t Traits) map[string]bool {
	out := map[string]bool{}
	for _, v := range t.get(TraitMixin).Get("localTraits").Array() {
		out[v.String()] = true
	}
	return out
}

func memberIndex(ms []*rawMember, name string) int {
	for i, m := range ms {
		if m.name == name {
			return i
		}
	}
	return -1
}

func cloneMember(m *rawMember) *rawMember {
	c := *m
	c.traits = m.traits.clone()
	return &c
}

// link turns the raw references of rs into pointers, failing on a dangling
// target with the member or field that names it.
func link(m *Model, rs *rawShape) error {
	s := m.shapes[rs.id]
	resolve := func(target ID, field string) (*Shape, error) {
		t, ok := m.shapes[target]
		if !ok {
			return nil, &Error{File: rs.file, Shape: rs.id.String(), Path: rs.path + "." + field,
				Msg: fmt.Sprintf("target %s not found", target)}
		}
		return t, nil
	}
	toMembers := func(raw []*rawMember) ([]*Member, error) {
		var out []*Member
		for _, rm := range raw {
			t, ok := m.shapes[rm.target]
			if !ok {
				return nil, &Error{File: rs.file, Shape: rs.id.WithMember(rm.name).String(), Path: rm.path + ".target",
					Msg: fmt.Sprintf("target %s not found", rm.target)}
			}
			out = append(out, &Member{ID: rs.id.WithMember(rm.name), Name: rm.name, Target: t, Traits: rm.traits.clone(), Container: s})
		}
		return out, nil
	}
	var err error
	if s.Members, err = toMembers(rs.members); err != nil {
		return err
	}
	if s.Identifiers, err = toMembers(rs.identifiers); err != nil {
		return err
	}
	if s.Properties, err = toMembers(rs.properties); err != nil {
		return err
	}
	one := func(id ID, field string, dst **Shape) {
		if err != nil || id == (ID{}) {
			return
		}
		*dst, err = resolve(id, field)
	}
	many := func(ids []ID, field string, dst *[]*Shape) {
		for i, id := range ids {
			if err != nil {
				return
			}
			var t *Shape
			if t, err = resolve(id, fmt.Sprintf("%s[%d].target", field, i)); err == nil {
				*dst = append(*dst, t)
			}
		}
	}
	one(rs.input, "input.target", &s.Input)
	one(rs.output, "output.target", &s.Output)
	many(rs.errors, "errors", &s.Errors)
	many(rs.operations, "operations", &s.Operations)
	many(rs.resources, "resources", &s.Resources)
	one(rs.create, "create.target", &s.Create)
	one(rs.put, "put.target", &s.Put)
	one(rs.read, "read.target", &s.Read)
	one(rs.update, "update.target", &s.Update)
	one(rs.delete_, "delete.target", &s.Delete)
	one(rs.list, "list.target", &s.List)
	many(rs.collectionOperations, "collectionOperations", &s.CollectionOperations)
	many(rs.mixins, "mixins", &s.Mixins)
	s.Rename = rs.rename
	return err
}

// checkShape enforces the structural rules that the generator relies on, such
// as "a map key is a string" and "an operation's input is a structure".
func checkShape(s *Shape, rs *rawShape) error {
	fail := func(path, format string, args ...any) error {
		return &Error{File: rs.file, Shape: s.ID.String(), Path: rs.path + path, Msg: fmt.Sprintf(format, args...)}
	}
	for _, mem := range s.Members {
		path := "." + mem.Name
		if s.Kind != KindList && s.Kind != KindMap {
			path = ".members." + mem.Name
		}
		switch k := mem.Target.Kind; {
		case k == KindOperation || k == KindService || k == KindResource:
			return fail(path+".target", "member %s targets %s, a %s; members must target data shapes", mem.Name, mem.Target.ID, k)
		case mem.Target.Traits.Has(TraitMixin):
			return fail(path+".target", "member %s targets the mixin %s", mem.Name, mem.Target.ID)
		}
		if (s.Kind == KindEnum || s.Kind == KindIntEnum) && !mem.Target.IsUnit() {
			return fail(path+".target", "enum member %s must target smithy.api#Unit", mem.Name)
		}
	}
	switch s.Kind {
	case KindEnum:
		if len(s.Members) == 0 && !s.Traits.Has(TraitMixin) {
			return fail(".members", "an enum needs at least one member")
		}
		for _, mem := range s.Members {
			if v := mem.Traits.get(TraitEnumValue); v.Exists() && (v.Type != gjson.String || v.String() == "") {
				return fail(".members."+mem.Name, "an enum value must be a non-empty string")
			}
		}
	case KindIntEnum:
		if len(s.Members) == 0 && !s.Traits.Has(TraitMixin) {
			return fail(".members", "an intEnum needs at least one member")
		}
		for _, mem := range s.Members {
			v := mem.Traits.get(TraitEnumValue)
			switch {
			case !v.Exists():
				return fail(".members."+mem.Name, "an intEnum member needs an integer enumValue")
			case v.Type != gjson.Number:
				return fail(".members."+mem.Name, "an intEnum member needs an integer enumValue, not %s", jsonKind(v))
			case v.Num != float64(int64(v.Num)):
				return fail(".members."+mem.Name, "an intEnum member needs an integer enumValue, not %s", v.Raw)
			case v.Num != float64(int32(v.Num)):
				return fail(".members."+mem.Name, "the intEnum value %s does not fit in 32 bits", v.Raw)
			}
		}
	case KindMap:
		if k := s.MapKey(); k != nil && k.Target.Kind != KindString && k.Target.Kind != KindEnum {
			return fail(".key.target", "a map key must target a string, not %s (a %s)", k.Target.ID, k.Target.Kind)
		}
	case KindUnion:
		if len(s.Members) == 0 && !s.Traits.Has(TraitMixin) {
			return fail(".members", "a union needs at least one member")
		}
	case KindOperation:
		if s.Traits.Has(TraitMixin) && (s.Input != nil && !s.Input.IsUnit() || s.Output != nil && !s.Output.IsUnit()) {
			// spec/mixins "Operation mixins": sharing input and output
			// structures would defeat the input and output traits.
			return fail("", "an operation mixin cannot have an input or output other than smithy.api#Unit")
		}
		for _, io := range []struct {
			name string
			s    *Shape
		}{{"input", s.Input}, {"output", s.Output}} {
			if io.s != nil && io.s.Kind != KindStructure {
				return fail("."+io.name+".target", "operation %s must be a structure, not %s (a %s)", io.name, io.s.ID, io.s.Kind)
			}
		}
		for i, e := range s.Errors {
			if !e.IsError() {
				return fail(fmt.Sprintf(".errors[%d].target", i), "%s is not a structure with the error trait", e.ID)
			}
		}
	case KindService, KindResource:
		if s.Kind == KindResource && s.Traits.Has(TraitMixin) && (len(s.Identifiers) > 0 || len(s.Properties) > 0 ||
			len(s.Operations) > 0 || len(s.CollectionOperations) > 0 || len(s.Resources) > 0 ||
			s.Create != nil || s.Put != nil || s.Read != nil || s.Update != nil || s.Delete != nil || s.List != nil) {
			// spec/mixins "Resource mixins": every property of a resource
			// depends on its identifiers, so a mixin cannot share them.
			return fail("", "a resource mixin cannot define identifiers, properties, lifecycle operations, operations or resources")
		}
		for i, op := range append(append([]*Shape{}, s.Operations...), s.CollectionOperations...) {
			if op.Kind != KindOperation {
				return fail(fmt.Sprintf(".operations[%d].target", i), "%s is a %s, not an operation", op.ID, op.Kind)
			}
		}
		for i, r := range s.Resources {
			if r.Kind != KindResource {
				return fail(fmt.Sprintf(".resources[%d].target", i), "%s is a %s, not a resource", r.ID, r.Kind)
			}
		}
		for _, op := range []*Shape{s.Create, s.Put, s.Read, s.Update, s.Delete, s.List} {
			if op != nil && op.Kind != KindOperation {
				return fail("", "lifecycle operation %s is a %s, not an operation", op.ID, op.Kind)
			}
		}
		for i, e := range s.Errors {
			if !e.IsError() {
				return fail(fmt.Sprintf(".errors[%d].target", i), "%s is not a structure with the error trait", e.ID)
			}
		}
	}
	return nil
}

// applyNullability gives members the defaults implied by their targets and,
// for Smithy 1.0 files, the defaults implied by the absence of @box: a 1.0
// member targeting a non-boxed boolean or number was never null.
func applyNullability(s *Shape) {
	if s.Kind != KindStructure {
		return
	}
	for _, mem := range s.Members {
		if mem.Traits.Has(TraitDefault) {
			continue
		}
		if s.Version10 && mem.Traits.Has(TraitBox) {
			// Smithy 1.0's @box on a member: it may have no value, and has
			// no default, even where its target has one (the prelude's
			// PrimitiveInteger has @default(0)).
			continue
		}
		if raw, ok := mem.Target.Traits.Raw(TraitDefault); ok && raw != "null" {
			mem.Traits.set(TraitDefault, raw)
			continue
		}
		if !s.Version10 || mem.Traits.Has(TraitBox) || mem.Target.Traits.Has(TraitBox) {
			continue
		}
		if mem.Target.ID.Namespace == "smithy.api" && boxedPrelude[mem.Target.ID.Name] {
			continue
		}
		switch mem.Target.Kind {
		case KindBoolean:
			mem.Traits.set(TraitDefault, "false")
		case KindByte, KindShort, KindInteger, KindLong, KindFloat, KindDouble:
			mem.Traits.set(TraitDefault, "0")
		}
	}
}
