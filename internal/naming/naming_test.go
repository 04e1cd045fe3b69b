package naming

import "testing"

func TestExported(t *testing.T) {
	for in, want := range map[string]string{
		"CapacityTaskId": "CapacityTaskId",
		"nextToken":      "NextToken",
		"_private":       "Private",
		"__":             "X",
		"ébène":          "Ébène",
	} {
		if got := Exported(in); got != want {
			t.Errorf("Exported(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUnexported(t *testing.T) {
	for in, want := range map[string]string{
		"CapacityTaskId": "capacityTaskId",
		"HTTPCode":       "httpCode",
		"ID":             "id",
		"type":           "type_",
		"String":         "string_",
		"Len":            "len_",
	} {
		if got := Unexported(in); got != want {
			t.Errorf("Unexported(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEnumMember(t *testing.T) {
	for in, want := range map[string]string{
		"REQUESTED":              "Requested",
		"WAITING_FOR_EVACUATION": "WaitingForEvacuation",
		"IN_PROGRESS":            "InProgress",
		"InProgress":             "InProgress",
		"t2.micro":               "T2Micro",
		"us-east-1":              "UsEast1",
		"AWS":                    "Aws",
		"":                       "Value",
		"***":                    "Value",
	} {
		if got := EnumMember(in); got != want {
			t.Errorf("EnumMember(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScope(t *testing.T) {
	s := NewScope("String", "Validate")
	if got := s.Unique("String", "a#S$string"); got != "String_" {
		t.Errorf("Unique(String) = %q", got)
	}
	if got := s.Unique("String", "a#S$string_"); got != "String__" {
		t.Errorf("second Unique(String) = %q", got)
	}
	if !s.Claim("Name", "a#Name") || s.Claim("Name", "a#_Name") {
		t.Error("Claim should take a free name once")
	}
	if owner, ok := s.Owner("Name"); !ok || owner != "a#Name" {
		t.Errorf("Owner(Name) = %q, %v; want the first claimant", owner, ok)
	}
	if owner, ok := s.Owner("Validate"); !ok || owner != "" {
		t.Errorf("Owner(Validate) = %q, %v; want a reserved name", owner, ok)
	}
	if _, ok := s.Owner("Free"); ok {
		t.Error("Owner of a free name reports it taken")
	}
}
