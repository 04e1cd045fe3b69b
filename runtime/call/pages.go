package call

import (
	"context"
	"iter"
)

// Pages calls a paginated operation page by page: send with first, then
// with each input next makes from the last input and output, until next
// says there is no next page, send fails (the error is the last value) or
// the loop breaks. Generated XxxPages methods call it with pointer types,
// so that one instantiation serves every operation.
func Pages[In, Out any](ctx context.Context, first In, send func(context.Context, In) (Out, error), next func(In, Out) (In, bool)) iter.Seq2[Out, error] {
	return func(yield func(Out, error) bool) {
		in := first
		for {
			out, err := send(ctx, in)
			if err != nil {
				var zero Out
				yield(zero, err)
				return
			}
			if !yield(out, nil) {
				return
			}
			var more bool
			if in, more = next(in, out); !more {
				return
			}
		}
	}
}

// Items yields the items of every page that pages yields (items gives a
// page's), or the error that ends the loop.
func Items[Out, Item any](pages iter.Seq2[Out, error], items func(Out) []Item) iter.Seq2[Item, error] {
	return func(yield func(Item, error) bool) {
		for page, err := range pages {
			if err != nil {
				var zero Item
				yield(zero, err)
				return
			}
			for _, item := range items(page) {
				if !yield(item, nil) {
					return
				}
			}
		}
	}
}
