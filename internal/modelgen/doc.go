// Package modelgen writes random valid Smithy 2.0 models, and checks that
// the Go generator turns every one of them into a package that builds,
// passes go vet, and carries values through its client unchanged.
//
// # Models
//
// Generate(seed, options) writes one IDL model from a PCG seed (the same
// seed and options give byte-identical text): a restJson1 service (or one
// of another protocol, see Protocols), with or
// without aws.api#service's sdkId, and
//
//   - simple shapes of every type, plain and constrained: @length at its
//     edges (min 0 max 0, min only, max only, exactly n), @range with
//     decimals on float, double and bigDecimal, @pattern (patterns that both
//     ECMA-262 and RE2 read alike, one unanchored, one with \u escapes);
//   - enums and intEnums, lists (@sparse, @uniqueItems), maps (@sparse, keys
//     that are enums or constrained strings), structures and unions (Unit
//     members), reaching themselves through lists, maps, unions and
//     optional members;
//   - member traits: @required, @default of every type, @clientOptional,
//     @addedDefault, @jsonName, @timestampFormat, @idempotencyToken, and
//     member constraints that override the target's;
//   - echo operations (see below), operations with every HTTP binding
//     (@httpLabel, greedy too, @httpQuery, @httpQueryParams, @httpHeader,
//     @httpPrefixHeaders, @httpPayload of structure, union, blob, string and
//     document, @httpResponseCode, literal query strings), a @paginated
//     operation, one without input and output, and @error structures with
//     @httpError and header members;
//   - shapes as users write them: @mixin structures used by structures and
//     echo inputs (members redeclared as "$name"), resources with one or two
//     identifiers and operations bound to them ("input := for Thing {
//     $thingId }"), apply statements (member traits and a shape's
//     @documentation), use statements for traits, absolute shape IDs as
//     targets, /// comments and @documentation with */, backquotes, quotes,
//     backslashes and non-ASCII, enum and @jsonName values with quotes,
//     backslashes, spaces, commas and non-ASCII, document defaults of every
//     scalar JSON kind and timestamp defaults written as strings in the
//     member's format (date-time, or http-date), and eight-deep
//     chains of required structures and of unions of unions;
//   - auth: schemes on the service (aws.auth#sigv4, @httpBearerAuth,
//     @httpApiKeyAuth in a header, with or without a scheme, or in the
//     query, @httpBasicAuth, @httpDigestAuth), an @auth list on the service
//     (sometimes empty) and on operations, @auth([]) and @optionalAuth;
//     the tests configure
//     every scheme the client has and check, on every call, the
//     Authorization header and the API key the server receives;
//   - an operation whose output is an event stream: a @streaming union of
//     event structures with @eventHeader members of every header type, an
//     @eventPayload (a blob or string of at least one byte, a structure or
//     a union) or members in an implicit JSON payload or neither, and
//     sometimes an @error structure;
//   - an upload and a download of a @streaming blob, and an operation with
//     two @smithy.waiters#waitable waiters (output path matchers on a
//     string, a projection and a comparison; errorType and success);
//   - names that collide: Go keywords, predeclared identifiers, the
//     generated package's identifiers and methods, names the generator
//     derives (union member wrappers, enum constants, paginators), and
//     spellings that differ by case or "_".
//
// Options switch feature families off one by one, so that the committed
// sample can leave out what the Go generator is known to get wrong.
//
// # Protocols
//
// Options.Protocol (-protocol) makes the service awsJson1_0, awsJson1_1,
// rpcv2Cbor or rpcv2Json instead of restJson1, or "mixed": each seed's
// protocol by its turn (ProtocolOf). A restJson1 model is the same text
// whether the option is empty, "restJson1" or "mixed" picked it. The RPC
// protocols ignore HTTP binding traits (their protocol definitions list
// only timestampFormat, cors, endpoint, hostLabel, and for rpcv2 httpError
// and requestCompression), so their models leave out @httpPayload and
// streaming blobs (only a payload carries one) and the wire checks; they
// keep binding operations (@http, labels, queries, headers: all in the
// body), half their echo operations have no @http, and some echo members
// have an @httpHeader that must be ignored. rpcv2Cbor models have no
// documents (the trait's NoDocuments validator). Their event-stream
// operations (the stream member without @httpPayload) stream the union
// both ways, and the test server echoes the client's messages; or, every
// other one, only in the output, with other output members, and the test
// server sends events it did not get (see below).
// The default sample's last seeds are RPC services, two per protocol.
//
// # Validity rules kept
//
// The Smithy rules the generator keeps, so that every model is valid:
//
//   - Shape names in the service closure, and member names in a shape, are
//     unique case-insensitively; "Unit" is never a shape name, because enum
//     and union members reach smithy.api#Unit; nor are true, false and null,
//     which an IDL node value reads as keywords. Prelude shapes other than
//     Unit are never targeted, so local shapes may be called String or
//     Document.
//   - A trait whose name a local shape shadows is written with its absolute
//     ID (@smithy.api#length), because relative IDs resolve to the
//     namespace before the prelude.
//   - @length only on strings, blobs, lists and maps; @range only on
//     numbers (not intEnums); @pattern only on non-enum strings; every
//     @length is compatible with the pattern of the same string.
//   - @uniqueItems only on lists whose members are not float, double or
//     document (the generator also leaves out bigDecimal and aggregates).
//   - @default only on members targeting simple shapes, lists and maps;
//     lists and maps default to [] and {}; every default satisfies the
//     member's effective length, range and pattern; enum defaults are enum
//     values; @addedDefault only with @default.
//   - @required, @default, @clientOptional only on structure members, never
//     on union members. A required member reaches a structure only if it
//     was made earlier, so no cycle of required structures exists; a list or
//     map that holds structures or unions has no minimum length above 0
//     (else a required member could demand an infinite value); lists and
//     maps reach themselves only through structures or unions; the first
//     member of a union is simple.
//   - @httpLabel members are @required, target strings, numbers, booleans
//     or timestamps (greedy labels: strings), are in the URI exactly once,
//     and the greedy label is the last one; label and query bindings only in
//     inputs.
//   - @httpQuery and @httpHeader targets are strings, numbers, booleans,
//     timestamps or lists of them; query keys are unique and differ from the
//     URI's literal query keys; header names are unique case-insensitively
//     and do not start with a @httpPrefixHeaders prefix.
//   - @httpQueryParams targets a map of string or of list of string;
//     @httpPrefixHeaders a non-sparse map of string; at most one of each.
//   - One @httpPayload member at most, and then no other body members; GET
//     and DELETE operations have no body members; @httpResponseCode only in
//     outputs, on an integer.
//   - @error is "client" with @httpError 400-499 or "server" with 500-599;
//     error structures have no member called code or __type (restJson1
//     reads the error type from them), nor do unions (__type is ignored).
//   - @paginated names a non-required string inputToken and outputToken, an
//     integer pageSize and a list or map items member, all top-level.
//   - @idempotencyToken only on string members; @jsonName values are unique
//     in their shape and equal no member name; @sensitive never on members.
//   - Every HTTP URI is unique (operation number in the path).
//   - A doc comment is the @documentation trait: a shape or member has one
//     or the other, and an apply statement adds @documentation only to a
//     shape without either.
//   - Mixins are never member targets; their members have no @jsonName
//     (a using shape's members could take the same JSON name); a shape
//     uses two mixins only if their member names differ case-insensitively;
//     a redeclared mixin member ("$name") keeps its target and only adds
//     traits. Traits are applied only to a shape's own members, never to
//     those it gets from a mixin.
//   - A resource's identifiers target a string; each operation bound to it
//     has an input member per identifier, @required and @httpLabel, in its
//     URI; a GET bound operation is @readonly.
//   - A @streaming blob is only the target of @httpPayload members, which
//     are @required or @default(""), never of lists, maps or other members.
//   - Waiters: names match ^[A-Z]+[A-Za-z0-9]*$; minDelay 1 <= maxDelay;
//     output paths return what their comparator needs (a string for
//     stringEquals, a list of strings for anyStringEquals and
//     allStringEquals, a boolean for booleanEquals); errorType names an
//     error of the operation; the operation is @readonly.
//   - Every @auth list names schemes applied to the service, each once; a
//     list that is not empty starts with a scheme the Go client supports
//     (@httpDigestAuth only ever follows one), and so does the service's
//     set of schemes. The API key's name, x-modelgen-key, is bound by no
//     member.
//   - "use" statements only for traits whose short name no shape takes.
//   - @default values of documents are scalars or an empty list or map, as
//     the default trait requires; timestamp
//     defaults are epoch seconds, or strings in the member's timestampFormat
//     (date-time where it has none; never for epoch-seconds).
//
// # Round trips
//
// Each model has echo operations: POST, PUT or PATCH, all input members in
// the JSON body, and an output with the same members and traits.
// RoundTripTests writes a test package (package x_test) for the generated
// package that calls every operation three times with random values (in
// the Go names of gogen.Plan, respecting every constraint, with
// Validation: ValidateAll) against an httptest server that answers
// an echo operation with the request's body written again (see below)
// and everything else with an empty 200.
// Echo outputs must equal their inputs member by member: times as
// instants (at the precision of their wire format), big numbers by value
// (big.Float by its shortest decimal: the decoder keeps decimal digits, not
// the binary value), NaN equal to NaN, documents as JSON values, and nil
// apart from empty.
// With restJson1, the server finds an echo operation by its path and
// writes its JSON body again as the RPC echo does for JSON (one function,
// reencode, decides how): spaces, another order, \u escapes, an unknown
// member and nulls for members the request left out (by their @jsonName),
// at the top and in nested structures (which sometimes get an unknown
// member too), null for a union's other members (only one may be
// non-null), and null entries in dense maps, which a client skips (a
// client keeps a dense list's null in its place as a zero value, so lists
// get none; a sparse list's or map's nulls are the request's own);
// so are the JSON bodies of the replies of error and waiter tests. Echo
// operations bind nothing outside the body; were one to have a payload,
// a structure's members would be the body's, a union or document payload
// would only be reordered and spaced (the same JSON value), and a blob or
// string payload would go back as it came.
// With an RPC protocol, the test server checks each request's framing
// (POST, the path or X-Amz-Target, Smithy-Protocol, Content-Type,
// x-amzn-query-mode, and with rpcv2 no body for an operation without
// input), and
// answers an echo operation (found by the name the request gives) with
// its body written again as another server could write it: JSON with
// spaces, its members in another order, \u escapes, and numbers that
// have a fraction or an exponent written in another form (2.5 as 25e-1,
// 0.25E+1 or 2.500); CBOR with
// indefinite lengths and chunked strings, wider heads, floats narrowed to
// the smallest exact width (half precision too), epoch-seconds timestamps
// as integers or floats; and both with an unknown member, which the client
// must skip, and null (in CBOR, null or undefined) for some members the
// request left out, at any depth, which it must take as absent, and null
// entries in dense maps, which it must skip. Other operations get 200 and the protocol's
// headers, no body.
//
// With ErrorResponses, each operation is also called once for each of its
// errors (and the service's) against a server that answers with it: the
// @httpError status (else 400 or 500 by fault), X-Amzn-Errortype as the
// shape name, its absolute ID or with a ":http://..." suffix, a JSON body of
// its scalar members and its header members as headers; errors.As must find
// the typed error with those members, and ErrorMessage() its message. With
// the RPC protocols the body also names the type in __type (rpcv2 reads
// only that), header members are body members, @jsonName is ignored,
// rpcv2 leaves timestamps out, and rpcv2Cbor replies (and the waiter's)
// are the JSON's data in CBOR.
//
// With WireChecks, every non-echo operation with HTTP bindings is called
// three times against a server that records the request, and the test
// decodes it itself by the restJson1 rules: labels from the escaped path
// by segment (greedy labels keep "/"), query parameters and
// @httpQueryParams, headers (lists comma-joined, quoted values unquoted),
// @httpPrefixHeaders, and string and blob payloads; timestamps are read in
// their format (http-date in headers, date-time in labels and queries,
// unless @timestampFormat) and compared as instants. Checked in requests:
// strings, enums, intEnums, booleans, byte, short, integer, long and
// timestamps, and lists of them in queries and headers. Sent but not
// checked: floats, doubles, big numbers, lists of timestamps in headers,
// sparse and unique lists, structure, union and document payloads (the
// echoes cover those bodies).
//
// The reply carries output header members, prefix headers (keys in lower
// case, which the output must give as they were sent), a
// @httpResponseCode status and a body of random values that modelgen
// writes itself (a string or blob payload as it is; a structure, union or
// document payload, or the members bound to nothing, as JSON, sometimes
// no body at all when none is set; a structure body then written again by
// reencode, with an unknown member and nulls), which the output must
// show, the body members left out as nil. Values a test server makes
// (these bodies, and the RPC server-made events below) sometimes hold a
// null in a dense list, which the client must read as a zero element in
// its place, and a null entry in a dense map, which it must skip.
//
// Every other seed's package (the even seeds', when it has echo
// operations), of every protocol, is generated with its server too, and
// its echo operations are called again through it: the test implements
// the generated Service with methods that copy each input's members into
// the output, serves it with the generated NewHandler, and the client must
// get back every value it sent, as from the test server. Each of an echo
// operation's errors (and the service's) is then returned by the Service
// as a random value, which the client must return as its type with every
// member. With an RPC protocol, every other operation without streams
// (but not the waiter's) is called through it too, and the input the
// Service receives must be the one sent (restJson1's bindings lose what
// HTTP cannot say, such as an empty list in a query, so its wire tests
// check those requests instead). This runs the server's request decoders,
// validation and response and error encoders on random shapes.
//
// With EventStreams, the package is generated with its server too, whose
// handler sends random events (then, half the time, the union's
// exception) through the generated server: the client must read each event
// as it was sent, then the exception as its type, or the stream's end.
// With an RPC protocol, an operation whose output only streams is called
// against the test server, which answers with a stream that modelgen
// writes itself (frames, typed headers, JSON or CBOR documents), in pieces
// of random sizes: an initial-response of the output's other members
// (always when there are some, else half the time), each event of the
// union once and up to two more in random order, and most of the time the
// union's exception at the end; the client must read the other members,
// each event, and the exception as its type, or the stream's end.
// With Streaming, the upload's bytes must reach the server and the
// download's bytes the caller; with Waiters, WaitUntilReady must return
// after the server says "pending" then "ready", and fail on a failed item.
//
// With StringChecks, the String methods of inputs and members (generated
// where @sensitive values are redacted) must show no pointer address.
//
// # Harness
//
// RunBatch generates many models into one temporary module and runs go vet
// and go test once for all of them. TestRandomModels runs a fixed sample
// (make test) or, with -models=N, N models from a random seed (make
// fuzz-models N=5000); each failure names its seed, stage and first errors.
package modelgen
