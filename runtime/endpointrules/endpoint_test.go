package endpointrules

import (
	"reflect"
	"testing"
)

func TestAuthSchemes(t *testing.T) {
	ep := Result{Properties: map[string]any{"authSchemes": []any{
		"not an object",
		map[string]any{"name": "sigv4", "signingRegion": 3, "disableNormalizePath": true},
		map[string]any{"name": "sigv4a", "signingRegionSet": []string{"us-*", "eu-*"}},
	}}}
	want := []AuthScheme{
		{Name: "sigv4", DisableNormalizePath: true},
		{Name: "sigv4a", SigningRegionSet: []string{"us-*", "eu-*"}},
	}
	if got := ep.AuthSchemes(); !reflect.DeepEqual(got, want) {
		t.Errorf("AuthSchemes() = %+v, want %+v", got, want)
	}
	if got := (Result{}).AuthSchemes(); got != nil {
		t.Errorf("AuthSchemes() without the property = %v, want nil", got)
	}
}
