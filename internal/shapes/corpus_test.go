package shapes

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedModels returns the official AWS models in ../shared, skipping the
// test when they are not there (they are always there in CI).
func sharedModels(t testing.TB) []string {
	t.Helper()
	files, _ := filepath.Glob("../../../shared/models/aws/*/service/*/*.json")
	if len(files) == 0 {
		t.Skip("../shared/models/aws is absent: the corpus of official models is not available on this machine")
	}
	return files
}

func TestLoadCorpus(t *testing.T) {
	// The awsJson models too: the generator does not support their
	// protocol yet, but the loader must read them, traits and all.
	awsJSON, _ := filepath.Glob("../../../shared/models/aws-awsjson/*/service/*/*.json")
	for _, f := range append(sharedModels(t), awsJSON...) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			m, err := LoadFiles(f)
			if err != nil {
				t.Fatal(err)
			}
			sv, err := m.Service("")
			if err != nil {
				t.Fatal(err)
			}
			if len(sv.Operations) == 0 || len(sv.Shapes) == 0 {
				t.Fatalf("service %s: %d operations, %d shapes", sv.Shape.ID, len(sv.Operations), len(sv.Shapes))
			}
			for _, w := range m.Warnings() {
				t.Log("warning:", w)
			}
		})
	}
}

func TestLoadOutpostsCounts(t *testing.T) {
	f := "../../../shared/models/aws/outposts/service/2019-12-03/outposts-2019-12-03.json"
	if _, err := os.Stat(f); err != nil {
		t.Skip("../shared is absent: the official Outposts model is not available")
	}
	m, err := LoadFiles(f)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[Kind]int{}
	for s := range m.Shapes() {
		if s.ID.Namespace == "com.amazonaws.outposts" {
			counts[s.Kind]++
		}
	}
	want := map[Kind]int{KindStructure: 96, KindEnum: 28, KindOperation: 33, KindMap: 2, KindList: 37, KindString: 57, KindService: 1}
	for k, n := range want {
		if counts[k] != n {
			t.Errorf("%s: got %d, want %d", k, counts[k], n)
		}
	}
	sv, err := m.Service("com.amazonaws.outposts#OutpostsOlafService")
	if err != nil {
		t.Fatal(err)
	}
	if len(sv.Operations) != 33 {
		t.Errorf("operations = %d, want 33", len(sv.Operations))
	}
	out := m.Shape(ID{"com.amazonaws.outposts", "GetCapacityTaskOutput", ""})
	var names []string
	for _, mem := range out.Members {
		names = append(names, mem.Name)
	}
	if names[0] != "CapacityTaskId" || names[1] != "OutpostId" || names[2] != "OrderId" {
		t.Errorf("members out of declaration order: %v", names)
	}
	if !out.Member("DryRun").Traits.HasNonNullDefault() {
		t.Error("DryRun has no default")
	}
}
