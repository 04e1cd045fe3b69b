package main

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/types"
)

// TestServesACapacityTaskInRealTime starts the command on a free port with
// a short step and follows a capacity task to COMPLETED through the
// generated client, as another process would.
func TestServesACapacityTaskInRealTime(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan int, 1)
	var stderr bytes.Buffer
	go func() { done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-step", "20ms"}, &stderr, ready) }()
	var addr string
	select {
	case addr = <-ready:
	case code := <-done:
		t.Fatalf("exited with %d: %s", code, stderr.String())
	}
	c := outposts.New(outposts.Options{
		Region: "us-west-2", BaseEndpoint: "http://" + addr,
		Credentials: outposts.StaticCredentials("AKIDEXAMPLE", "secret", ""),
	})
	str := func(s string) *string { return &s }
	site, err := c.CreateSite(ctx, &outposts.CreateSiteInput{Name: str("lab")})
	if err != nil {
		t.Fatal(err)
	}
	op, err := c.CreateOutpost(ctx, &outposts.CreateOutpostInput{Name: str("rack"), SiteId: site.Site.SiteId})
	if err != nil {
		t.Fatal(err)
	}
	task, err := c.StartCapacityTask(ctx, &outposts.StartCapacityTaskInput{
		OutpostIdentifier: op.Outpost.OutpostId,
		InstancePools: []types.InstanceTypeCapacity{
			{InstanceType: str("m5.large"), Count: 8}, {InstanceType: str("m5.xlarge"), Count: 4},
			{InstanceType: str("m5.4xlarge"), Count: 4}, {InstanceType: str("m5.12xlarge"), Count: 1},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		got, err := c.GetCapacityTask(ctx, &outposts.GetCapacityTaskInput{OutpostIdentifier: op.Outpost.OutpostId, CapacityTaskId: task.CapacityTaskId})
		if err != nil {
			t.Fatal(err)
		}
		if got.CapacityTaskStatus == types.CapacityTaskStatusCompleted {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the task is still %s after 10s of 20ms steps", got.CapacityTaskStatus)
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit code %d after shutdown: %s", code, stderr.String())
	}
}

func TestRefusesBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-step", "0s"}, {"-nope"}, {"-addr", "not an address"}} {
		var stderr bytes.Buffer
		if code := run(context.Background(), args, &stderr, nil); code == 0 {
			t.Errorf("%v: exit code 0", args)
		}
	}
}
