package outposts_test

import (
	"context"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/smithygo/smithygo/generated/outposts"
)

// bodyTransport answers every request with one status and body.
type bodyTransport struct {
	status int
	body   string
}

func (b bodyTransport) Do(r *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode:    b.status,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(strings.NewReader(b.body)),
		ContentLength: int64(len(b.body)),
		Request:       r,
	}, nil
}

// decodeAll decodes body as the output of several operations (lists at
// every depth, maps, timestamps, floats, enums) and as an error response,
// and returns what was decoded.
func decodeAll(body string) []any {
	ctx := context.Background()
	client := func(status int) *outposts.Client {
		return outposts.New(outposts.Options{
			Region:           "us-west-2",
			Credentials:      outposts.StaticCredentials("AKID", "SECRET", ""),
			HTTPClient:       bodyTransport{status, body},
			RetryMaxAttempts: 1,
		})
	}
	ok, bad := client(200), client(400)
	var got []any
	add := func(out any, err error) {
		if err != nil {
			got = append(got, err.Error())
		} else {
			got = append(got, out)
		}
	}
	add(ok.ListAssets(ctx, &outposts.ListAssetsInput{OutpostIdentifier: ptr("op-0abcdef1234567890")}))
	add(ok.GetOrder(ctx, &outposts.GetOrderInput{OrderId: ptr("oo-0123456789abcdef0")}))
	add(ok.ListSites(ctx, &outposts.ListSitesInput{}))
	add(ok.ListOutposts(ctx, &outposts.ListOutpostsInput{}))
	add(ok.ListCapacityTasks(ctx, &outposts.ListCapacityTasksInput{}))
	add(ok.ListCatalogItems(ctx, &outposts.ListCatalogItemsInput{}))
	_, err := bad.GetSite(ctx, &outposts.GetSiteInput{SiteId: ptr("os-0abcdef1234567890")})
	add(nil, err)
	return got
}

// FuzzDecodeResponses feeds arbitrary bodies to the generated decoders: no
// input may panic, and what one body decodes to must not change when the
// next body is read into the same reused memory (decoded strings are copies).
func FuzzDecodeResponses(f *testing.F) {
	for _, s := range []string{
		``, `{}`, `null`, `{"Assets":[{"AssetId":"a","ComputeAttributes":{"InstanceTypeCapacities":[{"InstanceType":"m5","Count":2}],"MaxVcpus":4},"AssetLocation":{"RackElevation":1.5}}]}`,
		`{"Order":{"LineItems":[{"AssetInformationList":[{"AssetId":"x","MacAddressList":["00:11:22:33:44:55"]}],"Quantity":1,"Status":"SHIPPED"}],"OrderSubmissionDate":1.5e9}}`,
		`{"Sites":[{"Name":"caf\u00e9 \"x\"","Tags":{"k":"v","k2":"\ud83d\ude00"},"RackPhysicalProperties":{"PowerPhase":"SINGLE_PHASE"}}],"NextToken":"t"}`,
		`{"Outposts":[{"Tags":{"a":"b"},"SupportedHardwareType":"RACK"}]}`,
		`{"CapacityTasks":[{"CreationDate":1700000000.123,"CapacityTaskStatus":"FAILED"}]}`,
		`{"CatalogItems":[{"PowerKva":15.5,"SupportedUplinkGbps":[1,10,40],"EC2Capacities":[{"Family":"m5"}]}]}`,
		`{"Message":"not found","__type":"NotFoundException"}`, `{"Assets":[` + strings.Repeat(`{"AssetId":"a"},`, 60) + `{}]}`,
		`{"Assets":[1,2`, `{"Sites":[{"Tags":{"a":1}}]}`, `{"CatalogItems":[{"PowerKva":"NaN"}]}`,
		// Maps past eight entries, some repeated, and more optional
		// structures than a Decoder allocates one by one.
		`{"Sites":[{"Tags":{"a":"1","b":"2","c":"3","d":"4","e":"5","f":"6","g":"7","h":"8","i":"9","a":"10","j":"11"}}]}`,
		`{"Assets":[` + strings.Repeat(`{"ComputeAttributes":{"MaxVcpus":1},"AssetLocation":{"RackElevation":2}},`, 12) + `{}]}`,
	} {
		f.Add(s)
	}
	other := `{"Sites":[` + strings.Repeat(`{"Name":"ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ","Tags":{"ZZZZ":"ZZZZZZZZ"}},`, 200) + `{}]}`
	// Padding a body past 4 KB with trailing spaces changes nothing it
	// says, but moves it over the size from which the decoders keep
	// optional structures, union members and maps of more than eight
	// entries in memory shared across the document: both ways must decode
	// the same values.
	padding := strings.Repeat(" ", 4<<10)
	f.Fuzz(func(t *testing.T, body string) {
		first := decodeAll(body)
		decodeAll(other) // reuses the memory body was read into
		if again := decodeAll(body); !sameValue(reflect.ValueOf(first), reflect.ValueOf(again)) {
			t.Fatalf("decoding %q changed after another body was read:\n%#v\n%#v", body, first, again)
		}
		for i, v := range decodeAll(body + padding) {
			_, err1 := first[i].(string)
			_, err2 := v.(string)
			if !err1 && !err2 && !sameValue(reflect.ValueOf(first[i]), reflect.ValueOf(v)) {
				t.Fatalf("decoding %q padded to 4 KB gave another value (call %d):\n%#v\n%#v", body, i, first[i], v)
			}
		}
	})
}

// sameValue is reflect.DeepEqual with NaN equal to itself (a body may say
// "NaN" for a float).
func sameValue(a, b reflect.Value) bool {
	if a.IsValid() != b.IsValid() {
		return false
	}
	if !a.IsValid() {
		return true
	}
	if a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.Float32, reflect.Float64:
		x, y := a.Float(), b.Float()
		return x == y || (x != x && y != y)
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameValue(a.Elem(), b.Elem())
	case reflect.Slice, reflect.Array:
		if a.Kind() == reflect.Slice && a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameValue(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			if !sameValue(a.MapIndex(k), b.MapIndex(k)) {
				return false
			}
		}
		return true
	case reflect.Struct:
		for i := range a.NumField() {
			if !sameValue(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.String:
		return a.String() == b.String()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() == b.Uint()
	}
	return !a.CanInterface() || reflect.DeepEqual(a.Interface(), b.Interface())
}
