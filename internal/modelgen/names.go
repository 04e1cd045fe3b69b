package modelgen

import (
	"math/rand/v2"
	"strings"
	"unicode"
)

// The name pools below are the point of the generator's naming: each holds
// identifiers that a Go generator must rename, qualify or keep apart.

// goKeywords cannot be Go identifiers at all.
var goKeywords = []string{"break", "case", "chan", "const", "continue", "default", "defer", "else",
	"fallthrough", "for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range",
	"return", "select", "struct", "switch", "type", "var"}

// predeclared are Go's predeclared identifiers: legal names that shadow the
// builtins a generated file may still need.
var predeclared = []string{"any", "bool", "byte", "comparable", "complex128", "error", "float32",
	"float64", "int", "int8", "int32", "int64", "rune", "string", "uint", "uintptr", "true", "false",
	"iota", "nil", "append", "cap", "clear", "close", "copy", "delete", "len", "make", "max", "min",
	"new", "panic", "print", "recover"}

// runtimeNames are identifiers of the generated package itself (client,
// options, errors, helpers, imported package names), which shapes, members
// and operations must not clash with.
var runtimeNames = []string{"Options", "Client", "New", "API", "ErrorResponse", "request", "response",
	"validator", "Document", "NewDocument", "InvalidParamsError", "OperationError", "GenericAPIError",
	"Credentials", "CredentialsProvider", "StaticCredentials", "AnonymousCredentials", "HTTPClient",
	"ValidationMode", "ValidateRequired", "ValidateAll", "ValidateNone", "WaiterError", "Violation",
	"UnknownUnionMember", "operation", "fieldPath", "signing", "byteReader", "endpointKey",
	"resolvedEndpoint", "cachedEndpoint", "ctx", "in", "out", "err", "optFns", "opts", "c", "v", "e",
	"fmt", "errors", "http", "json", "time", "big", "strconv", "strings", "io", "context", "url",
	"bytes", "math", "slices", "sync", "types", "jsonwire", "httpbind", "textfmt", "retry", "sigv4",
	"ecmaregex", "awsconfig", "endpointrules", "utf8", "base64", "slog", "TokenProvider", "StaticToken",
	"TokenFunc", "BasicAuthProvider", "StaticBasicAuth", "BearerToken", "APIKey", "BasicAuth", "auth",
	"authSchemes", "authOption", "httpauth"}

// methodNames are methods the generator puts on structures, errors, enums
// and documents; a member with the same Go name needs another field name.
var methodNames = []string{"String", "GoString", "LogValue", "Validate", "Error", "ErrorCode",
	"ErrorMessage", "ErrorFault", "IsKnown", "Values", "Format", "Unwrap", "MarshalJSON",
	"UnmarshalJSON", "Decode"}

// plainNames are ordinary names, so that not every identifier is a clash.
var plainNames = []string{"name", "id", "value", "items", "count", "fooBar", "foo_bar", "FOO_BAR",
	"data", "nextToken", "kind", "message", "size", "Widget", "Gadget", "Thing", "a", "b", "x1",
	"URL", "Url", "httpURL", "HTTPUrl", "ID", "iD", "_x", "__y"}

// reservedShapeNames are names no shape may take: "Unit" would clash in the
// service closure with smithy.api#Unit, which enum and union members target.
var reservedShapeNames = map[string]bool{"unit": true}

// keywordNames cannot be written as shape references in IDL node values
// (operations: [true] is a boolean), so no shape takes them.
var keywordNames = map[string]bool{"true": true, "false": true, "null": true}

// badMemberNames are member names kept out of unions and errors: restJson1
// gives "__type" and "code" a meaning there (the error type; an ignored key).
var badMemberNames = map[string]bool{"__type": true, "code": true}

// nameSet is a set of identifiers compared case-insensitively, as Smithy
// compares shape names in a service closure and member names in a shape.
type nameSet map[string]bool

func (s nameSet) has(name string) bool { return s[strings.ToLower(name)] }
func (s nameSet) add(name string)      { s[strings.ToLower(name)] = true }

// validIdentifier reports whether name is a Smithy identifier:
// *"_" ALPHA *(ALPHA / DIGIT / "_").
func validIdentifier(name string) bool {
	i := 0
	for i < len(name) && name[i] == '_' {
		i++
	}
	if i == len(name) || !isASCIILetter(name[i]) {
		return false
	}
	for _, c := range []byte(name[i:]) {
		if !isASCIILetter(c) && !(c >= '0' && c <= '9') && c != '_' {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// variant returns a spelling of name that a Go generator must still keep
// apart from the original: another case, a leading or trailing "_", or
// snake case. The result may be invalid; callers check validIdentifier.
func variant(r *rand.Rand, name string) string {
	switch r.IntN(8) {
	case 0:
		return strings.ToUpper(name[:1]) + name[1:]
	case 1:
		return strings.ToLower(name[:1]) + name[1:]
	case 2:
		return "_" + name
	case 3:
		return name + "_"
	case 4:
		return strings.ToUpper(name)
	case 5:
		return snake(name)
	}
	return name
}

// snake writes fooBar as foo_bar.
func snake(name string) string {
	var b strings.Builder
	for i, c := range name {
		if i > 0 && unicode.IsUpper(c) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

// pick returns a random element of xs.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }
