// Command smithygoimport calls GetCapacityTask with the Outposts client generated
// with "gen -runtime import" (bench/internal/runtimeimport/outposts), which
// imports github.com/smithygo/smithygo/runtime/... instead of copying it; it exists
// to be measured by bench/cmd/sizes (stripped binary size).
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/smithygo/smithygo/bench/internal/runtimeimport/outposts"
)

func main() {
	c := outposts.New(outposts.Options{
		Region:       "us-west-2",
		BaseEndpoint: os.Getenv("ENDPOINT"),
		Credentials:  outposts.StaticCredentials(os.Getenv("AWS_ACCESS_KEY_ID"), os.Getenv("AWS_SECRET_ACCESS_KEY"), os.Getenv("AWS_SESSION_TOKEN")),
	})
	outpost, task := os.Args[1], os.Args[2]
	out, err := c.GetCapacityTask(context.Background(), &outposts.GetCapacityTaskInput{OutpostIdentifier: &outpost, CapacityTaskId: &task})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(out.CapacityTaskStatus, len(out.RequestedInstancePools))
}
