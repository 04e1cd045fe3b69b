package shapes

import (
	"maps"
	"slices"
	"strconv"

	"github.com/tidwall/gjson"
)

// Trait IDs the generator reads. Other traits stay available as raw JSON.
const (
	TraitDocumentation     = "smithy.api#documentation"
	TraitRequired          = "smithy.api#required"
	TraitDefault           = "smithy.api#default"
	TraitAddedDefault      = "smithy.api#addedDefault"
	TraitClientOptional    = "smithy.api#clientOptional"
	TraitInput             = "smithy.api#input"
	TraitOutput            = "smithy.api#output"
	TraitBox               = "smithy.api#box"
	TraitLength            = "smithy.api#length"
	TraitRange             = "smithy.api#range"
	TraitPattern           = "smithy.api#pattern"
	TraitEnum              = "smithy.api#enum"
	TraitEnumValue         = "smithy.api#enumValue"
	TraitUniqueItems       = "smithy.api#uniqueItems"
	TraitError             = "smithy.api#error"
	TraitHTTPError         = "smithy.api#httpError"
	TraitRetryable         = "smithy.api#retryable"
	TraitHTTP              = "smithy.api#http"
	TraitHTTPLabel         = "smithy.api#httpLabel"
	TraitHTTPQuery         = "smithy.api#httpQuery"
	TraitHTTPQueryParams   = "smithy.api#httpQueryParams"
	TraitHTTPHeader        = "smithy.api#httpHeader"
	TraitHTTPPrefixHeaders = "smithy.api#httpPrefixHeaders"
	TraitHTTPPayload       = "smithy.api#httpPayload"
	TraitHTTPResponseCode  = "smithy.api#httpResponseCode"
	TraitJSONName          = "smithy.api#jsonName"
	TraitTimestampFormat   = "smithy.api#timestampFormat"
	TraitMediaType         = "smithy.api#mediaType"
	TraitPaginated         = "smithy.api#paginated"
	TraitIdempotencyToken  = "smithy.api#idempotencyToken"
	TraitSensitive         = "smithy.api#sensitive"
	TraitDeprecated        = "smithy.api#deprecated"
	TraitStreaming         = "smithy.api#streaming"
	TraitSparse            = "smithy.api#sparse"
	TraitMixin             = "smithy.api#mixin"
	TraitTrait             = "smithy.api#trait"
	TraitWaitable          = "smithy.waiters#waitable"
	TraitEndpointRuleSet   = "smithy.rules#endpointRuleSet"
	TraitEndpointTests     = "smithy.rules#endpointTests"
	TraitAWSService        = "aws.api#service"
	TraitSigV4             = "aws.auth#sigv4"
	TraitRestJSON1         = "aws.protocols#restJson1"
)

// Traits maps absolute trait IDs to their JSON values. The zero value is an
// empty set of traits.
type Traits struct {
	raw map[string]string // trait ID → raw JSON value
}

func (t Traits) get(id string) gjson.Result {
	raw, ok := t.raw[id]
	if !ok {
		return gjson.Result{}
	}
	return gjson.Parse(raw)
}

// Has reports whether the trait is present.
func (t Traits) Has(id string) bool {
	_, ok := t.raw[id]
	return ok
}

// Raw returns the trait's JSON value as written in the model.
func (t Traits) Raw(id string) (string, bool) {
	raw, ok := t.raw[id]
	return raw, ok
}

// IDs returns the trait IDs, sorted.
func (t Traits) IDs() []string { return slices.Sorted(maps.Keys(t.raw)) }

// Len is the number of traits.
func (t Traits) Len() int { return len(t.raw) }

func (t *Traits) set(id, raw string) {
	if t.raw == nil {
		t.raw = make(map[string]string)
	}
	t.raw[id] = raw
}

func (t Traits) clone() Traits {
	return Traits{raw: maps.Clone(t.raw)}
}

// Documentation returns the documentation trait, or "".
func (t Traits) Documentation() string { return t.get(TraitDocumentation).String() }

// Required reports the required trait.
func (t Traits) Required() bool { return t.Has(TraitRequired) }

// Sensitive reports the sensitive trait.
func (t Traits) Sensitive() bool { return t.Has(TraitSensitive) }

// Default returns the default trait's raw JSON value and whether it is present.
// A present default of null means "no default" (it cancels a target's default).
func (t Traits) Default() (raw string, ok bool) { return t.Raw(TraitDefault) }

// HasNonNullDefault reports a default trait whose value is not null.
func (t Traits) HasNonNullDefault() bool {
	raw, ok := t.raw[TraitDefault]
	return ok && raw != "null"
}

// Bounds is the value of a length or range trait. Min and Max are decimal
// strings as written in the model; empty means unbounded.
type Bounds struct{ Min, Max string }

func (t Traits) bounds(id string) (Bounds, bool) {
	v := t.get(id)
	if !v.Exists() {
		return Bounds{}, false
	}
	var b Bounds
	if m := v.Get("min"); m.Exists() {
		b.Min = m.Raw
	}
	if m := v.Get("max"); m.Exists() {
		b.Max = m.Raw
	}
	return b, true
}

// Length returns the length trait.
func (t Traits) Length() (Bounds, bool) { return t.bounds(TraitLength) }

// Range returns the range trait.
func (t Traits) Range() (Bounds, bool) { return t.bounds(TraitRange) }

// Pattern returns the pattern trait (an ECMA-262 regular expression).
func (t Traits) Pattern() (string, bool) {
	v := t.get(TraitPattern)
	return v.String(), v.Exists()
}

// UniqueItems reports the uniqueItems trait.
func (t Traits) UniqueItems() bool { return t.Has(TraitUniqueItems) }

// ErrorFault returns "client" or "server" for an error shape, or "".
func (t Traits) ErrorFault() string { return t.get(TraitError).String() }

// HTTPError returns the httpError code, or 0.
func (t Traits) HTTPError() int { return int(t.get(TraitHTTPError).Int()) }

// Retryable reports the retryable trait and whether it marks throttling.
func (t Traits) Retryable() (retryable, throttling bool) {
	v := t.get(TraitRetryable)
	return v.Exists(), v.Get("throttling").Bool()
}

// HTTP is the value of the http trait.
type HTTP struct {
	Method string
	URI    string
	Code   int
}

// HTTP returns the operation's http trait.
func (t Traits) HTTP() (HTTP, bool) {
	v := t.get(TraitHTTP)
	if !v.Exists() {
		return HTTP{}, false
	}
	h := HTTP{Method: v.Get("method").String(), URI: v.Get("uri").String(), Code: 200}
	if c := v.Get("code"); c.Exists() {
		h.Code = int(c.Int())
	}
	return h, true
}

// HTTPLabel reports the httpLabel trait.
func (t Traits) HTTPLabel() bool { return t.Has(TraitHTTPLabel) }

// HTTPQuery returns the httpQuery parameter name.
func (t Traits) HTTPQuery() (string, bool) {
	v := t.get(TraitHTTPQuery)
	return v.String(), v.Exists()
}

// HTTPQueryParams reports the httpQueryParams trait.
func (t Traits) HTTPQueryParams() bool { return t.Has(TraitHTTPQueryParams) }

// HTTPHeader returns the httpHeader name.
func (t Traits) HTTPHeader() (string, bool) {
	v := t.get(TraitHTTPHeader)
	return v.String(), v.Exists()
}

// HTTPPrefixHeaders returns the httpPrefixHeaders prefix.
func (t Traits) HTTPPrefixHeaders() (string, bool) {
	v := t.get(TraitHTTPPrefixHeaders)
	return v.String(), v.Exists()
}

// HTTPPayload reports the httpPayload trait.
func (t Traits) HTTPPayload() bool { return t.Has(TraitHTTPPayload) }

// HTTPResponseCode reports the httpResponseCode trait.
func (t Traits) HTTPResponseCode() bool { return t.Has(TraitHTTPResponseCode) }

// JSONName returns the jsonName trait.
func (t Traits) JSONName() (string, bool) {
	v := t.get(TraitJSONName)
	return v.String(), v.Exists()
}

// TimestampFormat returns the timestampFormat trait.
func (t Traits) TimestampFormat() (string, bool) {
	v := t.get(TraitTimestampFormat)
	return v.String(), v.Exists()
}

// MediaType returns the mediaType trait.
func (t Traits) MediaType() (string, bool) {
	v := t.get(TraitMediaType)
	return v.String(), v.Exists()
}

// Paginated is the value of the paginated trait; empty fields are unset.
type Paginated struct {
	InputToken, OutputToken, Items, PageSize string
}

// Paginated returns the paginated trait.
func (t Traits) Paginated() (Paginated, bool) {
	v := t.get(TraitPaginated)
	if !v.Exists() {
		return Paginated{}, false
	}
	return Paginated{
		InputToken:  v.Get("inputToken").String(),
		OutputToken: v.Get("outputToken").String(),
		Items:       v.Get("items").String(),
		PageSize:    v.Get("pageSize").String(),
	}, true
}

// IdempotencyToken reports the idempotencyToken trait.
func (t Traits) IdempotencyToken() bool { return t.Has(TraitIdempotencyToken) }

// Deprecated reports the deprecated trait and its message.
func (t Traits) Deprecated() (message string, ok bool) {
	v := t.get(TraitDeprecated)
	if !v.Exists() {
		return "", false
	}
	msg := v.Get("message").String()
	if since := v.Get("since").String(); since != "" {
		if msg == "" {
			return "deprecated since " + since + ".", true
		}
		msg += " (deprecated since " + since + ")"
	}
	return msg, true
}

// Streaming reports the streaming trait.
func (t Traits) Streaming() bool { return t.Has(TraitStreaming) }

// Sparse reports the sparse trait.
func (t Traits) Sparse() bool { return t.Has(TraitSparse) }

// AWSService is the part of aws.api#service the generator uses.
type AWSService struct {
	SDKID          string
	EndpointPrefix string
	ARNNamespace   string
}

// AWSService returns the aws.api#service trait.
func (t Traits) AWSService() (AWSService, bool) {
	v := t.get(TraitAWSService)
	if !v.Exists() {
		return AWSService{}, false
	}
	return AWSService{
		SDKID:          v.Get("sdkId").String(),
		EndpointPrefix: v.Get("endpointPrefix").String(),
		ARNNamespace:   v.Get("arnNamespace").String(),
	}, true
}

// SigV4Name returns the signing name of the aws.auth#sigv4 trait.
func (t Traits) SigV4Name() (string, bool) {
	v := t.get(TraitSigV4)
	return v.Get("name").String(), v.Exists()
}

// EndpointRuleSet returns the endpoint rule set as raw JSON.
func (t Traits) EndpointRuleSet() (string, bool) { return t.Raw(TraitEndpointRuleSet) }

// EndpointTests returns the endpoint tests as raw JSON.
func (t Traits) EndpointTests() (string, bool) { return t.Raw(TraitEndpointTests) }

// Waitable returns the waitable trait as raw JSON.
func (t Traits) Waitable() (string, bool) { return t.Raw(TraitWaitable) }

// parseDecimal reports whether s is a JSON number (used to check bounds).
func parseDecimal(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}
