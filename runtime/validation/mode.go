package validation

// Mode says how much of an input is checked before it is sent.
type Mode int

const (
	// Required, the default, checks that required members are set, at
	// every depth where a value is present (in the input and in the
	// structures, list elements, map values and unions it holds), and that
	// members bound to the URI path are not empty.
	Required Mode = iota
	// All checks every constraint of the model, as Validate does.
	All
	// None sends inputs as they are and lets the service judge them.
	None
)

// emptyLabelMessage says why an unset or empty URI label member is refused:
// sending it would change the request's path.
const emptyLabelMessage = "is required and must not be empty: it is part of the URI path"

// EmptyLabel is the error for a URI label member that is unset or empty.
func EmptyLabel(context, member string) error {
	return &InvalidParamsError{Context: context, Violations: []Violation{{
		Path: member, Constraint: "required", Message: emptyLabelMessage}}}
}

// InvalidHostLabel is the error for a member that fills part of the host
// name but is not a valid DNS label.
func InvalidHostLabel(context, member string) error {
	return &InvalidParamsError{Context: context, Violations: []Violation{{
		Path: member, Constraint: "hostLabel", Message: "must be a valid host label (letters, digits and hyphens, 1 to 63 characters): it is part of the host name"}}}
}

// ValidHostLabel reports whether s can be a label of a host name.
func ValidHostLabel(s string) bool {
	if s == "" || len(s) > 63 || s[0] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
