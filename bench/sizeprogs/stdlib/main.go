// Command stdlib is the standard-library-only twin of the two other programs:
// an unsigned net/http GET of the same path and an encoding/json decode. Its
// size is the baseline that bench/cmd/sizes subtracts.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
)

type task struct {
	CapacityTaskStatus     string
	RequestedInstancePools []struct {
		InstanceType string
		Count        int32
	}
}

func main() {
	endpoint := os.Getenv("ENDPOINT")
	if endpoint == "" {
		endpoint = "https://outposts.us-west-2.amazonaws.com"
	}
	u := endpoint + "/outposts/" + url.PathEscape(os.Args[1]) + "/capacity/" + url.PathEscape(os.Args[2])
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, u, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer resp.Body.Close()
	var out task
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(out.CapacityTaskStatus, len(out.RequestedInstancePools))
}
