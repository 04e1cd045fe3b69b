// Command outposts-fake serves an in-memory AWS Outposts (package
// outpostsfake) over HTTP, as the restJson1 protocol, for clients that are
// not Go tests: the AWS CLI (--endpoint-url), other SDKs, scripts.
//
//	outposts-fake [-addr 127.0.0.1:4566] [-step 2s] [-region us-west-2] [-account 111122223333]
//
// The fake's clock follows real time: capacity tasks and orders take one
// lifecycle step per -step. Requests are not authenticated; any signature,
// or none, is accepted. The state lives as long as the process.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/smithygo/smithygo/generated/outposts/server"
	"github.com/smithygo/smithygo/outpostsfake"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stderr, nil))
}

// run serves until ctx is done; ready, when set, receives the address
// once the server listens (for tests).
func run(ctx context.Context, args []string, stderr io.Writer, ready chan<- string) int {
	fs := flag.NewFlagSet("outposts-fake", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:4566", "the TCP address to listen on")
	step := fs.Duration("step", 2*time.Second, "how long one lifecycle step of a capacity task or order takes")
	region := fs.String("region", outpostsfake.DefaultRegion, "the region in ARNs and Availability Zones")
	account := fs.String("account", outpostsfake.DefaultAccountID, "the account ID in ARNs and owner IDs")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *step <= 0 {
		fmt.Fprintln(stderr, "outposts-fake: -step must be positive")
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	fake := outpostsfake.New(outpostsfake.WithStep(*step), outpostsfake.WithStartTime(time.Now()),
		outpostsfake.WithRegion(*region), outpostsfake.WithAccountID(*account))
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "outposts-fake:", err)
		return 1
	}
	srv := &http.Server{
		Handler:           server.NewHandler(fake, server.HandlerOptions{Logger: log}),
		ReadHeaderTimeout: 10 * time.Second,
	}
	go fake.RunClock(ctx)
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	log.Info("serving AWS Outposts", "url", "http://"+ln.Addr().String(), "step", *step, "region", *region)
	if ready != nil {
		ready <- ln.Addr().String()
	}
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(stderr, "outposts-fake:", err)
		return 1
	}
	return 0
}
