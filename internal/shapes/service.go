package shapes

import (
	"fmt"
	"slices"
	"strings"
)

// Service is a service shape together with the closure of shapes it reaches
// through its operations, resources and errors, and the names those shapes
// have inside the service (after "rename").
type Service struct {
	Shape *Shape
	Model *Model

	// Operations are all operations of the service, including those bound
	// through resources, sorted by name.
	Operations []*Shape
	// Shapes are all shapes in the closure (operations, resources and the
	// prelude excluded, smithy.api#Unit included only if used), sorted by name.
	Shapes []*Shape
	// Errors are the service-wide errors.
	Errors []*Shape
	// AuthTraits are the IDs of the auth scheme traits applied to the
	// service (those whose definition has @authDefinition), in shape ID
	// order.
	AuthTraits []ID
	// AuthSchemes are the IDs of the auth scheme traits the service's
	// operations support, most preferred first: its @auth list, else
	// AuthTraits (see OperationAuth for one operation's).
	AuthSchemes []ID

	names  map[ID]string
	opAuth map[ID][]ID // operations with their own @auth
}

// Name returns the shape's name within the service: its rename if the
// service renames it, else its own name.
func (sv *Service) Name(s *Shape) string {
	if n, ok := sv.names[s.ID]; ok {
		return n
	}
	return s.ID.Name
}

// Service resolves the service with the given ID, or the only service in the
// model when id is empty.
func (m *Model) Service(id string) (*Service, error) {
	sv, err := m.service(id)
	if err != nil {
		return nil, m.Locate(err)
	}
	return sv, nil
}

func (m *Model) service(id string) (*Service, error) {
	var svc *Shape
	if id == "" {
		all := m.Services()
		switch len(all) {
		case 0:
			return nil, &Error{Msg: "the model has no service"}
		case 1:
			svc = all[0]
		default:
			var ids []string
			for _, s := range all {
				ids = append(ids, s.ID.String())
			}
			return nil, &Error{Msg: "the model has several services; choose one of " + strings.Join(ids, ", ")}
		}
	} else {
		sid, err := ParseID(id)
		if err != nil {
			return nil, &Error{Msg: err.Error()}
		}
		svc = m.Shape(sid)
		if svc == nil {
			return nil, &Error{Shape: id, Msg: "service not found in the model"}
		}
		if svc.Kind != KindService {
			return nil, &Error{File: svc.File, Shape: id, Msg: fmt.Sprintf("is a %s, not a service", svc.Kind)}
		}
		if !svc.IsService() {
			return nil, &Error{File: svc.File, Shape: id, Msg: "is a mixin, not a service a client can call: choose a service that uses it"}
		}
	}
	sv := &Service{Shape: svc, Model: m, Errors: svc.Errors, names: map[ID]string{}}
	seen := map[ID]bool{}
	var walk func(s *Shape)
	walk = func(s *Shape) {
		if s == nil || seen[s.ID] {
			return
		}
		seen[s.ID] = true
		switch s.Kind {
		case KindService, KindResource:
			for _, r := range s.Resources {
				walk(r)
			}
			for _, op := range s.Operations {
				walk(op)
			}
			for _, op := range s.CollectionOperations {
				walk(op)
			}
			for _, op := range []*Shape{s.Create, s.Put, s.Read, s.Update, s.Delete, s.List} {
				walk(op)
			}
			for _, mem := range append(slices.Clone(s.Identifiers), s.Properties...) {
				walk(mem.Target)
			}
			for _, e := range s.Errors {
				walk(e)
			}
			if s.Kind == KindResource {
				sv.Shapes = append(sv.Shapes, s)
			}
		case KindOperation:
			sv.Operations = append(sv.Operations, s)
			walk(s.Input)
			walk(s.Output)
			for _, e := range s.Errors {
				walk(e)
			}
		default:
			if s.ID.Namespace != "smithy.api" || s.IsUnit() {
				sv.Shapes = append(sv.Shapes, s)
			}
			for _, mem := range s.Members {
				walk(mem.Target)
			}
		}
	}
	walk(svc)
	for rid, name := range svc.Rename {
		if !seen[rid] {
			return nil, &Error{File: svc.File, Shape: svc.ID.String(), Path: "rename",
				Msg: fmt.Sprintf("renames %s, which is not in the service's closure", rid)}
		}
		if s := m.Shape(rid); s != nil && s.IsError() {
			return nil, &Error{File: svc.File, Shape: svc.ID.String(), Path: "rename",
				Msg: fmt.Sprintf("renames the error %s; errors cannot be renamed", rid)}
		}
		sv.names[rid] = name
	}
	// Names must be unique case-insensitively within the closure.
	byName := map[string]*Shape{}
	for _, s := range append(slices.Clone(sv.Shapes), sv.Operations...) {
		if s.ID.Namespace == "smithy.api" {
			continue
		}
		if s.Kind.IsSimple() && !s.IsEnum() && s.Kind != KindIntEnum {
			// Simple shapes become Go built-in types and never collide.
			continue
		}
		key := strings.ToLower(sv.Name(s))
		if prev, ok := byName[key]; ok && prev != s {
			return nil, &Error{File: s.File, Shape: s.ID.String(),
				Msg: fmt.Sprintf("name %q conflicts with %s in service %s; add a rename to the service", sv.Name(s), prev.ID, svc.ID)}
		}
		byName[key] = s
	}
	byShapeName := func(a, b *Shape) int {
		if c := strings.Compare(sv.Name(a), sv.Name(b)); c != 0 {
			return c
		}
		if a.ID.Less(b.ID) {
			return -1
		}
		return 1
	}
	slices.SortFunc(sv.Shapes, byShapeName)
	slices.SortFunc(sv.Operations, byShapeName)
	if err := sv.resolveAuth(); err != nil {
		return nil, err
	}
	return sv, nil
}
