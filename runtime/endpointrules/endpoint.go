package endpointrules

// AuthScheme is one entry of an endpoint's "authSchemes" property: the
// signing settings that the endpoint asks for when the client uses the
// named scheme. Clients choose the scheme from the model's auth traits and
// use a matching entry only to adjust that scheme's signer.
type AuthScheme struct {
	// Name is the scheme's name, such as "sigv4" or "sigv4a".
	Name string
	// SigningName is the service name to sign with, when the endpoint
	// overrides it.
	SigningName string
	// SigningRegion is the region to sign with (sigv4), when the endpoint
	// overrides it.
	SigningRegion string
	// SigningRegionSet is the region set to sign with (sigv4a), such as
	// ["*"].
	SigningRegionSet []string
	// DisableDoubleEncoding turns off the second URI-encoding of the path
	// in the canonical request.
	DisableDoubleEncoding bool
	// DisableNormalizePath turns off path normalization in the canonical
	// request.
	DisableNormalizePath bool
}

// AuthSchemes parses e.Properties["authSchemes"], in order. Entries that
// are not objects are skipped, and fields of unexpected types are left
// zero, since the property is advisory. It returns nil when there is no
// such property.
func (e Result) AuthSchemes() []AuthScheme {
	list, _ := e.Properties["authSchemes"].([]any)
	if len(list) == 0 {
		return nil
	}
	out := make([]AuthScheme, 0, len(list))
	for _, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			continue
		}
		var a AuthScheme
		a.Name, _ = m["name"].(string)
		a.SigningName, _ = m["signingName"].(string)
		a.SigningRegion, _ = m["signingRegion"].(string)
		a.DisableDoubleEncoding, _ = m["disableDoubleEncoding"].(bool)
		a.DisableNormalizePath, _ = m["disableNormalizePath"].(bool)
		switch set := m["signingRegionSet"].(type) {
		case []string:
			a.SigningRegionSet = append([]string(nil), set...)
		case []any:
			for _, r := range set {
				if s, ok := r.(string); ok {
					a.SigningRegionSet = append(a.SigningRegionSet, s)
				}
			}
		}
		out = append(out, a)
	}
	return out
}
