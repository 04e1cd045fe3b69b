package outpostsfake

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/server"
	"github.com/smithygo/smithygo/generated/outposts/types"
)

// listAll pages through ListOutposts with the given page size and returns
// the IDs in the order the pages gave them, and the sizes of the pages.
func listAll(t *testing.T, f server.Service, in outposts.ListOutpostsInput) (ids []string, sizes []int) {
	t.Helper()
	for {
		out := must(f.ListOutposts(ctx, &in))(t)
		sizes = append(sizes, len(out.Outposts))
		for _, o := range out.Outposts {
			ids = append(ids, *o.OutpostId)
		}
		if out.NextToken == nil {
			return ids, sizes
		}
		if len(sizes) > 1000 {
			t.Fatal("ListOutposts never stops")
		}
		in.NextToken = out.NextToken
	}
}

func TestPaginationOver250Outposts(t *testing.T) {
	bothWays(t, func() *Fake { return New() }, func(t *testing.T, f *Fake, api server.Service) {
		s := newSite(t, api)
		var created []string
		for i := range 250 {
			zone := fmt.Sprintf("usw2-az%d", 1+i%2)
			op := must(api.CreateOutpost(ctx, &outposts.CreateOutpostInput{
				Name: ptr(fmt.Sprintf("rack %03d", i)), SiteId: s.SiteId, AvailabilityZoneId: &zone,
			}))(t).Outpost
			created = append(created, *op.OutpostId)
		}

		for _, max := range []int32{1, 7, 100, 249, 250, 1000} {
			ids, sizes := listAll(t, api, outposts.ListOutpostsInput{MaxResults: &max})
			if !slices.Equal(ids, created) {
				t.Errorf("MaxResults %d: the pages do not list the 250 Outposts once each in creation order", max)
			}
			for i, n := range sizes {
				if n > int(max) || n == 0 || i < len(sizes)-1 && n != int(max) {
					t.Errorf("MaxResults %d: page %d has %d items", max, i, n)
				}
			}
		}
		// Without MaxResults, pages have DefaultPageSize items.
		if _, sizes := listAll(t, api, outposts.ListOutpostsInput{}); !slices.Equal(sizes, []int{100, 100, 50}) {
			t.Errorf("default page sizes %v, want [100 100 50]", sizes)
		}
		// A filter pages too: the Outposts in the second zone.
		ids, _ := listAll(t, api, outposts.ListOutpostsInput{MaxResults: ptr(int32(10)), AvailabilityZoneFilter: []string{"us-west-2b"}})
		var want []string
		for i, id := range created {
			if i%2 == 1 {
				want = append(want, id)
			}
		}
		if !slices.Equal(ids, want) {
			t.Errorf("filtered pages list %d Outposts, want the %d in us-west-2b", len(ids), len(want))
		}
		if ids, _ := listAll(t, api, outposts.ListOutpostsInput{LifeCycleStatusFilter: []string{"RETIRED"}}); len(ids) != 0 {
			t.Errorf("%d RETIRED Outposts, want none", len(ids))
		}
	})
}

// TestPaginationWhileChanging deletes and creates between pages: the
// Outposts that were there throughout appear exactly once.
func TestPaginationWhileChanging(t *testing.T) {
	f := New()
	s := newSite(t, f)
	var created []string
	for range 30 {
		created = append(created, *newOutpost(t, f, *s.SiteId, "").OutpostId)
	}
	first := must(f.ListOutposts(ctx, &outposts.ListOutpostsInput{MaxResults: ptr(int32(10))}))(t)
	// Delete one already listed and one not yet listed, and add one.
	must(f.DeleteOutpost(ctx, &outposts.DeleteOutpostInput{OutpostId: &created[9]}))(t)
	must(f.DeleteOutpost(ctx, &outposts.DeleteOutpostInput{OutpostId: &created[10]}))(t)
	added := *newOutpost(t, f, *s.SiteId, "").OutpostId
	var ids []string
	for _, o := range first.Outposts {
		ids = append(ids, *o.OutpostId)
	}
	rest, _ := listAll(t, f, outposts.ListOutpostsInput{MaxResults: ptr(int32(10)), NextToken: first.NextToken})
	ids = append(ids, rest...)
	want := append(append(slices.Clone(created[:10]), created[11:]...), added)
	if !slices.Equal(ids, want) {
		t.Errorf("listed %d Outposts across the change, want %d: %v", len(ids), len(want), ids)
	}
}

func TestPaginationTokens(t *testing.T) {
	f := New()
	s := newSite(t, f)
	for range 5 {
		newOutpost(t, f, *s.SiteId, "")
	}
	page1 := must(f.ListOutposts(ctx, &outposts.ListOutpostsInput{MaxResults: ptr(int32(2))}))(t)
	token := *page1.NextToken
	num, mac, ok := strings.Cut(token, "##")
	if !ok || num == "" || mac == "" {
		t.Fatalf("token %q is not of the model's form ^(\\d+)##(\\S+)$", token)
	}
	bad := map[string]func() error{
		"tampered position": func() error {
			_, err := f.ListOutposts(ctx, &outposts.ListOutpostsInput{NextToken: ptr("1##" + mac)})
			return err
		},
		"other filters": func() error {
			_, err := f.ListOutposts(ctx, &outposts.ListOutpostsInput{NextToken: &token, AvailabilityZoneFilter: []string{"us-west-2a"}})
			return err
		},
		"other Fake": func() error {
			g := New()
			_, err := g.ListOutposts(ctx, &outposts.ListOutpostsInput{NextToken: &token})
			return err
		},
	}
	for name, call := range bad {
		if e := wantErr[*types.ValidationException](t, "ListOutposts", call()); !strings.Contains(*e.Message, "NextToken") {
			t.Errorf("%s: message %q does not name NextToken", name, *e.Message)
		}
	}
	// Another operation's token.
	_, err := f.ListSites(ctx, &outposts.ListSitesInput{NextToken: &token})
	wantErr[*types.ValidationException](t, "ListSites", err)
	// The same token works twice: tokens are not used up.
	for range 2 {
		if n := len(must(f.ListOutposts(ctx, &outposts.ListOutpostsInput{MaxResults: ptr(int32(2)), NextToken: &token}))(t).Outposts); n != 2 {
			t.Errorf("second page has %d Outposts, want 2", n)
		}
	}
}
