package modelgen

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// Options switch feature families on and off, so that a family the Go
// generator gets wrong can be left out of the committed sample until it is
// fixed, and turned on again one at a time. The zero Options give small
// models of plain simple shapes, lists, maps and structures with echo
// operations; All turns everything on.
type Options struct {
	Documents   bool // document shapes
	BigNumbers  bool // bigInteger and bigDecimal shapes
	Timestamps  bool // timestamp shapes
	Enums       bool // enum and intEnum shapes
	Unions      bool // union shapes, Unit members included
	Recursion   bool // aggregates that reach themselves (through lists, maps, unions, optional members)
	Sparse      bool // @sparse lists and maps (nulls in them)
	Lengths     bool // @length on strings, blobs, lists and maps (not max 0, see ZeroLength)
	ZeroLength  bool // @length(max: 0) and @length(min: 0, max: 0)
	Ranges      bool // @range, with decimals on float, double and bigDecimal
	Patterns    bool // @pattern on strings, map keys included
	UniqueItems bool // @uniqueItems lists
	Defaults    bool // @default of every type
	Nullability bool // @required, @clientOptional, @addedDefault
	Bindings    bool // operations with @httpLabel (greedy too), @httpQuery, @httpQueryParams, @httpHeader, @httpPrefixHeaders, @httpResponseCode
	Payloads    bool // @httpPayload of structure, union, blob, string and document
	Errors      bool // @error structures, with @httpError and header members
	Pagination  bool // @paginated operations
	Idempotency bool // @idempotencyToken members
	JSONNames   bool // @jsonName
	TSFormats   bool // @timestampFormat on shapes and members
	Sensitive   bool // @sensitive shapes
	SDKID       bool // @aws.api#service(sdkId: ...), which names the package
	// CollidingNames takes shape, member, enum and operation names from pools
	// of Go keywords, predeclared identifiers, the generated package's own
	// identifiers and methods, and spellings of one name that differ by case
	// or "_".
	CollidingNames bool
	// RuntimeNames lets shapes and operations take the generated package's
	// own identifiers as names (ErrorResponse, Options, request, ...).
	RuntimeNames bool
	// ErrorNames lets error structures take the generated package's own
	// identifiers as names (ErrorResponse, OperationError, ...).
	ErrorNames bool
	// LeadingUnderscores lets shape and operation names start with "_", so
	// that "_string" and "string" are two shapes (members always may).
	LeadingUnderscores bool
	// StdMethodOpNames lets operations take names of methods go vet checks
	// the signature of (MarshalJSON, Format, Unwrap, ...).
	StdMethodOpNames bool
	// BigNumberBindings binds bigInteger and bigDecimal members to labels,
	// query parameters and headers.
	BigNumberBindings bool
	// CheckedMapKeys lets map keys target enums and strings with @pattern
	// or @length, which the validator checks.
	CheckedMapKeys bool
	// DefaultedTokens lets @idempotencyToken members have a @default.
	DefaultedTokens bool
	// StringChecks makes the round-trip tests check that the String method
	// of inputs and members (generated where @sensitive values need
	// redacting) shows values, not pointer addresses.
	StringChecks bool
	// SparseBigNulls puts nulls in @sparse collections of big numbers
	// (which the validator reads when they have @range).
	SparseBigNulls bool

	// ErrorResponses makes the test server answer some calls with a
	// modeled error (status, X-Amzn-Errortype, JSON body, header members)
	// and the tests check that errors.As finds it with its members.
	ErrorResponses bool
	// WireChecks makes the tests of binding operations check, on the
	// request the server records, that labels, query parameters, headers,
	// prefix headers and payloads arrive where the model binds them; and
	// that response headers and @httpResponseCode reach the output.
	WireChecks bool
	// Streaming adds an upload (@streaming blob input payload) and a
	// download (streaming output payload) operation.
	Streaming bool
	// Mixins adds @mixin structures, used by structures and echo inputs,
	// some of their members redeclared as "$name".
	Mixins bool
	// Resources adds resources with identifiers and operations bound to
	// them ("input := for Thing { $thingId }").
	Resources bool
	// ApplyUse moves member traits into apply statements, adds use
	// statements for traits, and writes some targets as absolute IDs.
	ApplyUse bool
	// DocComments adds /// comments and @documentation holding */,
	// backquotes, quotes, backslashes and non-ASCII.
	DocComments bool
	// OddValues gives enum values and @jsonName values quotes,
	// backslashes, spaces, commas and non-ASCII.
	OddValues bool
	// RichDefaults adds document defaults of every scalar JSON kind and
	// timestamp defaults written as date-time strings.
	RichDefaults bool
	// DeepNesting adds chains of required structures and of unions of
	// unions, eight levels deep.
	DeepNesting bool
	// Waiters adds a @smithy.waiters#waitable operation (output path,
	// errorType and success matchers); one waiter is run against the server.
	Waiters bool
	// Auth gives the service auth schemes (aws.auth#sigv4, @httpBearerAuth,
	// @httpApiKeyAuth in a header or the query, @httpBasicAuth,
	// @httpDigestAuth), an @auth list, and operations their own @auth
	// lists, @auth([]) and @optionalAuth; the tests configure every scheme
	// and check what each call sends.
	Auth bool
	// EventStreams adds an operation whose output is an event stream (a
	// @streaming union of event structures with @eventHeader members of
	// every header type, an @eventPayload blob, string, structure or union,
	// or members in an implicit JSON payload, and sometimes an exception);
	// the package is generated with its server, whose handler sends random
	// events that the client must read back unchanged.
	EventStreams bool

	// Protocol is the service's protocol: "" or "restJson1" (the default),
	// "awsJson1_0", "awsJson1_1", "rpcv2Cbor", "rpcv2Json", or "mixed" (one
	// of the five per seed; see ProtocolOf). The RPC protocols ignore HTTP
	// bindings, so their models leave out what only bindings test
	// (Payloads, Streaming, WireChecks), and rpcv2Cbor has no documents.
	Protocol string
}

// Protocols are the values of Options.Protocol that name one protocol,
// in the order "mixed" takes them by seed.
var Protocols = []string{"restJson1", "awsJson1_0", "awsJson1_1", "rpcv2Cbor", "rpcv2Json"}

// ProtocolOf is the protocol of seed's model under o: Options.Protocol,
// restJson1 when empty, and for "mixed" the seed's turn in Protocols (not
// a draw, so that the rest of the model is what that protocol gives).
func ProtocolOf(seed uint64, o Options) string {
	switch o.Protocol {
	case "", "restJson1":
		return "restJson1"
	case "mixed":
		return Protocols[seed%uint64(len(Protocols))]
	}
	return o.Protocol
}

// rpc reports whether protocol is one of the RPC protocols, which ignore
// HTTP binding traits.
func rpc(protocol string) bool { return protocol != "restJson1" }

// ValidProtocol reports whether s is a value Options.Protocol takes.
func ValidProtocol(s string) bool {
	return s == "" || s == "mixed" || slices.Contains(Protocols, s)
}

// All returns Options with every feature family on.
func All() Options {
	var o Options
	v := reflect.ValueOf(&o).Elem()
	for i := range v.NumField() {
		if v.Field(i).Kind() == reflect.Bool {
			v.Field(i).SetBool(true)
		}
	}
	return o
}

// Off lists the families that are off, by field name (Protocol is not a
// family).
func (o Options) Off() []string {
	var off []string
	v := reflect.ValueOf(o)
	for i := range v.NumField() {
		if v.Field(i).Kind() == reflect.Bool && !v.Field(i).Bool() {
			off = append(off, v.Type().Field(i).Name)
		}
	}
	return off
}

// ParseOptions turns "all", "all,-Unions,-ZeroLength" or "Unions,Enums" into
// Options: names are Options fields, "-" turns one off.
func ParseOptions(s string) (Options, error) {
	var o Options
	v := reflect.ValueOf(&o).Elem()
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if f == "all" {
			o = All()
			continue
		}
		on := !strings.HasPrefix(f, "-")
		field := v.FieldByName(strings.TrimPrefix(f, "-"))
		if !field.IsValid() || field.Kind() != reflect.Bool {
			return o, fmt.Errorf("modelgen: no feature family %q", f)
		}
		field.SetBool(on)
	}
	return o, nil
}
