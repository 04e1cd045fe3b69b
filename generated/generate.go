// Package generated holds the Go packages generated from the models in
// ../model. They are committed, and CI checks that they equal what the
// generator writes (run "make generate" after changing the generator or a model).
package generated

//go:generate go run ../cmd/gen -model ../model/outposts.json -out outposts -server
