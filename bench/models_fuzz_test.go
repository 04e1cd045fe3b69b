package bench

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/smithygo/smithygo/internal/describe"
)

// FuzzDecodeModels feeds arbitrary bodies to the decoders of the
// cross-model clients, as FuzzDecodeResponses does to Outposts': seventeen
// models' worth of shapes the Outposts model does not have (unions, maps of
// enums and of lists, intEnums, sparse collections, blobs, timestamps in
// every format, recursive structures). Each input is an operation of one
// of them, any whose output the payload generator can write, and a body;
// the seeds are two small payloads of every such operation (fuzzProfiles)
// and a longer page of each that has a list (fuzzPage). For each:
//
//   - no input panics;
//   - a body decodes to the same value, or fails, whether or not it is
//     padded past the size (4 KB) from which the decoders keep optional
//     structures, union members and large maps in memory shared across a
//     document;
//   - what a padded body decoded to does not change when another body is
//     read into that reused memory.
//
// Run it with, for instance:
//
//	go test -run '^$' -fuzz FuzzDecodeModels -fuzztime 5m
func FuzzDecodeModels(f *testing.F) {
	ops := fuzzOps()
	if len(ops) == 0 {
		f.Skip("no cross-model operations (the models are read from ../shared)")
	}
	for i, op := range ops {
		for _, body := range op.seeds {
			f.Add(uint16(i), body)
		}
	}
	padding := strings.Repeat(" ", 4<<10)
	f.Fuzz(func(t *testing.T, i uint16, body string) {
		op := ops[int(i)%len(ops)]
		plain, errPlain := op.decode(body)
		first, errFirst := op.decode(body + padding)
		if (errPlain == nil) != (errFirst == nil) {
			t.Fatalf("%s: %q decodes with error %v, padded with error %v", op.name, body, errPlain, errFirst)
		}
		if errFirst != nil {
			return
		}
		if a, b := describe.Value(plain), describe.Value(first); a != b {
			t.Fatalf("%s: %q decodes to another value padded to 4 KB:\n%s\n%s", op.name, body, a, b)
		}
		was := describe.Value(first)
		if _, err := op.decode(op.other + padding); err != nil {
			t.Fatalf("%s: the other body: %v", op.name, err)
		}
		if now := describe.Value(first); now != was {
			t.Fatalf("%s: what %q decoded to changed when another body was read:\n%s\n%s", op.name, body, was, now)
		}
	})
}

// fuzzOp is one operation of FuzzDecodeModels.
type fuzzOp struct {
	svc   modelService
	name  string   // the operation's name, the client's method
	seeds []string // payloads of its output, by fuzzProfiles and fuzzPage
	other string   // a larger payload, read between two reads of a body
}

// fuzzProfiles are the profiles of FuzzDecodeModels's seeds: short lists
// and maps; and rich strings, wide numbers, nulls, unmodeled members and
// shuffled members.
var fuzzProfiles = []Profile{
	{Seed: 41, Items: 2, ListLen: [2]int{1, 2}, MapLen: [2]int{1, 2}},
	{Seed: 42, Items: 1, ListLen: [2]int{0, 2}, MapLen: [2]int{0, 2}, RichStrings: true, MaxString: 64, WideNumbers: true, Nulls: 0.3, Unmodeled: 0.3, Shuffled: true},
}

// fuzzPage is the profile of one more seed of an operation whose output
// holds a list: a page long enough to be sized from the input
// (ListBuilder), whose memory a decoder must not hand on to the next.
var fuzzPage = Profile{Seed: 43, Items: 60, ListLen: [2]int{0, 1}, MapLen: [2]int{0, 1}}

// fuzzOther is the profile of a fuzzOp's other body: a page of 32 KB, with
// maps past the eight entries a Go map holds in its first table, so that
// it goes through the memory kept across a document and passed between
// documents.
var fuzzOther = Profile{Seed: 44, Size: 32 << 10, ListLen: [2]int{1, 4}, MapLen: [2]int{6, 12}, RichStrings: true, MaxString: 64}

// decode decodes body as op's output with a client of op's service.
func (op fuzzOp) decode(body string) (any, error) {
	client := op.svc.our(MemoryTransport{Body: body, ContentType: op.svc.contentType}, "")
	return call(context.Background(), client, op.name)
}

// fuzzOps returns the operations of FuzzDecodeModels: every operation of
// modelServices whose output the payload generator can write.
var fuzzOps = sync.OnceValue(func() []fuzzOp {
	var ops []fuzzOp
	for _, svc := range modelServices {
		model, err := serviceModel(svc)
		if err != nil {
			continue
		}
		client := reflect.ValueOf(svc.our(MemoryTransport{}, ""))
		for _, id := range serviceOperations(model, svc, bodyOutput) {
			op := fuzzOp{svc: svc, name: id[strings.IndexByte(id, '#')+1:]}
			if !client.MethodByName(op.name).IsValid() {
				continue
			}
			profiles := append([]Profile{fuzzOther}, fuzzProfiles...)
			if listOutput(model, model[id]) {
				profiles = append(profiles, fuzzPage)
			}
			var bodies []string
			for _, p := range profiles {
				p.Operation, p.JSONName = id, svc.restJSON
				body, err := Payload(model, p)
				if err != nil {
					break
				}
				bodies = append(bodies, body)
			}
			if len(bodies) == len(profiles) {
				op.other, op.seeds = bodies[0], bodies[1:]
				ops = append(ops, op)
			}
		}
	}
	return ops
})
