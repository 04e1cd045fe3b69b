package outpostsfake

import (
	"context"
	"maps"
	"strings"

	"github.com/smithygo/smithygo/generated/outposts"
)

// maxTags is the most tags a resource may have: the model's TagMap length.
const maxTags = 50

// taggable returns the tags of the Outpost or site an ARN names (the only
// resources of the service with tags), or a NotFoundException. The ARN must
// be of this fake's partition, region and account.
func (f *Fake) taggable(arn string) (*map[string]string, error) {
	prefix := "arn:" + f.partition() + ":outposts:" + f.cfg.region + ":" + f.cfg.accountID + ":"
	if rest, ok := strings.CutPrefix(arn, prefix); ok {
		typ, id, _ := strings.Cut(rest, "/")
		switch typ {
		case "outpost":
			if o := f.outposts[id]; o != nil {
				return &o.tags, nil
			}
		case "site":
			if s := f.sites[id]; s != nil {
				return &s.tags, nil
			}
		}
	}
	return nil, notFound("No taggable Outposts resource has the ARN %s", arn)
}

// TagResource adds tags to an Outpost or site, replacing the values of keys
// it has. More than 50 tags in all is a ValidationException.
func (f *Fake) TagResource(ctx context.Context, in *outposts.TagResourceInput) (*outposts.TagResourceOutput, error) {
	if in == nil {
		in = &outposts.TagResourceInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	tags, err := f.taggable(*in.ResourceArn)
	if err != nil {
		return nil, err
	}
	merged := maps.Clone(*tags)
	if merged == nil {
		merged = map[string]string{}
	}
	maps.Copy(merged, in.Tags)
	if len(merged) > maxTags {
		return nil, validationErrorf("%s would have %d tags; a resource can have at most %d", *in.ResourceArn, len(merged), maxTags)
	}
	*tags = merged
	return &outposts.TagResourceOutput{}, nil
}

// UntagResource removes tags, by key, from an Outpost or site. Keys it does
// not have are ignored.
func (f *Fake) UntagResource(ctx context.Context, in *outposts.UntagResourceInput) (*outposts.UntagResourceOutput, error) {
	if in == nil {
		in = &outposts.UntagResourceInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	tags, err := f.taggable(*in.ResourceArn)
	if err != nil {
		return nil, err
	}
	for _, k := range in.TagKeys {
		delete(*tags, k)
	}
	return &outposts.UntagResourceOutput{}, nil
}

// ListTagsForResource returns the tags of an Outpost or site. A resource
// without tags has a nil Tags: the model's TagMap, when present, has at
// least one entry.
func (f *Fake) ListTagsForResource(ctx context.Context, in *outposts.ListTagsForResourceInput) (*outposts.ListTagsForResourceOutput, error) {
	if in == nil {
		in = &outposts.ListTagsForResourceInput{}
	}
	if err := f.begin(ctx, in); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	tags, err := f.taggable(*in.ResourceArn)
	if err != nil {
		return nil, err
	}
	return &outposts.ListTagsForResourceOutput{Tags: cloneTags(*tags)}, nil
}
