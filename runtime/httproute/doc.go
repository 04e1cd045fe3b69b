// Package httproute finds the operation a request is for from the @http
// URI patterns of a Smithy model: the routing half of a generated server.
//
// A pattern is a path of literal segments, labels ({Name}) and at most one
// greedy label ({Name+}, one or more whole segments, anywhere in the path),
// optionally followed by literal query requirements ("?type=x&flag"). A
// Table holds the patterns of a service; Match returns the operation of a
// request, the decoded label values, or why nothing matched: no pattern at
// all (the protocol's UnknownOperationException, 404) or only patterns of
// other methods (405).
//
// Matching works on the path as sent, segment by segment, and decodes label
// values only afterwards. A label therefore never spans a "/" that the
// client escaped: "%2F..%2F" is part of one label value, never a way to
// reach a different route. Where several patterns match, the most specific
// one wins (see Table.Match), so that models such as "/{Bucket}" next to
// "/{Bucket}/{Key+}" route the way their authors expect; patterns that no
// request could tell apart are rejected by Table.Add.
//
// The package depends on the standard library only, because the code
// generator copies it into every generated server package.
package httproute
