package types_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/smithygo/smithygo/generated/outposts/types"
)

// serviceError is what every generated error type provides.
type serviceError interface {
	error
	ErrorCode() string
	ErrorMessage() string
	ErrorFault() string
}

// errorCase checks one error type; it is built by errorCaseOf.
type errorCase struct {
	goType reflect.Type
	check  func(t *testing.T, name, fault string)
}

func errorCaseOf[E any, PE interface {
	*E
	serviceError
}](build func(msg *string) PE) errorCase {
	return errorCase{
		goType: reflect.TypeFor[E](),
		check: func(t *testing.T, name, fault string) {
			msg := "capacity task cap-0123456789abcdef0 is busy"
			e := build(&msg)
			wrapped := fmt.Errorf("GetCapacityTask: %w", e)

			var target PE
			if !errors.As(wrapped, &target) {
				t.Fatalf("errors.As(%v, *%s) = false", wrapped, name)
			}
			if target != e {
				t.Errorf("errors.As found %p, want the wrapped error %p", target, e)
			}
			var asInterface serviceError
			if !errors.As(wrapped, &asInterface) || asInterface.ErrorCode() != name {
				t.Errorf("errors.As into the common interface failed or found the wrong error: %v", asInterface)
			}
			if got := target.ErrorCode(); got != name {
				t.Errorf("ErrorCode() = %q, want the shape name %q", got, name)
			}
			if got := target.ErrorMessage(); got != msg {
				t.Errorf("ErrorMessage() = %q, want %q", got, msg)
			}
			if got := target.ErrorFault(); got != fault {
				t.Errorf("ErrorFault() = %q, want the model's %q", got, fault)
			}
			text := target.Error()
			if !strings.Contains(text, name) || !strings.Contains(text, msg) {
				t.Errorf("Error() = %q, want it to contain %q and %q", text, name, msg)
			}
			if w := wrapped.Error(); !strings.HasPrefix(w, "GetCapacityTask: ") || !strings.Contains(w, text) {
				t.Errorf("wrapped Error() = %q", w)
			}

			// Without a message.
			bare := build(nil)
			if got := bare.ErrorMessage(); got != "" {
				t.Errorf("nil Message: ErrorMessage() = %q, want \"\"", got)
			}
			if got := bare.Error(); !strings.Contains(got, name) {
				t.Errorf("nil Message: Error() = %q, want it to contain %q", got, name)
			}
			if got := bare.ErrorCode(); got != name {
				t.Errorf("nil Message: ErrorCode() = %q, want %q", got, name)
			}

			// ErrorMessage is documented to cope with a nil receiver.
			var nilErr PE
			if got := nilErr.ErrorMessage(); got != "" {
				t.Errorf("nil receiver: ErrorMessage() = %q, want \"\"", got)
			}
		},
	}
}

// errorTypes maps every error shape of the model to its Go type.
var errorTypes = map[string]errorCase{
	"AccessDeniedException": errorCaseOf(func(m *string) *types.AccessDeniedException {
		return &types.AccessDeniedException{Message: m}
	}),
	"ConflictException": errorCaseOf(func(m *string) *types.ConflictException {
		id := "op-0123456789abcdef0"
		return &types.ConflictException{Message: m, ResourceId: &id, ResourceType: types.ResourceTypeOutpost}
	}),
	"InternalServerException": errorCaseOf(func(m *string) *types.InternalServerException {
		return &types.InternalServerException{Message: m}
	}),
	"NotFoundException": errorCaseOf(func(m *string) *types.NotFoundException {
		return &types.NotFoundException{Message: m}
	}),
	"ServiceQuotaExceededException": errorCaseOf(func(m *string) *types.ServiceQuotaExceededException {
		return &types.ServiceQuotaExceededException{Message: m}
	}),
	"ValidationException": errorCaseOf(func(m *string) *types.ValidationException {
		return &types.ValidationException{Message: m}
	}),
}

func TestErrorsMatchModel(t *testing.T) {
	m := model(t)
	var ids []string
	for id, s := range m.Shapes {
		if _, ok := s.Traits["smithy.api#error"]; ok {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		t.Fatal("the model has no error shapes")
	}
	sort.Strings(ids)
	seen := map[string]bool{}
	for _, id := range ids {
		name := shapeName(id)
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			c, ok := errorTypes[name]
			if !ok {
				t.Fatalf("error shape %s is missing from the test table", id)
			}
			s := m.Shapes[id]
			var fault string
			if err := json.Unmarshal(s.Traits["smithy.api#error"], &fault); err != nil {
				t.Fatalf("error trait: %v", err)
			}
			if fault != "client" && fault != "server" {
				t.Fatalf("error trait is %q", fault)
			}
			if c.goType.Name() != name {
				t.Errorf("Go type is %s, want %s", c.goType.Name(), name)
			}
			var fields, members []string
			for i := range c.goType.NumField() {
				fields = append(fields, c.goType.Field(i).Name)
			}
			for _, mem := range s.Members {
				members = append(members, mem.Name)
			}
			if strings.Join(fields, ",") != strings.Join(members, ",") {
				t.Errorf("fields %v, want the model's members %v", fields, members)
			}
			c.check(t, name, fault)
		})
	}
	for name := range errorTypes {
		if !seen[name] {
			t.Errorf("the test table lists %s, which is not an error shape of the model", name)
		}
	}
}

func TestErrorsAreDistinguishable(t *testing.T) {
	msg := "no such capacity task"
	var err error = fmt.Errorf("GetCapacityTask: %w", &types.NotFoundException{Message: &msg})
	var conflict *types.ConflictException
	if errors.As(err, &conflict) {
		t.Errorf("errors.As found a ConflictException in %v", err)
	}
	var internal *types.InternalServerException
	if errors.As(err, &internal) {
		t.Errorf("errors.As found an InternalServerException in %v", err)
	}
	var notFound *types.NotFoundException
	if !errors.As(err, &notFound) || notFound.ErrorMessage() != msg {
		t.Errorf("errors.As did not find the NotFoundException in %v", err)
	}
}
