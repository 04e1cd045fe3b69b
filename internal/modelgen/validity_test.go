package modelgen

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/smithygo/smithygo/internal/shapes"
)

// TestModelsAreValid loads many models with every feature on (the loader
// checks syntax, references and trait values against their definitions)
// and checks the Smithy rules the loader leaves to validators.
func TestModelsAreValid(t *testing.T) {
	for seed := range uint64(300) {
		m := Generate(seed, All())
		model, err := shapes.Load(shapes.Source{Name: fmt.Sprintf("s%d.smithy", seed), Data: m.IDL})
		if err != nil {
			t.Fatalf("seed %d: %v\n%s", seed, err, m.IDL)
		}
		svc, err := model.Service("")
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for _, problem := range invalid(svc) {
			t.Errorf("seed %d: %s", seed, problem)
		}
		if len(m.Echo) == 0 {
			t.Errorf("seed %d: no echo operation", seed)
		}
	}
}

// TestProtocols loads models of every protocol and checks that each
// service has its protocol's trait and nothing that the protocol forbids
// or that only HTTP bindings would carry: no @httpPayload, no @streaming
// blob, and, for rpcv2Cbor, no document; and that restJson1, named or
// not, gives the models it always gave.
func TestProtocols(t *testing.T) {
	for seed := range uint64(100) {
		o := All()
		o.Protocol = "mixed"
		m := Generate(seed, o)
		proto := ProtocolOf(seed, o)
		model, err := shapes.Load(shapes.Source{Name: fmt.Sprintf("s%d.smithy", seed), Data: m.IDL})
		if err != nil {
			t.Fatalf("seed %d (%s): %v\n%s", seed, proto, err, m.IDL)
		}
		svc, err := model.Service("")
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		got := svc.ProtocolTraits()
		if want := protocolTrait(proto); len(got) != 1 || got[0] != want {
			t.Errorf("seed %d: protocol traits %v, want [%s]", seed, got, want)
		}
		if len(m.Echo) == 0 {
			t.Errorf("seed %d: no echo operation", seed)
		}
		if !rpc(proto) {
			plain := All()
			if !bytes.Equal(m.IDL, Generate(seed, plain).IDL) {
				t.Errorf("seed %d: restJson1 by mixed differs from the default", seed)
			}
			continue
		}
		for _, s := range append(append([]*shapes.Shape{}, svc.Shapes...), svc.Operations...) {
			if proto == "rpcv2Cbor" && s.Kind == shapes.KindDocument {
				t.Errorf("seed %d: rpcv2Cbor model has document %s", seed, s.ID)
			}
			if s.Kind == shapes.KindBlob && s.Traits.Streaming() {
				t.Errorf("seed %d: %s model has streaming blob %s", seed, proto, s.ID)
			}
			for _, io := range []*shapes.Shape{s, s.Input, s.Output} {
				for _, mem := range memberList(io) {
					if mem.Traits.HTTPPayload() {
						t.Errorf("seed %d: %s model has @httpPayload on %s$%s", seed, proto, io.ID, mem.Name)
					}
				}
			}
		}
	}
	for seed := range uint64(20) {
		o := All()
		o.Protocol = "restJson1"
		if !bytes.Equal(Generate(seed, o).IDL, Generate(seed, All()).IDL) {
			t.Errorf("seed %d: Protocol restJson1 differs from the default", seed)
		}
	}
}

var uriLabel = regexp.MustCompile(`\{([^}+]+)\+?\}`)

// invalid lists the ways a service breaks Smithy's validation rules for
// names and HTTP bindings.
func invalid(svc *shapes.Service) []string {
	var out []string
	names := map[string]string{}
	all := append(append([]*shapes.Shape{}, svc.Shapes...), svc.Operations...)
	for _, s := range all {
		lower := strings.ToLower(svc.Name(s))
		if prev, ok := names[lower]; ok && prev != s.ID.String() {
			out = append(out, fmt.Sprintf("shape names %s and %s differ only by case", prev, s.ID))
		}
		names[lower] = s.ID.String()
		members, json := map[string]bool{}, map[string]bool{}
		for _, m := range s.Members {
			if members[strings.ToLower(m.Name)] {
				out = append(out, fmt.Sprintf("%s: two members called %s", s.ID, m.Name))
			}
			members[strings.ToLower(m.Name)] = true
			if j, ok := m.Traits.JSONName(); ok {
				if json[j] {
					out = append(out, fmt.Sprintf("%s: jsonName %q twice", s.ID, j))
				}
				json[j] = true
			}
			if s.Kind == shapes.KindUnion && (m.Traits.Required() || m.Traits.HasNonNullDefault()) {
				out = append(out, fmt.Sprintf("%s: union member %s is required or has a default", s.ID, m.Name))
			}
		}
	}
	for _, op := range svc.Operations {
		h, ok := op.Traits.HTTP()
		if !ok {
			out = append(out, fmt.Sprintf("%s: no @http", op.ID))
			continue
		}
		labels := map[string]bool{}
		for _, l := range uriLabel.FindAllStringSubmatch(h.URI, -1) {
			labels[l[1]] = true
		}
		for _, io := range []*shapes.Shape{op.Input, op.Output} {
			if io == nil || io.IsUnit() {
				continue
			}
			payload, body, headers := 0, 0, map[string]bool{}
			for _, m := range io.Members {
				switch {
				case m.Traits.HTTPLabel():
					if !m.Traits.Required() {
						out = append(out, fmt.Sprintf("%s: label %s is not required", op.ID, m.Name))
					}
					if !labels[m.Name] {
						out = append(out, fmt.Sprintf("%s: label %s is not in %s", op.ID, m.Name, h.URI))
					}
					delete(labels, m.Name)
				case m.Traits.HTTPPayload():
					payload++
				default:
					if name, ok := m.Traits.HTTPHeader(); ok {
						if headers[strings.ToLower(name)] {
							out = append(out, fmt.Sprintf("%s: header %s twice", op.ID, name))
						}
						headers[strings.ToLower(name)] = true
						continue
					}
					_, q := m.Traits.HTTPQuery()
					_, ph := m.Traits.HTTPPrefixHeaders()
					if !q && !ph && !m.Traits.HTTPQueryParams() && !m.Traits.HTTPResponseCode() {
						body++
					}
				}
			}
			if payload > 1 || payload == 1 && body > 0 {
				out = append(out, fmt.Sprintf("%s: a payload member and other body members", io.ID))
			}
			if io == op.Input && (h.Method == "GET" || h.Method == "DELETE") && payload+body > 0 {
				out = append(out, fmt.Sprintf("%s: a %s with a body", op.ID, h.Method))
			}
		}
		for l := range labels {
			out = append(out, fmt.Sprintf("%s: URI label %s has no member", op.ID, l))
		}
	}
	return out
}
