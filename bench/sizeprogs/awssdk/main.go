// Command awssdk calls GetCapacityTask with aws-sdk-go-v2; it exists to be
// measured by bench/cmd/sizes (stripped binary size).
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/outposts"
)

func main() {
	var base *string
	if e := os.Getenv("ENDPOINT"); e != "" {
		base = &e
	}
	c := outposts.New(outposts.Options{
		Region:       "us-west-2",
		BaseEndpoint: base,
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: os.Getenv("AWS_ACCESS_KEY_ID"), SecretAccessKey: os.Getenv("AWS_SECRET_ACCESS_KEY"), SessionToken: os.Getenv("AWS_SESSION_TOKEN")}, nil
		}),
	})
	outpost, task := os.Args[1], os.Args[2]
	out, err := c.GetCapacityTask(context.Background(), &outposts.GetCapacityTaskInput{OutpostIdentifier: &outpost, CapacityTaskId: &task})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(out.CapacityTaskStatus, len(out.RequestedInstancePools))
}
