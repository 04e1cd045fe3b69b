package gogen

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/smithygo/smithygo/internal/shapes"
)

// Endpoint discovery (aws.api#clientEndpointDiscovery) is not implemented:
// a call goes to the endpoint the rules resolve, or to Options.BaseEndpoint.
// That is what a service whose discovery is optional (DynamoDB) accepts; one
// that requires it for some operations (Timestream) answers them with an
// error. The generator says so where a user will see it: a warning when
// generating, and a paragraph of the package documentation that names the
// discovery operation to call and the operations that need its address.

// endpointDiscovery describes the service's endpoint discovery for the
// package documentation ("" when it has none), and gives a warning when
// some operation requires it.
func endpointDiscovery(p *Plan) (doc string, warning error) {
	raw, ok := p.Svc.Shape.Traits.Raw("aws.api#clientEndpointDiscovery")
	if !ok {
		return "", nil
	}
	var d struct {
		Operation string `json:"operation"`
	}
	_ = json.Unmarshal([]byte(raw), &d)
	describe := d.Operation
	var required []string
	for _, op := range p.Operations {
		if op.Shape.ID.String() == d.Operation {
			describe = op.Method
		}
		if raw, ok := op.Shape.Traits.Raw("aws.api#clientDiscoveredEndpoint"); ok {
			var e struct {
				Required bool `json:"required"`
			}
			if json.Unmarshal([]byte(raw), &e) == nil && e.Required {
				required = append(required, op.Method)
			}
		}
	}
	doc = "Endpoint discovery (aws.api#clientEndpointDiscovery) is not implemented: a call goes to the endpoint the rules resolve, or to Options.BaseEndpoint."
	if len(required) == 0 {
		return doc, nil // the service accepts its regional endpoint
	}
	doc += fmt.Sprintf(" The service requires a discovered endpoint for %s: call %s and pass an address it returns as Options.BaseEndpoint of a client for those operations.", strings.Join(required, ", "), describe)
	return doc, &shapes.Error{File: p.Svc.Shape.File, Shape: p.Svc.Shape.ID.String(),
		Msg: fmt.Sprintf("endpoint discovery (aws.api#clientEndpointDiscovery) is not implemented, and the service requires a discovered endpoint for these operations: %s; they fail unless Options.BaseEndpoint is an address %s returns", strings.Join(required, ", "), describe)}
}
