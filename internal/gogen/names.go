package gogen

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"slices"
	"sync"

	"github.com/smithygo/smithygo/templates"
)

// The names a generated package declares come from three places: the
// templates copied into it (templates/client and templates/server, the protocol
// tests' runners), the names the emitters write under fixed names (the
// client's core, the aliases of runtime types, helpers), and names derived
// from the model. The first two are reserved
// in the Plan's scopes before any model name is handed out, so a model name
// that happens to equal one (a structure called ErrorResponse, whose decoder
// would be decodeErrorResponse) gets a "_" suffix instead of a redeclaration.

// fixedMainNames are the package-level identifiers that emitters write into
// the main package under fixed names (the runtime's own are read from the
// templates by runtimeNames). TestEveryDeclarationIsPlanned checks that
// every identifier a generated package declares is in the plan's scope.
var fixedMainNames = []string{
	// client_gen.go
	"serviceName", "signingName", "userAgent", "decodeErrorResponse", "retryableErrorShape",
	// options_gen.go
	"Options", "ValidationMode", "ValidateRequired", "ValidateAll", "ValidateNone", "InvalidParamsError",
	"Violation", "HTTPClient", "OperationError", "GenericAPIError", "Credentials", "CredentialsProvider",
	"StaticCredentials", "AnonymousCredentials", "Client", "New", "service", "retryableErrorCode",
	"newIdempotencyToken", "endpointKey", "send", "authOption",
	"EndpointDiscoveryMode", "EndpointDiscoveryAuto", "EndpointDiscoveryEnabled", "EndpointDiscoveryDisabled", "endpointDiscovery",
	"TokenProvider", "StaticToken", "TokenFunc", "BasicAuthProvider", "StaticBasicAuth", "authSchemes",
	// waiters_gen.go
	"WaiterError",
	// api_gen.go
	"API",
	// endpoints_gen.go and endpoints_gen_test.go
	"resolveEndpoint", "endpointParams", "TestEndpointRules", "checkEndpoint",
	// waiters_gen.go
	"jmesTime", "jmesBlob", "jmesDocument", "jmesBig",
	// operations_gen.go (sensitive members)
	"redacted", "deref",
	// protocol_gen_test.go
	"TestProtocolRequests", "TestProtocolResponses", "protocolOptions",
}

// fixedClientNames are the fields and methods of Client that
// client_core.go writes.
var fixedClientNames = []string{"options", "core", "endpoints", "signer", "envCreds", "Options", "callOptions", "invoke", "endpoint", "auth", "discovered", "discoverEndpoint"}

// fixedTypesNames are the unexported helpers of the types package.
var fixedTypesNames = []string{"redacted", "deref"}

// importNames are the package names that generated files import. A
// package-level declaration with one of these names would shadow the import
// in every file of the package.
var importNames = []string{
	"bytes", "context", "errors", "fmt", "io", "iter", "math", "big", "http", "url", "reflect",
	"slices", "slog", "strconv", "strings", "sync", "testing", "time", "utf8", "base64", "json",
	"types", "jsonwire", "httpbind", "textfmt", "retry", "sigv4", "awsconfig", "endpointrules",
	"ecmaregex", "jmespath", "cbor", "gzip", "md5", "httptest", "cmp", "maps", "os", "rand", "hex",
	"call", "validation", "waiter", "credentials", "sigv4auth", "bodygzip", "contentmd5", "bigrange", "rpcv2json", "rpcv2cbor", "serve", "httpauth", "discovery", "treehash", "lambdatrace",
	"smithy", "smithyserver", // the runtime packages copy mode merges (runtimeGroup)
}

// structMethods are the methods generated on structures, by when they are
// generated; a member whose Go name equals one of the methods its type
// really has gets a "_" suffix.
var (
	inputMethods     = []string{"Validate"}
	redactingMethods = []string{"String", "GoString", "Format", "LogValue"}
	errorMethods     = []string{"Error", "ErrorCode", "ErrorMessage", "ErrorFault"}
)

// vetMethods are the method names that go vet's stdmethods check expects
// to have one fixed signature (fmt.Formatter, json.Marshaler, io.ReaderFrom,
// ...). An operation method or waiter with one of these names would fail
// vet, so Client never gets them.
var vetMethods = []string{
	"As", "Format", "GobDecode", "GobEncode", "Is", "MarshalJSON", "MarshalXML", "Peek", "ReadByte",
	"ReadFrom", "ReadRune", "Scan", "Seek", "UnmarshalJSON", "UnmarshalXML", "UnreadByte", "UnreadRune",
	"Unwrap", "WriteByte", "WriteTo",
}

// runtimeDecls are the names that the templates copied into a package
// declare.
type runtimeDecls struct {
	pkg    []string // package-level identifiers
	client []string // fields and methods of Client
}

// The templates of a client package's protocol tests (templates/client).
const (
	clientTemplates    = "client"
	clientTestTemplate = "client/protocol_test.go"
	// compareTemplate compares bodies and values, for the protocol tests
	// of clients and servers alike.
	compareTemplate = "client/compare_test.go"
)

// runtimeNames parses the client templates once per process and lists what
// they declare. Reading the templates themselves, rather than a list kept
// by hand, means a helper added to the runtime is reserved the day it is
// written.
var runtimeNames = sync.OnceValues(func() (runtimeDecls, error) {
	var rt runtimeDecls
	entries, err := fs.ReadDir(templates.FS, clientTemplates)
	if err != nil {
		return rt, err
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		if e.Name() == templates.StandIn {
			continue
		}
		name := path.Join(clientTemplates, e.Name())
		src, err := templates.FS.ReadFile(name)
		if err != nil {
			return rt, err
		}
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			return rt, err
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					rt.pkg = append(rt.pkg, d.Name.Name)
				} else if receiverName(d.Recv.List[0].Type) == "Client" {
					rt.client = append(rt.client, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						rt.pkg = append(rt.pkg, s.Name.Name)
						if st, ok := s.Type.(*ast.StructType); ok && s.Name.Name == "Client" {
							for _, fld := range st.Fields.List {
								for _, n := range fld.Names {
									rt.client = append(rt.client, n.Name)
								}
							}
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							rt.pkg = append(rt.pkg, n.Name)
						}
					}
				}
			}
		}
	}
	slices.Sort(rt.pkg)
	slices.Sort(rt.client)
	return rt, nil
})

// receiverName is the type name of a method receiver, without * or type
// parameters.
func receiverName(x ast.Expr) string {
	for {
		switch t := x.(type) {
		case *ast.StarExpr:
			x = t.X
		case *ast.IndexExpr:
			x = t.X
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}
