package ruleset

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// modelsDir holds the AWS Smithy JSON models, relative to this package.
const modelsDir = "../../../shared/models/aws"

const (
	ruleSetTrait = "smithy.rules#endpointRuleSet"
	testsTrait   = "smithy.rules#endpointTests"
)

// corpusModel is the part of a Smithy JSON AST model this test needs.
type corpusModel struct {
	Shapes map[string]struct {
		Type   string                     `json:"type"`
		Traits map[string]json.RawMessage `json:"traits"`
	} `json:"shapes"`
}

// endpointTests is the smithy.rules#endpointTests trait.
type endpointTests struct {
	TestCases []endpointTestCase `json:"testCases"`
}

type endpointTestCase struct {
	Documentation string         `json:"documentation"`
	Params        map[string]any `json:"params"`
	Expect        struct {
		Endpoint *struct {
			URL        string              `json:"url"`
			Headers    map[string][]string `json:"headers"`
			Properties map[string]any      `json:"properties"`
		} `json:"endpoint"`
		Error *string `json:"error"`
	} `json:"expect"`
}

// serviceRules is a service's rule set and tests, as found in a model.
type serviceRules struct {
	name    string // the model's directory under modelsDir
	ruleSet json.RawMessage
	tests   endpointTests
}

// loadCorpus reads every model under modelsDir (the layout is
// <service>/service/<version>/<service>-<version>.json) and returns the
// services that have a rule set, sorted by name. It skips the test when the
// models are absent, as in a generated client's copy of this package.
func loadCorpus(tb testing.TB) []serviceRules {
	tb.Helper()
	if _, err := os.Stat(modelsDir); err != nil {
		tb.Skipf("AWS models not found at %s (they live in the shared checkout beside the repository): %v", modelsDir, err)
	}
	var out []serviceRules
	err := filepath.WalkDir(modelsDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var m corpusModel
		if err := json.Unmarshal(data, &m); err != nil {
			return err
		}
		rel, _ := filepath.Rel(modelsDir, path)
		name := strings.SplitN(filepath.ToSlash(rel), "/", 2)[0]
		for _, s := range m.Shapes {
			if s.Type != "service" || s.Traits[ruleSetTrait] == nil {
				continue
			}
			sr := serviceRules{name: name, ruleSet: s.Traits[ruleSetTrait]}
			if raw := s.Traits[testsTrait]; raw != nil {
				if err := json.Unmarshal(raw, &sr.tests); err != nil {
					return err
				}
			}
			out = append(out, sr)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(out) == 0 {
		tb.Skipf("no models with %s under %s", ruleSetTrait, modelsDir)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// testParams converts decoded JSON params to Params: arrays decode as
// []any, and stringArray parameters are []string.
func testParams(raw map[string]any) Params {
	p := Params{}
	for k, v := range raw {
		if list, ok := v.([]any); ok {
			ss := make([]string, len(list))
			for i, e := range list {
				ss[i], _ = e.(string)
			}
			v = ss
		}
		p[k] = v
	}
	return p
}

// jsonNormal round-trips v through encoding/json so that values built by
// the engine and values decoded from the test expectations compare with
// JSON semantics (nil and empty maps alike, numbers as float64).
func jsonNormal(v any) any {
	if reflect.ValueOf(v).Len() == 0 {
		return nil
	}
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		panic(err)
	}
	return out
}

// compareCase runs one endpointTests case against rs and describes how the
// result differs from the expectation, or returns "" when it matches.
func compareCase(rs *RuleSet, tc endpointTestCase) string {
	ep, err := rs.Resolve(testParams(tc.Params))
	head := fmt.Sprintf("%s\nparams %v\n", tc.Documentation, tc.Params)
	switch {
	case tc.Expect.Error != nil:
		var re *RuleError
		if !errors.As(err, &re) {
			return fmt.Sprintf("%swant error %q\ngot endpoint %+v, err %v", head, *tc.Expect.Error, ep, err)
		}
		if err.Error() != *tc.Expect.Error {
			return fmt.Sprintf("%swant error %q\ngot error  %q", head, *tc.Expect.Error, err)
		}
	case tc.Expect.Endpoint != nil:
		want := tc.Expect.Endpoint
		if err != nil {
			return fmt.Sprintf("%swant url %q\ngot error %v", head, want.URL, err)
		}
		if ep.URL != want.URL {
			return fmt.Sprintf("%surl:  got %q\nwant %q", head, ep.URL, want.URL)
		}
		if g, w := jsonNormal(ep.Headers), jsonNormal(want.Headers); !reflect.DeepEqual(g, w) {
			return fmt.Sprintf("%sheaders: got %v\nwant %v", head, g, w)
		}
		if g, w := jsonNormal(ep.Properties), jsonNormal(want.Properties); !reflect.DeepEqual(g, w) {
			return fmt.Sprintf("%sproperties: got %v\nwant %v", head, g, w)
		}
	default:
		return head + "the test case expects neither an endpoint nor an error"
	}
	return ""
}

// TestCorpus runs every smithy.rules#endpointTests case of every AWS model
// in modelsDir against the model's own rule set and the compiled-in
// partitions table (which internal/cmd/partitionsgen pins to the models' era
// where the table has changed since). Every case must pass; the log line
// gives the counts.
func TestCorpus(t *testing.T) {
	corpus := loadCorpus(t)
	var cases, passed, endpoints, ruleErrors int
	for _, sr := range corpus {
		t.Run(sr.name, func(t *testing.T) {
			rs, err := Parse(sr.ruleSet)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			for i, tc := range sr.tests.TestCases {
				cases++
				if tc.Expect.Error != nil {
					ruleErrors++
				} else {
					endpoints++
				}
				ok := t.Run(strconv.Itoa(i), func(t *testing.T) {
					if diff := compareCase(rs, tc); diff != "" {
						t.Fatal(diff)
					}
				})
				if ok {
					passed++
				}
			}
		})
	}
	t.Logf("endpoint test cases: %d in %d models (%d expect an endpoint, %d an error): %d passed, %d failed",
		cases, len(corpus), endpoints, ruleErrors, passed, cases-passed)
	if cases == 0 {
		t.Error("the models hold no endpoint test cases")
	}
}
