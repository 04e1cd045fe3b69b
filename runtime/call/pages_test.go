package call

import (
	"context"
	"errors"
	"slices"
	"testing"
)

type page struct {
	items []int
	next  string
}

// pager serves pages of three items keyed by token, failing at token "bad".
func pager(calls *[]string) func(context.Context, *string) (*page, error) {
	return func(_ context.Context, token *string) (*page, error) {
		*calls = append(*calls, *token)
		switch *token {
		case "":
			return &page{items: []int{1, 2, 3}, next: "b"}, nil
		case "b":
			return &page{items: []int{4, 5, 6}, next: "c"}, nil
		case "c":
			return &page{items: []int{7}}, nil
		}
		return nil, errors.New("bad token")
	}
}

func nextToken(in *string, out *page) (*string, bool) {
	if out.next == "" {
		return nil, false
	}
	return &out.next, true
}

func TestPagesAndItems(t *testing.T) {
	var calls []string
	start := ""
	var got []int
	for item, err := range Items(Pages(context.Background(), &start, pager(&calls), nextToken), func(p *page) []int { return p.items }) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, item)
	}
	if !slices.Equal(got, []int{1, 2, 3, 4, 5, 6, 7}) || !slices.Equal(calls, []string{"", "b", "c"}) {
		t.Errorf("items %v from calls %q", got, calls)
	}

	// Breaking out of the loop requests nothing more.
	calls = nil
	for item := range Items(Pages(context.Background(), &start, pager(&calls), nextToken), func(p *page) []int { return p.items }) {
		if item == 2 {
			break
		}
	}
	if len(calls) != 1 {
		t.Errorf("a loop that stopped on the first page made %d calls", len(calls))
	}

	// An error is the last value.
	calls = nil
	bad := "bad"
	var errs int
	for p, err := range Pages(context.Background(), &bad, pager(&calls), nextToken) {
		if err == nil || p != nil {
			t.Fatalf("page %v, error %v; want only the error", p, err)
		}
		errs++
	}
	if errs != 1 {
		t.Errorf("%d errors yielded, want 1", errs)
	}
}
