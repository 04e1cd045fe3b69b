package outposts_test

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/types"
)

// Valid values of the model's ID shapes.
const (
	outpostID   = "op-0123456789abcdef0"
	outpostARN  = "arn:aws:outposts:us-west-2:123456789012:outpost/op-0123456789abcdef0"
	taskID      = "cap-0123456789abcdef0"
	orderID     = "oo-0123456789abcdef0"
	siteID      = "os-0123456789abcdef0"
	assetID     = "asset0123456789"
	catalogItem = "OR-ABC1234"
	accountID   = "123456789012"
	instanceID  = "i-0123456789abcdef0"
	resourceARN = "arn:aws:outposts:us-west-2:123456789012:outpost/op-0123456789abcdef0"
)

func ptr[T any](v T) *T { return &v }

// validatable is any generated input.
type validatable interface{ Validate() error }

// want is an expected violation; an empty message is not compared.
type want struct {
	path, constraint, message string
}

// invalidParams returns the *InvalidParamsError in err, failing the test if
// there is none or its context is not context.
func invalidParams(t *testing.T, err error, context string) *outposts.InvalidParamsError {
	t.Helper()
	if err == nil {
		t.Fatalf("Validate() = nil, want an *InvalidParamsError for %s", context)
	}
	var ipe *outposts.InvalidParamsError
	if !errors.As(err, &ipe) {
		t.Fatalf("Validate() = %T %v, want an *InvalidParamsError", err, err)
	}
	if ipe.Context != context {
		t.Errorf("Context = %q, want %q", ipe.Context, context)
	}
	return ipe
}

// checkViolations checks that in's violations are exactly ws, in order.
func checkViolations(t *testing.T, in validatable, context string, ws ...want) {
	t.Helper()
	ipe := invalidParams(t, in.Validate(), context)
	if len(ipe.Violations) != len(ws) {
		t.Errorf("got %d violations, want %d:\n%s", len(ipe.Violations), len(ws), describe(ipe.Violations))
	}
	for i := range min(len(ws), len(ipe.Violations)) {
		g, w := ipe.Violations[i], ws[i]
		if g.Path != w.path || g.Constraint != w.constraint || (w.message != "" && g.Message != w.message) {
			t.Errorf("violation %d = {%q %q %q}, want {%q %q %q}", i, g.Path, g.Constraint, g.Message, w.path, w.constraint, w.message)
		}
		if g.Message == "" {
			t.Errorf("violation %d (%s) has an empty message", i, g.Path)
		}
	}
}

func describe(vs []outposts.Violation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "\t%s %s: %s\n", v.Path, v.Constraint, v.Message)
	}
	return b.String()
}

func checkValid(t *testing.T, in validatable) {
	t.Helper()
	if err := in.Validate(); err != nil {
		t.Errorf("Validate() = %v, want nil", err)
	}
}

// validStartCapacityTask returns a StartCapacityTaskInput with every member
// set to a valid value.
func validStartCapacityTask() *outposts.StartCapacityTaskInput {
	return &outposts.StartCapacityTaskInput{
		OutpostIdentifier: ptr(outpostARN),
		OrderId:           ptr(orderID),
		AssetId:           ptr(assetID),
		InstancePools: []types.InstanceTypeCapacity{
			{InstanceType: ptr("m5.large"), Count: 4},
			{InstanceType: ptr("c5.xlarge"), Count: 0},
			{InstanceType: ptr("r5.2xlarge"), Count: 9999},
			{InstanceType: ptr("g4dn.12xlarge"), Count: 1},
		},
		InstancesToExclude: &types.InstancesToExclude{
			Instances:  []string{instanceID, "i-0fedcba9876543210"},
			AccountIds: []string{accountID, "210987654321"},
			Services:   []types.AWSServiceName{types.AWSServiceNameEc2, types.AWSServiceNameRds, types.AWSServiceNameElb},
		},
		DryRun:                        true,
		TaskActionOnBlockingInstances: types.TaskActionOnBlockingInstancesWaitForEvacuation,
	}
}

func validCreateOrder() *outposts.CreateOrderInput {
	return &outposts.CreateOrderInput{
		OutpostIdentifier: ptr(outpostID),
		LineItems: []types.LineItemRequest{
			{CatalogItemId: ptr(catalogItem), Quantity: ptr(int32(2))},
			{CatalogItemId: ptr("OR-XYZ9876"), Quantity: ptr(int32(1))},
			{CatalogItemId: ptr("OR-0000000"), Quantity: ptr(int32(1 << 20))},
		},
		PaymentOption: types.PaymentOptionPartialUpfront,
		PaymentTerm:   types.PaymentTermThreeYears,
	}
}

func validTagResource() *outposts.TagResourceInput {
	return &outposts.TagResourceInput{
		ResourceArn: ptr(resourceARN),
		Tags: map[string]string{
			"env":                    "production",
			"cost-center":            "1234",
			"team/owner":             "capacity planning",
			"a.b_c:d=e+f":            "multi\nline",
			"AWS:not-reserved":       "the aws: prefix is case-sensitive",
			"notaws:":                "aws: only matters at the start",
			"owner":                  "Zoë",
			strings.Repeat("k", 128): strings.Repeat("v", 256),
		},
	}
}

func validAddress() *types.Address {
	return &types.Address{
		ContactName:        ptr("Jane Doe"),
		ContactPhoneNumber: ptr("+1 206 555 0100"),
		AddressLine1:       ptr("410 Terry Ave N"),
		AddressLine2:       ptr("Floor 3"),
		AddressLine3:       ptr("Loading dock B"),
		City:               ptr("Seattle"),
		StateOrRegion:      ptr("WA"),
		DistrictOrCounty:   ptr("King"),
		PostalCode:         ptr("98109-5210"),
		CountryCode:        ptr("US"),
		Municipality:       ptr("Seattle"),
	}
}

func TestValidateRequired(t *testing.T) {
	t.Run("GetCapacityTaskInput empty", func(t *testing.T) {
		checkViolations(t, &outposts.GetCapacityTaskInput{}, "GetCapacityTaskInput",
			want{"CapacityTaskId", "required", "is required"},
			want{"OutpostIdentifier", "required", "is required"})
	})
	t.Run("GetCapacityTaskInput one missing", func(t *testing.T) {
		checkViolations(t, &outposts.GetCapacityTaskInput{CapacityTaskId: ptr(taskID)}, "GetCapacityTaskInput",
			want{"OutpostIdentifier", "required", "is required"})
	})
	t.Run("GetCapacityTaskInput complete", func(t *testing.T) {
		checkValid(t, &outposts.GetCapacityTaskInput{CapacityTaskId: ptr(taskID), OutpostIdentifier: ptr(outpostID)})
	})
	t.Run("StartCapacityTaskInput empty", func(t *testing.T) {
		checkViolations(t, &outposts.StartCapacityTaskInput{}, "StartCapacityTaskInput",
			want{"OutpostIdentifier", "required", ""},
			want{"InstancePools", "required", ""})
	})
	t.Run("required enum", func(t *testing.T) {
		checkViolations(t, &outposts.GetSiteAddressInput{SiteId: ptr(siteID)}, "GetSiteAddressInput",
			want{"AddressType", "required", ""})
		in := validCreateOrder()
		in.PaymentOption = ""
		checkViolations(t, in, "CreateOrderInput", want{"PaymentOption", "required", ""})
	})
	t.Run("required list and map", func(t *testing.T) {
		checkViolations(t, &outposts.UntagResourceInput{ResourceArn: ptr(resourceARN)}, "UntagResourceInput",
			want{"TagKeys", "required", ""})
		checkViolations(t, &outposts.TagResourceInput{ResourceArn: ptr(resourceARN)}, "TagResourceInput",
			want{"Tags", "required", ""})
	})
	t.Run("required members of a nested structure", func(t *testing.T) {
		in := validStartCapacityTask()
		in.InstancePools[1].InstanceType = nil
		checkViolations(t, in, "StartCapacityTaskInput", want{"InstancePools[1].InstanceType", "required", "is required"})

		checkViolations(t, &outposts.UpdateSiteAddressInput{
			SiteId:      ptr(siteID),
			AddressType: types.AddressTypeShippingAddress,
			Address:     &types.Address{ContactName: ptr("Jane Doe")},
		}, "UpdateSiteAddressInput",
			want{"Address.AddressLine1", "required", ""},
			want{"Address.City", "required", ""},
			want{"Address.StateOrRegion", "required", ""},
			want{"Address.PostalCode", "required", ""},
			want{"Address.CountryCode", "required", ""})
	})
	t.Run("optional nested structure absent", func(t *testing.T) {
		in := validStartCapacityTask()
		in.InstancesToExclude = nil
		in.OrderId, in.AssetId = nil, nil
		in.TaskActionOnBlockingInstances = ""
		checkValid(t, in)
		checkValid(t, &outposts.CreateSiteInput{Name: ptr("Seattle DC")})
	})
}

func TestValidateNilInput(t *testing.T) {
	checkViolations(t, (*outposts.GetCapacityTaskInput)(nil), "GetCapacityTaskInput",
		want{"CapacityTaskId", "required", "is required"},
		want{"OutpostIdentifier", "required", "is required"})
	checkViolations(t, (*outposts.StartCapacityTaskInput)(nil), "StartCapacityTaskInput",
		want{"OutpostIdentifier", "required", ""},
		want{"InstancePools", "required", ""})
	// An input without required members is valid even when nil.
	checkValid(t, (*outposts.ListCapacityTasksInput)(nil))
	checkValid(t, (*outposts.ListOutpostsInput)(nil))
}

// TestValidateLengthCountsCodePoints checks that string lengths are counted
// in Unicode code points, as Smithy's @length defines them, not in bytes.
func TestValidateLengthCountsCodePoints(t *testing.T) {
	t.Run("CapacityTaskId of 21 code points but 38 bytes", func(t *testing.T) {
		id := "cap-" + strings.Repeat("é", 17)
		if len(id) == 21 {
			t.Fatal("test value should be longer than 21 bytes")
		}
		// The length (exactly 21) holds; only the pattern fails.
		checkViolations(t, &outposts.GetCapacityTaskInput{CapacityTaskId: ptr(id), OutpostIdentifier: ptr(outpostID)},
			"GetCapacityTaskInput", want{"CapacityTaskId", "pattern", ""})
	})
	t.Run("CapacityTaskId of 21 bytes but 20 code points", func(t *testing.T) {
		id := "cap-" + strings.Repeat("a", 15) + "é"
		if len(id) != 21 {
			t.Fatalf("test value has %d bytes, want 21", len(id))
		}
		checkViolations(t, &outposts.GetCapacityTaskInput{CapacityTaskId: ptr(id), OutpostIdentifier: ptr(outpostID)},
			"GetCapacityTaskInput",
			want{"CapacityTaskId", "length", "length 20 is below the minimum 21"},
			want{"CapacityTaskId", "pattern", ""})
	})
	t.Run("tag value at the maximum of 256 code points", func(t *testing.T) {
		for _, r := range []string{"é", "€", "😀"} {
			in := validTagResource()
			in.Tags["env"] = strings.Repeat(r, 256)
			checkValid(t, in)

			in.Tags["env"] = strings.Repeat(r, 257)
			checkViolations(t, in, "TagResourceInput", want{"Tags[env]", "length", "length 257 is above the maximum 256"})
		}
	})
	t.Run("Outpost name at the maximum of 255 code points", func(t *testing.T) {
		in := &outposts.CreateOutpostInput{Name: ptr(strings.Repeat("日", 255)), SiteId: ptr(siteID)}
		checkValid(t, in)
		in.Name = ptr(strings.Repeat("日", 256))
		checkViolations(t, in, "CreateOutpostInput", want{"Name", "length", "length 256 is above the maximum 255"})
	})
	t.Run("empty string below a minimum of 1", func(t *testing.T) {
		checkViolations(t, &outposts.GetOrderInput{OrderId: ptr("")}, "GetOrderInput",
			want{"OrderId", "length", "length 0 is below the minimum 1"},
			want{"OrderId", "pattern", ""})
	})
	t.Run("empty string allowed by a minimum of 0", func(t *testing.T) {
		checkValid(t, &outposts.UpdateOutpostInput{OutpostId: ptr(outpostID), Description: ptr("")})
	})
	t.Run("list length", func(t *testing.T) {
		in := validCreateOrder()
		in.LineItems = []types.LineItemRequest{}
		checkViolations(t, in, "CreateOrderInput", want{"LineItems", "length", "length 0 is below the minimum 1"})
		in.LineItems = make([]types.LineItemRequest, 21)
		checkViolations(t, in, "CreateOrderInput", want{"LineItems", "length", "length 21 is above the maximum 20"})
		in.LineItems = in.LineItems[:20]
		checkValid(t, in)
	})
	t.Run("map key length", func(t *testing.T) {
		key := strings.Repeat("k", 129)
		in := &outposts.TagResourceInput{ResourceArn: ptr(resourceARN), Tags: map[string]string{key: "v"}}
		checkViolations(t, in, "TagResourceInput", want{"Tags{" + key + "}", "length", "length 129 is above the maximum 128"})
	})
	t.Run("map length", func(t *testing.T) {
		in := &outposts.TagResourceInput{ResourceArn: ptr(resourceARN), Tags: map[string]string{}}
		checkViolations(t, in, "TagResourceInput", want{"Tags", "length", "length 0 is below the minimum 1"})
		for i := range 50 {
			in.Tags["key"+strconv.Itoa(i)] = "v"
		}
		checkValid(t, in)
		in.Tags["key50"] = "v"
		checkViolations(t, in, "TagResourceInput", want{"Tags", "length", "length 51 is above the maximum 50"})
	})
}

func TestValidateRange(t *testing.T) {
	t.Run("InstancePools[2].Count", func(t *testing.T) {
		for _, n := range []int32{10000, -1, 1 << 30} {
			in := validStartCapacityTask()
			in.InstancePools[2].Count = n
			checkViolations(t, in, "StartCapacityTaskInput",
				want{"InstancePools[2].Count", "range", "value " + strconv.Itoa(int(n)) + " is outside the range 0 to 9999"})
		}
		in := validStartCapacityTask()
		in.InstancePools[0].Count, in.InstancePools[2].Count = 0, 9999
		checkValid(t, in)
	})
	t.Run("minimum only", func(t *testing.T) {
		in := validCreateOrder()
		in.LineItems[1].Quantity = ptr(int32(0))
		checkViolations(t, in, "CreateOrderInput",
			want{"LineItems[1].Quantity", "range", "value 0 is below the minimum 1"})
		in.LineItems[1].Quantity = ptr(int32(1<<31 - 1))
		checkValid(t, in)
	})
	t.Run("MaxResults", func(t *testing.T) {
		for _, n := range []int32{0, -5, 1001} {
			checkViolations(t, &outposts.ListCapacityTasksInput{MaxResults: ptr(n)}, "ListCapacityTasksInput",
				want{"MaxResults", "range", "value " + strconv.Itoa(int(n)) + " is outside the range 1 to 1000"})
		}
		for _, n := range []int32{1, 1000} {
			checkValid(t, &outposts.ListCapacityTasksInput{MaxResults: ptr(n)})
		}
	})
	t.Run("non-pointer member with a default", func(t *testing.T) {
		in := &outposts.StartConnectionInput{
			AssetId:         ptr(assetID),
			ClientPublicKey: ptr(strings.Repeat("A", 43) + "="),
		}
		checkValid(t, in) // NetworkInterfaceDeviceIndex 0, its default
		in.NetworkInterfaceDeviceIndex = 2
		checkViolations(t, in, "StartConnectionInput",
			want{"NetworkInterfaceDeviceIndex", "range", "value 2 is outside the range 0 to 1"})
	})
}

func TestValidatePattern(t *testing.T) {
	t.Run("tag keys with the lookahead ^(?!aws:)", func(t *testing.T) {
		valid := []string{"env", "Env", "env2", "cost-center", "a.b_c:d/e=f+g", "AWS:x", "Aws:x", "aws", "aws-x", "awsx:y", "xaws:y", "aws.x:y", "0123",
			// Java's $ also matches before a final line terminator.
			"tag\n",
			// +-= is the range U+002B to U+003D, which holds , - . / 0-9 : ; <
			"a,b;c<d"}
		invalid := []string{"aws:x", "aws:", "aws:env", "aws:AWS:x", "a b", "tag!", "ümlaut", "tag\n\n", "[x]",
			// just outside the range +-=
			"a*b", "a>b"}
		for _, k := range valid {
			checkValid(t, &outposts.TagResourceInput{ResourceArn: ptr(resourceARN), Tags: map[string]string{k: "v"}})
			checkValid(t, &outposts.UntagResourceInput{ResourceArn: ptr(resourceARN), TagKeys: []string{k}})
		}
		for _, k := range invalid {
			checkViolations(t, &outposts.TagResourceInput{ResourceArn: ptr(resourceARN), Tags: map[string]string{k: "v"}},
				"TagResourceInput", want{"Tags{" + k + "}", "pattern", "does not match the pattern ^(?!aws:)[a-zA-Z+-=._:/]+$"})
			checkViolations(t, &outposts.UntagResourceInput{ResourceArn: ptr(resourceARN), TagKeys: []string{"env", k}},
				"UntagResourceInput", want{"TagKeys[1]", "pattern", ""})
		}
	})
	t.Run("ConnectionId ^[a-zA-Z0-9+/=]{1,1024}$", func(t *testing.T) {
		for _, id := range []string{"a", "abc+/=", "QUJDREVGRw==", strings.Repeat("A", 1024), "abc\n"} {
			checkValid(t, &outposts.GetConnectionInput{ConnectionId: ptr(id)})
		}
		for _, id := range []string{"abc-def", "abc def", "abc\n\n", "\nabc", "ab_c", "abç"} {
			checkViolations(t, &outposts.GetConnectionInput{ConnectionId: ptr(id)}, "GetConnectionInput",
				want{"ConnectionId", "pattern", "does not match the pattern ^[a-zA-Z0-9+/=]{1,1024}$"})
		}
		checkViolations(t, &outposts.GetConnectionInput{ConnectionId: ptr(strings.Repeat("A", 1025))}, "GetConnectionInput",
			want{"ConnectionId", "length", "length 1025 is above the maximum 1024"},
			want{"ConnectionId", "pattern", ""})
	})
	t.Run("Outpost identifiers", func(t *testing.T) {
		for _, id := range []string{outpostID, outpostARN, "arn:aws-us-gov:outposts:us-gov-west-1:123456789012:outpost/op-0123456789abcdef0"} {
			checkValid(t, &outposts.GetOutpostInput{OutpostId: ptr(id)})
		}
		for _, id := range []string{"op-0123456789ABCDEF0", "op-0123456789abcdef", "xop-0123456789abcdef0", outpostID + " ", "arn:aws:outposts:us-west-2:1234:outpost/" + outpostID} {
			checkViolations(t, &outposts.GetOutpostInput{OutpostId: ptr(id)}, "GetOutpostInput", want{"OutpostId", "pattern", ""})
		}
	})
	t.Run("Java semantics, as the service's java.util.regex", func(t *testing.T) {
		// $ matches at the end and before a final line terminator, not before two.
		checkValid(t, &outposts.StartConnectionInput{AssetId: ptr("abc\n"), ClientPublicKey: ptr(strings.Repeat("A", 43) + "=")})
		checkViolations(t, &outposts.StartConnectionInput{AssetId: ptr("abc\n\n"), ClientPublicKey: ptr(strings.Repeat("A", 43) + "=")},
			"StartConnectionInput", want{"AssetId", "pattern", "does not match the pattern ^(\\w+)$"})
		// \w is ASCII.
		checkViolations(t, &outposts.StartConnectionInput{AssetId: ptr("résumé"), ClientPublicKey: ptr(strings.Repeat("A", 43) + "=")},
			"StartConnectionInput", want{"AssetId", "pattern", ""})
		// \d is ASCII: Arabic-Indic digits are not \d.
		in := validStartCapacityTask()
		in.InstancesToExclude.AccountIds = []string{accountID, "١٢٣٤٥٦٧٨٩٠١٢"}
		checkViolations(t, in, "StartCapacityTaskInput", want{"InstancesToExclude.AccountIds[1]", "pattern", ""})
		// \s is ASCII white space only, so U+00A0, U+FEFF, U+2028 and U+3000
		// are \S, and so are non-ASCII letters; tab and newline are not.
		checkValid(t, &outposts.UpdateOutpostInput{OutpostId: ptr(outpostID), Name: ptr("Naïve Zoë 日本 😀")})
		for _, name := range []string{"a\u00a0b", "a\ufeffb", "a\u2028b", "a\u3000b"} {
			checkValid(t, &outposts.UpdateOutpostInput{OutpostId: ptr(outpostID), Name: ptr(name)})
		}
		for _, name := range []string{"a\tb", "a\nb", "a\vb", "a\fb"} {
			checkViolations(t, &outposts.UpdateOutpostInput{OutpostId: ptr(outpostID), Name: ptr(name)}, "UpdateOutpostInput",
				want{"Name", "pattern", "does not match the pattern ^[\\S ]+$"})
		}
		// ^[\S \n]+$ allows newlines, but not carriage returns.
		checkValid(t, &outposts.UpdateSiteInput{SiteId: ptr(siteID), Notes: ptr("line one\nline two")})
		checkViolations(t, &outposts.UpdateSiteInput{SiteId: ptr(siteID), Notes: ptr("line one\r\nline two")}, "UpdateSiteInput",
			want{"Notes", "pattern", ""})
	})
}

func TestValidateEnum(t *testing.T) {
	in := validStartCapacityTask()
	in.TaskActionOnBlockingInstances = "NOT_AN_ACTION"
	checkViolations(t, in, "StartCapacityTaskInput",
		want{"TaskActionOnBlockingInstances", "enum", `"NOT_AN_ACTION" is not one of the known values`})

	// A required enum set to an unknown value.
	order := validCreateOrder()
	order.PaymentOption = "BITCOIN"
	checkViolations(t, order, "CreateOrderInput", want{"PaymentOption", "enum", `"BITCOIN" is not one of the known values`})

	// Enum values are case-sensitive.
	order = validCreateOrder()
	order.PaymentTerm = "three_years"
	checkViolations(t, order, "CreateOrderInput", want{"PaymentTerm", "enum", ""})

	// In a list.
	checkViolations(t, &outposts.ListCapacityTasksInput{
		CapacityTaskStatusFilter: []types.CapacityTaskStatus{types.CapacityTaskStatusFailed, "NOT_A_STATUS"},
	}, "ListCapacityTasksInput", want{"CapacityTaskStatusFilter[1]", "enum", `"NOT_A_STATUS" is not one of the known values`})

	// In a nested structure.
	checkViolations(t, &outposts.UpdateSiteRackPhysicalPropertiesInput{
		SiteId:       ptr(siteID),
		PowerDrawKva: "POWER_99_KVA",
		UplinkGbps:   types.UplinkGbpsUplink10g,
	}, "UpdateSiteRackPhysicalPropertiesInput", want{"PowerDrawKva", "enum", ""})
	checkViolations(t, &outposts.CreateSiteInput{
		Name:                   ptr("Seattle DC"),
		RackPhysicalProperties: &types.RackPhysicalProperties{OpticalStandard: "OPTIC_1TBASE"},
	}, "CreateSiteInput", want{"RackPhysicalProperties.OpticalStandard", "enum", ""})
}

func TestValidateUniqueItems(t *testing.T) {
	m := model(t)
	var found []string
	for id, s := range m.Shapes {
		if _, ok := s.Traits["smithy.api#uniqueItems"]; ok {
			found = append(found, id)
		}
	}
	if len(found) > 0 {
		t.Fatalf("the model now has @uniqueItems lists %v: add tests for them", found)
	}
	t.Skip("the model has no @uniqueItems list, so no input can break it")
}

func TestValidateNestedPaths(t *testing.T) {
	in := validStartCapacityTask()
	in.InstancePools[2].InstanceType = ptr("M5 Large")
	in.InstancesToExclude.Instances[1] = "x-1"
	in.InstancesToExclude.Services = []types.AWSServiceName{types.AWSServiceNameEc2, "LAMBDA"}
	checkViolations(t, in, "StartCapacityTaskInput",
		want{"InstancePools[2].InstanceType", "pattern", ""},
		want{"InstancesToExclude.Instances[1]", "length", "length 3 is below the minimum 11"},
		want{"InstancesToExclude.Instances[1]", "pattern", ""},
		want{"InstancesToExclude.Services[1]", "enum", ""})

	site := &outposts.CreateSiteInput{
		Name:             ptr("Seattle DC"),
		OperatingAddress: validAddress(),
		ShippingAddress:  validAddress(),
	}
	checkValid(t, site)
	site.OperatingAddress.CountryCode = ptr("usa")
	site.ShippingAddress.PostalCode = ptr("981_09")
	checkViolations(t, site, "CreateSiteInput",
		want{"OperatingAddress.CountryCode", "length", "length 3 is above the maximum 2"},
		want{"OperatingAddress.CountryCode", "pattern", ""},
		want{"ShippingAddress.PostalCode", "pattern", ""})

	tags := validTagResource()
	tags.Tags["aws:x"] = "reserved"
	checkViolations(t, tags, "TagResourceInput", want{"Tags{aws:x}", "pattern", ""})
}

// TestValidateReportsEveryViolation checks that Validate does not stop at
// the first violation, and reports them in member order.
func TestValidateReportsEveryViolation(t *testing.T) {
	in := invalidStartCapacityTask()
	checkViolations(t, in, "StartCapacityTaskInput",
		want{"OutpostIdentifier", "pattern", ""},
		want{"OrderId", "pattern", ""},
		want{"AssetId", "length", "length 0 is below the minimum 1"},
		want{"AssetId", "pattern", ""},
		want{"InstancePools[1].InstanceType", "required", ""},
		want{"InstancePools[1].Count", "range", "value -3 is outside the range 0 to 9999"},
		want{"InstancePools[2].InstanceType", "pattern", ""},
		want{"InstancePools[2].Count", "range", "value 10001 is outside the range 0 to 9999"},
		want{"InstancesToExclude.Instances[1]", "length", ""},
		want{"InstancesToExclude.Instances[1]", "pattern", ""},
		want{"InstancesToExclude.AccountIds[0]", "length", "length 5 is below the minimum 12"},
		want{"InstancesToExclude.AccountIds[0]", "pattern", ""},
		want{"InstancesToExclude.Services[0]", "enum", ""},
		want{"TaskActionOnBlockingInstances", "enum", ""})
	// Validate only reads its input.
	if !reflect.DeepEqual(in, invalidStartCapacityTask()) {
		t.Errorf("Validate changed its input to %+v", in)
	}
}

func invalidStartCapacityTask() *outposts.StartCapacityTaskInput {
	return &outposts.StartCapacityTaskInput{
		OutpostIdentifier: ptr("outpost-1"),
		OrderId:           ptr("order-1"),
		AssetId:           ptr(""),
		InstancePools: []types.InstanceTypeCapacity{
			{InstanceType: ptr("m5.large"), Count: 1},
			{Count: -3},
			{InstanceType: ptr("m5"), Count: 10001},
		},
		InstancesToExclude: &types.InstancesToExclude{
			Instances:  []string{instanceID, "i-ABC"},
			AccountIds: []string{"12345"},
			Services:   []types.AWSServiceName{"S3"},
		},
		TaskActionOnBlockingInstances: "RETRY",
	}
}

// TestValidateMapViolationsAreOrdered checks that violations in a map come
// in key order, whatever Go's random map iteration order, after those of the
// members before the map.
func TestValidateMapViolationsAreOrdered(t *testing.T) {
	in := &outposts.TagResourceInput{
		ResourceArn: ptr("not-an-arn"),
		Tags: map[string]string{
			"aws:d": "x", "aws:b": "x", "ok1": "x", "aws:a": "x", "ok2": "x",
			"aws:c": "x", "aws:e": "x", "ok3": "x", "aws:f": "x", "ok4": "x",
		},
	}
	for range 50 {
		checkViolations(t, in, "TagResourceInput",
			want{"ResourceArn", "pattern", ""},
			want{"Tags{aws:a}", "pattern", ""},
			want{"Tags{aws:b}", "pattern", ""},
			want{"Tags{aws:c}", "pattern", ""},
			want{"Tags{aws:d}", "pattern", ""},
			want{"Tags{aws:e}", "pattern", ""},
			want{"Tags{aws:f}", "pattern", ""})
		if t.Failed() {
			break
		}
	}
}

// TestValidateMapValues checks that a map's values are validated too, and
// that the violation points at the entry.
func TestValidateMapValues(t *testing.T) {
	in := validTagResource()
	in.Tags["env"] = "tab\there"
	ipe := invalidParams(t, in.Validate(), "TagResourceInput")
	if len(ipe.Violations) != 1 {
		t.Fatalf("got violations\n%s, want one", describe(ipe.Violations))
	}
	v := ipe.Violations[0]
	if !strings.HasPrefix(v.Path, "Tags[env]") || v.Constraint != "pattern" || !strings.Contains(v.Message, `^[\S \n]+$`) {
		t.Errorf("violation = %+v, want a pattern violation of the value at Tags[env]", v)
	}
}

func TestValidateValidInputs(t *testing.T) {
	ts := func() *string { return ptr("10##eyJwYWdlIjoyfQ==") }
	inputs := []validatable{
		validStartCapacityTask(),
		validCreateOrder(),
		validTagResource(),
		&outposts.CancelCapacityTaskInput{CapacityTaskId: ptr(taskID), OutpostIdentifier: ptr(outpostARN)},
		&outposts.CancelOrderInput{OrderId: ptr(orderID)},
		&outposts.CreateOutpostInput{
			Name:                  ptr("Outpost 1"),
			Description:           ptr("Rack in room 3"),
			SiteId:                ptr("arn:aws:outposts:us-west-2:123456789012:site/" + siteID),
			AvailabilityZone:      ptr("us-west-2a"),
			AvailabilityZoneId:    ptr("usw2-az1"),
			Tags:                  map[string]string{"env": "prod"},
			SupportedHardwareType: types.SupportedHardwareTypeRack,
		},
		&outposts.CreateSiteInput{
			Name:             ptr("Seattle DC"),
			Description:      ptr("Main site"),
			Notes:            ptr("Call ahead.\nUse dock B."),
			Tags:             map[string]string{"env": "prod"},
			OperatingAddress: validAddress(),
			ShippingAddress:  validAddress(),
			RackPhysicalProperties: &types.RackPhysicalProperties{
				PowerDrawKva:              types.PowerDrawKvaPower15Kva,
				PowerPhase:                types.PowerPhaseThreePhase,
				PowerConnector:            types.PowerConnectorIec309,
				PowerFeedDrop:             types.PowerFeedDropAboveRack,
				UplinkGbps:                types.UplinkGbpsUplink40g,
				UplinkCount:               types.UplinkCountUplinkCount16,
				FiberOpticCableType:       types.FiberOpticCableTypeSingleMode,
				OpticalStandard:           types.OpticalStandardOptic100gbaseLr4,
				MaximumSupportedWeightLbs: types.MaximumSupportedWeightLbsMax2000Lbs,
			},
		},
		&outposts.GetCatalogItemInput{CatalogItemId: ptr(catalogItem)},
		&outposts.GetOutpostInstanceTypesInput{OutpostId: ptr(outpostID), NextToken: ts(), MaxResults: ptr(int32(100))},
		&outposts.GetOutpostSupportedInstanceTypesInput{OutpostIdentifier: ptr(outpostID), OrderId: ptr(orderID), MaxResults: ptr(int32(1)), NextToken: ts()},
		&outposts.ListAssetInstancesInput{
			OutpostIdentifier:  ptr(outpostID),
			AssetIdFilter:      []string{assetID},
			InstanceTypeFilter: []string{"m5.large"},
			AccountIdFilter:    []string{accountID},
			AwsServiceFilter:   []types.AWSServiceName{types.AWSServiceNameAws, types.AWSServiceNameRoute53},
			MaxResults:         ptr(int32(1000)),
			NextToken:          ts(),
		},
		&outposts.ListAssetsInput{OutpostIdentifier: ptr(outpostID), HostIdFilter: []string{"h-0123"}, StatusFilter: []types.AssetState{types.AssetStateActive, types.AssetStateIsolated}},
		&outposts.ListCatalogItemsInput{
			ItemClassFilter:        []types.CatalogItemClass{types.CatalogItemClassRack},
			SupportedStorageFilter: []types.SupportedStorageEnum{types.SupportedStorageEnumEbs},
			EC2FamilyFilter:        []string{"m5", "c5"},
		},
		&outposts.ListOutpostsInput{
			LifeCycleStatusFilter:    []string{"ACTIVE", "Pending Setup"},
			AvailabilityZoneFilter:   []string{"us-west-2a"},
			AvailabilityZoneIdFilter: []string{"usw2-az1"},
		},
		&outposts.ListSitesInput{
			OperatingAddressCountryCodeFilter:   []string{"US", "DE"},
			OperatingAddressStateOrRegionFilter: []string{"WA"},
			OperatingAddressCityFilter:          []string{"Seattle", "São Paulo"},
		},
		&outposts.StartConnectionInput{
			DeviceSerialNumber:          ptr("SN0123"),
			AssetId:                     ptr(assetID),
			ClientPublicKey:             ptr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123/+Q="),
			NetworkInterfaceDeviceIndex: 1,
		},
		&outposts.UntagResourceInput{ResourceArn: ptr(resourceARN), TagKeys: []string{"env", "team/owner"}},
		&outposts.UpdateSiteAddressInput{SiteId: ptr(siteID), AddressType: types.AddressTypeOperatingAddress, Address: validAddress()},
	}
	for _, in := range inputs {
		t.Run(fmt.Sprintf("%T", in), func(t *testing.T) { checkValid(t, in) })
	}
}

func TestInvalidParamsErrorAs(t *testing.T) {
	err := (&outposts.GetCapacityTaskInput{}).Validate()
	for _, e := range []error{
		err,
		fmt.Errorf("GetCapacityTask: %w", err),
		fmt.Errorf("outer: %w", fmt.Errorf("GetCapacityTask: %w", err)),
		errors.Join(errors.New("other"), err),
	} {
		var ipe *outposts.InvalidParamsError
		if !errors.As(e, &ipe) {
			t.Errorf("errors.As(%q, *InvalidParamsError) = false", e)
			continue
		}
		if ipe.Context != "GetCapacityTaskInput" || len(ipe.Violations) != 2 {
			t.Errorf("errors.As(%q) found %+v", e, ipe)
		}
	}
}

func TestInvalidParamsErrorText(t *testing.T) {
	err := (&outposts.GetCapacityTaskInput{}).Validate()
	const wantText = "GetCapacityTaskInput: 2 invalid parameters: CapacityTaskId: is required; OutpostIdentifier: is required"
	if got := err.Error(); got != wantText {
		t.Errorf("Error() = %q, want %q", got, wantText)
	}
	wrapped := fmt.Errorf("GetCapacityTask: %w", err)
	if got := wrapped.Error(); got != "GetCapacityTask: "+wantText {
		t.Errorf("wrapped Error() = %q", got)
	}

	in := validStartCapacityTask()
	in.InstancePools[2].Count = 10000
	got := in.Validate().Error()
	for _, s := range []string{"StartCapacityTaskInput", "1 invalid parameter:", "InstancePools[2].Count", "10000", "9999"} {
		if !strings.Contains(got, s) {
			t.Errorf("Error() = %q, want it to contain %q", got, s)
		}
	}
	if strings.Contains(got, "parameters") {
		t.Errorf("Error() = %q: one violation should read \"1 invalid parameter\"", got)
	}
}

// TestValidateConcurrent validates valid and invalid inputs from many
// goroutines at once: pattern matchers share scratch space through a pool,
// and results must not leak between calls.
func TestValidateConcurrent(t *testing.T) {
	longKey := strings.Repeat("k", 120)
	cases := []struct {
		in    validatable
		valid bool
	}{
		{&outposts.TagResourceInput{ResourceArn: ptr(resourceARN), Tags: map[string]string{"aws:x": "v"}}, false},
		{&outposts.TagResourceInput{ResourceArn: ptr(resourceARN), Tags: map[string]string{longKey: "v"}}, true},
		{&outposts.TagResourceInput{ResourceArn: ptr(resourceARN), Tags: map[string]string{"env": "v"}}, true},
		{&outposts.TagResourceInput{ResourceArn: ptr(resourceARN), Tags: map[string]string{"aws:" + longKey: "v"}}, false},
		{&outposts.UntagResourceInput{ResourceArn: ptr(resourceARN), TagKeys: []string{"a", "aws:b", longKey}}, false},
		{&outposts.UntagResourceInput{ResourceArn: ptr(resourceARN), TagKeys: []string{"a", "awsb", longKey}}, true},
		{validStartCapacityTask(), true},
		{&outposts.GetCapacityTaskInput{CapacityTaskId: ptr("cap-0123456789abcdefX"), OutpostIdentifier: ptr(outpostID)}, false},
	}
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 300 {
				c := cases[(g+i)%len(cases)]
				if err := c.in.Validate(); (err == nil) != c.valid {
					select {
					case errs <- fmt.Sprintf("%T: Validate() = %v, want valid=%v", c.in, err, c.valid):
					default:
					}
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
