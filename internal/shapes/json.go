package shapes

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// canonicalJSON renders a JSON value with object keys sorted and no
// insignificant whitespace, so that two values can be compared for equality.
func canonicalJSON(v gjson.Result) string {
	var b strings.Builder
	writeCanonical(&b, v)
	return b.String()
}

func writeCanonical(b *strings.Builder, v gjson.Result) {
	switch {
	case v.IsObject():
		type kv struct {
			k string
			v gjson.Result
		}
		var kvs []kv
		v.ForEach(func(k, val gjson.Result) bool {
			kvs = append(kvs, kv{k.String(), val})
			return true
		})
		slices.SortStableFunc(kvs, func(a, b kv) int { return strings.Compare(a.k, b.k) })
		b.WriteByte('{')
		for i, e := range kvs {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Quote(e.k))
			b.WriteByte(':')
			writeCanonical(b, e.v)
		}
		b.WriteByte('}')
	case v.IsArray():
		b.WriteByte('[')
		for i, e := range v.Array() {
			if i > 0 {
				b.WriteByte(',')
			}
			writeCanonical(b, e)
		}
		b.WriteByte(']')
	case v.Type == gjson.String:
		b.WriteString(strconv.Quote(v.String()))
	case v.Type == gjson.Number:
		// Normalise 1.0 and 1 to the same text so equal numbers compare equal.
		if f, err := strconv.ParseFloat(v.Raw, 64); err == nil {
			b.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
		} else {
			b.WriteString(v.Raw)
		}
	default:
		b.WriteString(strings.TrimSpace(v.Raw))
	}
}

// traitShapes describes the JSON kind of the values of the traits the
// generator reads, so that a malformed value is reported at load time with the
// trait's name rather than surfacing later as a confusing generation error.
var traitShapes = map[string]string{
	TraitDocumentation:     "string",
	TraitLength:            "bounds",
	TraitRange:             "bounds",
	TraitPattern:           "string",
	TraitEnumValue:         "scalar",
	TraitError:             "fault",
	TraitHTTPError:         "int",
	TraitHTTP:              "http",
	TraitHTTPQuery:         "string",
	TraitHTTPHeader:        "string",
	TraitHTTPPrefixHeaders: "string",
	TraitJSONName:          "string",
	TraitTimestampFormat:   "timestampFormat",
	TraitMediaType:         "string",
	TraitPaginated:         "object",
	TraitEnum:              "array",
	TraitRetryable:         "object",
	TraitAWSService:        "object",
	TraitSigV4:             "object",
	TraitEndpointRuleSet:   "object",
	TraitEndpointTests:     "object",
	TraitWaitable:          "object",
	TraitHTTPAPIKeyAuth:    "apiKeyAuth",
}

func checkTraitValue(id string, v gjson.Result) error {
	switch traitShapes[id] {
	case "string":
		if v.Type != gjson.String {
			return fmt.Errorf("want a string, got %s", jsonKind(v))
		}
	case "int":
		if v.Type != gjson.Number || v.Num != float64(int64(v.Num)) {
			return fmt.Errorf("want an integer, got %s", jsonKind(v))
		}
	case "scalar":
		if v.Type != gjson.String && v.Type != gjson.Number {
			return fmt.Errorf("want a string or an integer, got %s", jsonKind(v))
		}
	case "object":
		if !v.IsObject() {
			return fmt.Errorf("want an object, got %s", jsonKind(v))
		}
	case "array":
		if !v.IsArray() {
			return fmt.Errorf("want a list, got %s", jsonKind(v))
		}
	case "bounds":
		if !v.IsObject() {
			return fmt.Errorf("want an object with min and/or max, got %s", jsonKind(v))
		}
		lo, hi := v.Get("min"), v.Get("max")
		if !lo.Exists() && !hi.Exists() {
			return fmt.Errorf("needs min or max")
		}
		for _, x := range []gjson.Result{lo, hi} {
			if x.Exists() && (x.Type != gjson.Number || !parseDecimal(x.Raw)) {
				return fmt.Errorf("min and max must be numbers")
			}
		}
		if lo.Exists() && hi.Exists() && lo.Float() > hi.Float() {
			return fmt.Errorf("min %s is greater than max %s", lo.Raw, hi.Raw)
		}
	case "apiKeyAuth":
		if !v.IsObject() {
			return fmt.Errorf("want an object, got %s", jsonKind(v))
		}
		// The definition checks each field; this is the rule between them.
		if v.Get("scheme").Exists() && v.Get("in").String() != "header" {
			return fmt.Errorf(`scheme can only be set when in is "header"`)
		}
	case "fault":
		if s := v.String(); v.Type != gjson.String || (s != "client" && s != "server") {
			return fmt.Errorf(`want "client" or "server"`)
		}
	case "timestampFormat":
		switch v.String() {
		case "date-time", "http-date", "epoch-seconds":
		default:
			return fmt.Errorf("unknown timestamp format %s", v.Raw)
		}
	case "http":
		if !v.IsObject() || v.Get("method").Type != gjson.String || v.Get("uri").Type != gjson.String {
			return fmt.Errorf("want {method, uri, code?}")
		}
		if !strings.HasPrefix(v.Get("uri").String(), "/") {
			return fmt.Errorf("the uri must start with /")
		}
	}
	return nil
}

func jsonKind(v gjson.Result) string {
	switch {
	case v.IsObject():
		return "an object"
	case v.IsArray():
		return "a list"
	}
	switch v.Type {
	case gjson.String:
		return "a string"
	case gjson.Number:
		return "a number"
	case gjson.True, gjson.False:
		return "a boolean"
	case gjson.Null:
		return "null"
	}
	return "nothing"
}
