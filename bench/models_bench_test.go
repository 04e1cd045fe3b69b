package bench

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsappconfig "github.com/aws/aws-sdk-go-v2/service/appconfig"
	awscloudwatchlogs "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	awscognitoidentityprovider "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	awsdataexchange "github.com/aws/aws-sdk-go-v2/service/dataexchange"
	awsecr "github.com/aws/aws-sdk-go-v2/service/ecr"
	awsemrserverless "github.com/aws/aws-sdk-go-v2/service/emrserverless"
	awsinternetmonitor "github.com/aws/aws-sdk-go-v2/service/internetmonitor"
	awskinesis "github.com/aws/aws-sdk-go-v2/service/kinesis"
	awskms "github.com/aws/aws-sdk-go-v2/service/kms"
	awslocation "github.com/aws/aws-sdk-go-v2/service/location"
	awsneptunegraph "github.com/aws/aws-sdk-go-v2/service/neptunegraph"
	awspipes "github.com/aws/aws-sdk-go-v2/service/pipes"
	awsram "github.com/aws/aws-sdk-go-v2/service/ram"
	awssecretsmanager "github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	awssfn "github.com/aws/aws-sdk-go-v2/service/sfn"
	awstransfer "github.com/aws/aws-sdk-go-v2/service/transfer"
	awsxray "github.com/aws/aws-sdk-go-v2/service/xray"
	"github.com/aws/smithy-go/middleware"

	"github.com/smithygo/smithygo/bench/internal/crossmodel/appconfig"
	"github.com/smithygo/smithygo/bench/internal/crossmodel/cloudwatchlogs"
	"github.com/smithygo/smithygo/bench/internal/crossmodel/cognitoidentityprovider"
	"github.com/smithygo/smithygo/bench/internal/crossmodel/dataexchange"
	"github.com/smithygo/smithygo/bench/internal/crossmodel/ecr"
	"github.com/smithygo/smithygo/bench/internal/crossmodel/emrserverless"
	"github.com/smithygo/smithygo/bench/internal/crossmodel/internetmonitor"
	"github.com/smithygo/smithygo/bench/internal/crossmodel/kinesis"
	"github.com/smithygo/smithygo/bench/internal/crossmodel/kms"
	"github.com/smithygo/smithygo/bench/internal/crossmodel/location"
	"github.com/smithygo/smithygo/bench/internal/crossmodel/neptunegraph"
	"github.com/smithygo/smithygo/bench/internal/crossmodel/pipes"
	pipestypes "github.com/smithygo/smithygo/bench/internal/crossmodel/pipes/types"
	"github.com/smithygo/smithygo/bench/internal/crossmodel/ram"
	"github.com/smithygo/smithygo/bench/internal/crossmodel/secretsmanager"
	"github.com/smithygo/smithygo/bench/internal/crossmodel/sfn"
	"github.com/smithygo/smithygo/bench/internal/crossmodel/transfer"
	"github.com/smithygo/smithygo/bench/internal/crossmodel/xray"
)

// The cross-model run: the sweep varies payloads of one model, Outposts,
// on which the decoders were tuned; this varies the model. It decodes the
// output of every operation of seventeen more official models whose output
// holds a list (nine restJson1: X-Ray, Location, EMR Serverless, Pipes, Data
// Exchange, Internet Monitor, Neptune Analytics, AppConfig, RAM; eight
// awsJson: ECR, CloudWatch Logs, Step Functions, Kinesis, Cognito user
// pools, Transfer Family, KMS, Secrets Manager) with the clients generated
// from them (internal/crossmodel) and with aws-sdk-go-v2's clients of the
// same services, each payload generated from the model with a fixed seed in
// five profiles (modelsProfiles), three of them timed. Operations whose output the payload
// generator cannot write (a document, a streaming or bound payload) are left
// out, and so are those aws-sdk-go-v2's client lacks.
//
// TestDecodeModelsAgree checks that both clients decode every payload to the
// same values; BenchmarkDecodeModels, which runs only with -models, times
// those of the first three profiles:
//
//	go test -run '^$' -bench DecodeModels -models -count 3 -benchmem | tee models.txt

var modelsRun = flag.Bool("models", false, "run BenchmarkDecodeModels")

// modelsProfiles are the cross-model run's profiles (Operation and Size are
// set per operation). The first modelsTimed are timed and checked: short
// values, wide numbers and long lists, rich strings. The rest are only
// checked, for what a decoder must pass over without losing its place:
// null values and members the model does not have; members left out at
// random, each object's in an order of its own, indented.
var modelsProfiles = []Profile{
	{Seed: 31, ListLen: [2]int{1, 4}, MapLen: [2]int{1, 4}},
	{Seed: 32, ListLen: [2]int{4, 16}, MapLen: [2]int{1, 8}, WideNumbers: true},
	{Seed: 33, ListLen: [2]int{1, 4}, MapLen: [2]int{2, 8}, RichStrings: true},
	{Seed: 34, ListLen: [2]int{1, 4}, MapLen: [2]int{1, 4}, Nulls: 0.3, Unmodeled: 0.25},
	{Seed: 35, ListLen: [2]int{0, 3}, MapLen: [2]int{0, 3}, Omit: 0.3, Shuffled: true, Indent: true, WideNumbers: true},
}

// modelsTimed is how many of modelsProfiles BenchmarkDecodeModels times.
const modelsTimed = 3

// modelsPageSize is the size of each payload.
const modelsPageSize = 128 << 10

// modelService is one service of the cross-model run: its model in
// ../shared and a constructor of each client over a transport.
type modelService struct {
	dir         string // the model's folder under ../shared/models
	ns          string // the namespace of its operations
	restJSON    bool   // restJson1 (which honours @jsonName), else awsJson
	contentType string
	our, aws    func(hc httpDoer, endpoint string) any // endpoint "": from the region
}

// awsNoValidation removes aws-sdk-go-v2's check of required input members,
// as ValidateNone does for ours: the inputs are zero but for labels.
var awsNoValidation = []func(*middleware.Stack) error{func(s *middleware.Stack) error {
	s.Initialize.Remove("OperationInputValidation")
	return nil
}}

// httpDoer is what both clients take as their HTTPClient.
type httpDoer interface {
	Do(*http.Request) (*http.Response, error)
}

// awsEndpoint is endpoint as aws-sdk-go-v2's BaseEndpoint, where "" is nil.
func awsEndpoint(endpoint string) *string {
	if endpoint == "" {
		return nil
	}
	return &endpoint
}

var awsCredentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: AccessKeyID, SecretAccessKey: SecretKey, Source: "bench"}, nil
})

var modelServices = []modelService{
	{"aws/xray", "com.amazonaws.xray", true, "",
		func(hc httpDoer, endpoint string) any {
			return xray.New(xray.Options{Region: Region, Credentials: xray.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc, BaseEndpoint: endpoint, Validation: xray.ValidateNone})
		},
		func(hc httpDoer, endpoint string) any {
			return awsxray.New(awsxray.Options{Region: Region, Credentials: awsCredentials, HTTPClient: hc, BaseEndpoint: awsEndpoint(endpoint), APIOptions: awsNoValidation})
		}},
	{"aws/location", "com.amazonaws.location", true, "",
		func(hc httpDoer, endpoint string) any {
			return location.New(location.Options{Region: Region, Credentials: location.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc, BaseEndpoint: endpoint, Validation: location.ValidateNone})
		},
		func(hc httpDoer, endpoint string) any {
			return awslocation.New(awslocation.Options{Region: Region, Credentials: awsCredentials, HTTPClient: hc, BaseEndpoint: awsEndpoint(endpoint), APIOptions: awsNoValidation})
		}},
	{"aws/emr-serverless", "com.amazonaws.emrserverless", true, "",
		func(hc httpDoer, endpoint string) any {
			return emrserverless.New(emrserverless.Options{Region: Region, Credentials: emrserverless.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc, BaseEndpoint: endpoint, Validation: emrserverless.ValidateNone})
		},
		func(hc httpDoer, endpoint string) any {
			return awsemrserverless.New(awsemrserverless.Options{Region: Region, Credentials: awsCredentials, HTTPClient: hc, BaseEndpoint: awsEndpoint(endpoint), APIOptions: awsNoValidation})
		}},
	{"aws/pipes", "com.amazonaws.pipes", true, "",
		func(hc httpDoer, endpoint string) any {
			return pipes.New(pipes.Options{Region: Region, Credentials: pipes.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc, BaseEndpoint: endpoint, Validation: pipes.ValidateNone})
		},
		func(hc httpDoer, endpoint string) any {
			return awspipes.New(awspipes.Options{Region: Region, Credentials: awsCredentials, HTTPClient: hc, BaseEndpoint: awsEndpoint(endpoint), APIOptions: awsNoValidation})
		}},
	{"aws-awsjson/ecr", "com.amazonaws.ecr", false, "application/x-amz-json-1.1",
		func(hc httpDoer, endpoint string) any {
			return ecr.New(ecr.Options{Region: Region, Credentials: ecr.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc, BaseEndpoint: endpoint, Validation: ecr.ValidateNone})
		},
		func(hc httpDoer, endpoint string) any {
			return awsecr.New(awsecr.Options{Region: Region, Credentials: awsCredentials, HTTPClient: hc, BaseEndpoint: awsEndpoint(endpoint), APIOptions: awsNoValidation})
		}},
	{"aws-awsjson/cloudwatch-logs", "com.amazonaws.cloudwatchlogs", false, "application/x-amz-json-1.1",
		func(hc httpDoer, endpoint string) any {
			return cloudwatchlogs.New(cloudwatchlogs.Options{Region: Region, Credentials: cloudwatchlogs.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc, BaseEndpoint: endpoint, Validation: cloudwatchlogs.ValidateNone})
		},
		func(hc httpDoer, endpoint string) any {
			return awscloudwatchlogs.New(awscloudwatchlogs.Options{Region: Region, Credentials: awsCredentials, HTTPClient: hc, BaseEndpoint: awsEndpoint(endpoint), APIOptions: awsNoValidation})
		}},
	{"aws-awsjson/sfn", "com.amazonaws.sfn", false, "application/x-amz-json-1.0",
		func(hc httpDoer, endpoint string) any {
			return sfn.New(sfn.Options{Region: Region, Credentials: sfn.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc, BaseEndpoint: endpoint, Validation: sfn.ValidateNone})
		},
		func(hc httpDoer, endpoint string) any {
			return awssfn.New(awssfn.Options{Region: Region, Credentials: awsCredentials, HTTPClient: hc, BaseEndpoint: awsEndpoint(endpoint), APIOptions: awsNoValidation})
		}},
	{"aws-awsjson/kinesis", "com.amazonaws.kinesis", false, "application/x-amz-json-1.1",
		func(hc httpDoer, endpoint string) any {
			return kinesis.New(kinesis.Options{Region: Region, Credentials: kinesis.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc, BaseEndpoint: endpoint, Validation: kinesis.ValidateNone})
		},
		func(hc httpDoer, endpoint string) any {
			return awskinesis.New(awskinesis.Options{Region: Region, Credentials: awsCredentials, HTTPClient: hc, BaseEndpoint: awsEndpoint(endpoint), APIOptions: awsNoValidation})
		}},
	{"aws/dataexchange", "com.amazonaws.dataexchange", true, "",
		func(hc httpDoer, endpoint string) any {
			return dataexchange.New(dataexchange.Options{Region: Region, Credentials: dataexchange.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc, BaseEndpoint: endpoint, Validation: dataexchange.ValidateNone})
		},
		func(hc httpDoer, endpoint string) any {
			return awsdataexchange.New(awsdataexchange.Options{Region: Region, Credentials: awsCredentials, HTTPClient: hc, BaseEndpoint: awsEndpoint(endpoint), APIOptions: awsNoValidation})
		}},
	{"aws/internetmonitor", "com.amazonaws.internetmonitor", true, "",
		func(hc httpDoer, endpoint string) any {
			return internetmonitor.New(internetmonitor.Options{Region: Region, Credentials: internetmonitor.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc, BaseEndpoint: endpoint, Validation: internetmonitor.ValidateNone})
		},
		func(hc httpDoer, endpoint string) any {
			return awsinternetmonitor.New(awsinternetmonitor.Options{Region: Region, Credentials: awsCredentials, HTTPClient: hc, BaseEndpoint: awsEndpoint(endpoint), APIOptions: awsNoValidation})
		}},
	{"aws/neptune-graph", "com.amazonaws.neptunegraph", true, "",
		func(hc httpDoer, endpoint string) any {
			return neptunegraph.New(neptunegraph.Options{Region: Region, Credentials: neptunegraph.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc, BaseEndpoint: endpoint, Validation: neptunegraph.ValidateNone})
		},
		func(hc httpDoer, endpoint string) any {
			return awsneptunegraph.New(awsneptunegraph.Options{Region: Region, Credentials: awsCredentials, HTTPClient: hc, BaseEndpoint: awsEndpoint(endpoint), APIOptions: awsNoValidation})
		}},
	{"aws/appconfig", "com.amazonaws.appconfig", true, "",
		func(hc httpDoer, endpoint string) any {
			return appconfig.New(appconfig.Options{Region: Region, Credentials: appconfig.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc, BaseEndpoint: endpoint, Validation: appconfig.ValidateNone})
		},
		func(hc httpDoer, endpoint string) any {
			return awsappconfig.New(awsappconfig.Options{Region: Region, Credentials: awsCredentials, HTTPClient: hc, BaseEndpoint: awsEndpoint(endpoint), APIOptions: awsNoValidation})
		}},
	{"aws/ram", "com.amazonaws.ram", true, "",
		func(hc httpDoer, endpoint string) any {
			return ram.New(ram.Options{Region: Region, Credentials: ram.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc, BaseEndpoint: endpoint, Validation: ram.ValidateNone})
		},
		func(hc httpDoer, endpoint string) any {
			return awsram.New(awsram.Options{Region: Region, Credentials: awsCredentials, HTTPClient: hc, BaseEndpoint: awsEndpoint(endpoint), APIOptions: awsNoValidation})
		}},
	{"aws-awsjson/cognito-identity-provider", "com.amazonaws.cognitoidentityprovider", false, "application/x-amz-json-1.1",
		func(hc httpDoer, endpoint string) any {
			return cognitoidentityprovider.New(cognitoidentityprovider.Options{Region: Region, Credentials: cognitoidentityprovider.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc, BaseEndpoint: endpoint, Validation: cognitoidentityprovider.ValidateNone})
		},
		func(hc httpDoer, endpoint string) any {
			return awscognitoidentityprovider.New(awscognitoidentityprovider.Options{Region: Region, Credentials: awsCredentials, HTTPClient: hc, BaseEndpoint: awsEndpoint(endpoint), APIOptions: awsNoValidation})
		}},
	{"aws-awsjson/transfer", "com.amazonaws.transfer", false, "application/x-amz-json-1.1",
		func(hc httpDoer, endpoint string) any {
			return transfer.New(transfer.Options{Region: Region, Credentials: transfer.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc, BaseEndpoint: endpoint, Validation: transfer.ValidateNone})
		},
		func(hc httpDoer, endpoint string) any {
			return awstransfer.New(awstransfer.Options{Region: Region, Credentials: awsCredentials, HTTPClient: hc, BaseEndpoint: awsEndpoint(endpoint), APIOptions: awsNoValidation})
		}},
	{"aws-awsjson/kms", "com.amazonaws.kms", false, "application/x-amz-json-1.1",
		func(hc httpDoer, endpoint string) any {
			return kms.New(kms.Options{Region: Region, Credentials: kms.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc, BaseEndpoint: endpoint, Validation: kms.ValidateNone})
		},
		func(hc httpDoer, endpoint string) any {
			return awskms.New(awskms.Options{Region: Region, Credentials: awsCredentials, HTTPClient: hc, BaseEndpoint: awsEndpoint(endpoint), APIOptions: awsNoValidation})
		}},
	{"aws-awsjson/secrets-manager", "com.amazonaws.secretsmanager", false, "application/x-amz-json-1.1",
		func(hc httpDoer, endpoint string) any {
			return secretsmanager.New(secretsmanager.Options{Region: Region, Credentials: secretsmanager.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc, BaseEndpoint: endpoint, Validation: secretsmanager.ValidateNone})
		},
		func(hc httpDoer, endpoint string) any {
			return awssecretsmanager.New(awssecretsmanager.Options{Region: Region, Credentials: awsCredentials, HTTPClient: hc, BaseEndpoint: awsEndpoint(endpoint), APIOptions: awsNoValidation})
		}},
}

// modelFixture is one payload of the cross-model run.
type modelFixture struct {
	name     string // op=service.Operation/profile=pN
	op       string // the operation's name, the clients' method
	body     string
	our, aws any  // the clients, over a transport that answers with body
	timed    bool // of the first modelsTimed profiles
}

// call calls the operation op of client with an input that has every
// string member at its top level set (labels must not be empty) and returns
// its output.
func call(ctx context.Context, client any, op string) (any, error) {
	m := reflect.ValueOf(client).MethodByName(op)
	in := reflect.New(m.Type().In(1).Elem())
	fillStrings(in.Elem())
	out := m.Call([]reflect.Value{reflect.ValueOf(ctx), in})
	if err, _ := out[1].Interface().(error); err != nil {
		return nil, err
	}
	return out[0].Interface(), nil
}

// fillStrings sets every exported string or *string field of the
// structure v: to an ARN where the name says it is one (Kinesis's endpoint
// rules parse StreamARN), else to "x"; and every integer or *integer
// field to 1.
func fillStrings(v reflect.Value) {
	for i := range v.NumField() {
		f, field := v.Field(i), v.Type().Field(i)
		value := "x"
		if strings.HasSuffix(strings.ToUpper(field.Name), "ARN") {
			value = "arn:aws:kinesis:" + Region + ":123456789012:stream/x"
		}
		switch {
		case !field.IsExported():
		case f.Kind() == reflect.String:
			f.SetString(value)
		case f.Kind() == reflect.Pointer && f.Type().Elem().Kind() == reflect.String:
			p := reflect.New(f.Type().Elem())
			p.Elem().SetString(value)
			f.Set(p)
		case f.Kind() == reflect.Pointer && reflect.Zero(f.Type().Elem()).CanInt():
			// An integer label (AppConfig's DeploymentNumber).
			p := reflect.New(f.Type().Elem())
			p.Elem().SetInt(1)
			f.Set(p)
		case f.CanInt():
			f.SetInt(1)
		}
	}
}

// listOutput reports whether op's output can be the run's payload: a
// structure whose members are all in the body (bodyOutput), one of them a
// list.
func listOutput(model map[string]modelShape, op modelShape) bool {
	if !bodyOutput(model, op) {
		return false
	}
	for _, m := range model[op.Output.Target].Members {
		if model[m.Target].Type == "list" {
			return true
		}
	}
	return false
}

// bodyOutput reports whether the payload generator can write op's output:
// a structure whose members are all in the body, none streaming.
func bodyOutput(model map[string]modelShape, op modelShape) bool {
	if op.Output == nil {
		return false
	}
	for _, m := range model[op.Output.Target].Members {
		for _, t := range []string{"httpPayload", "httpHeader", "httpPrefixHeaders", "httpResponseCode", "eventPayload"} {
			if _, ok := m.Traits["smithy.api#"+t]; ok {
				return false
			}
		}
		if _, ok := model[m.Target].Traits["smithy.api#streaming"]; ok {
			return false
		}
	}
	return true
}

// serviceModels reads the models of agreeServices (modelServices and
// those only the agreement tests use) once, by folder.
var serviceModels = sync.OnceValue(func() map[string]func() (map[string]modelShape, error) {
	load := map[string]func() (map[string]modelShape, error){}
	for _, svc := range agreeServices {
		load[svc.dir] = sync.OnceValues(func() (map[string]modelShape, error) {
			dir := filepath.Join("..", "..", "shared", "models", svc.dir)
			if _, err := os.Stat(dir); err != nil {
				return nil, fmt.Errorf("%s: no model (%v)", svc.dir, err)
			}
			model, err := LoadModelDir(dir)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", svc.dir, err)
			}
			return model, nil
		})
	}
	return load
})

// serviceOperations returns the IDs of svc's operations in model that keep
// says to, in order.
func serviceOperations(model map[string]modelShape, svc modelService, keep func(map[string]modelShape, modelShape) bool) []string {
	var ids []string
	for id, s := range model {
		if s.Type == "operation" && strings.HasPrefix(id, svc.ns+"#") && keep(model, s) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// serviceModel returns svc's model, read from ../shared once.
func serviceModel(svc modelService) (map[string]modelShape, error) {
	return serviceModels()[svc.dir]()
}

// modelsFixtures generates the run's payloads once; skipped lists the
// operations with a list in their output that it left out, and why.
var modelsFixtures = sync.OnceValues(func() (fs []modelFixture, skipped []string) {
	for _, svc := range modelServices {
		model, err := serviceModel(svc)
		if err != nil {
			skipped = append(skipped, err.Error())
			continue
		}
		ops := serviceOperations(model, svc, listOutput)
		service := svc.ns[strings.LastIndex(svc.ns, ".")+1:]
		for _, id := range ops {
			name := id[strings.IndexByte(id, '#')+1:]
			probe := MemoryTransport{ContentType: svc.contentType}
			if !reflect.ValueOf(svc.aws(probe, "")).MethodByName(name).IsValid() || !reflect.ValueOf(svc.our(probe, "")).MethodByName(name).IsValid() {
				skipped = append(skipped, fmt.Sprintf("%s.%s: a client has no such method", service, name))
				continue
			}
			for i, p := range modelsProfiles {
				p.Operation, p.Size, p.JSONName = id, modelsPageSize, svc.restJSON
				body, err := Payload(model, p)
				if err != nil {
					skipped = append(skipped, fmt.Sprintf("%s.%s: %v", service, name, err))
					break
				}
				mem := MemoryTransport{Body: body, ContentType: svc.contentType}
				fs = append(fs, modelFixture{fmt.Sprintf("op=%s.%s/profile=p%d", service, name, i), name, body, svc.our(mem, ""), svc.aws(mem, ""), i < modelsTimed})
			}
		}
	}
	return fs, skipped
})

// TestDecodeModelsAgree checks that the generated clients and
// aws-sdk-go-v2's decode every payload of the cross-model run to the same
// values: both outputs written by encoding/json, without empty members and
// aws-sdk-go-v2's ResultMetadata, are the same text.
func TestDecodeModelsAgree(t *testing.T) {
	fs, skipped := modelsFixtures()
	if len(fs) == 0 {
		t.Skipf("no cross-model payloads (the models are read from ../shared): %v", skipped)
	}
	for _, s := range skipped {
		t.Log("left out:", s)
	}
	ctx := context.Background()
	for _, f := range fs {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			ours, err1 := call(ctx, f.our, f.op)
			theirs, err2 := call(ctx, f.aws, f.op)
			if err1 != nil || err2 != nil {
				t.Fatalf("errors: smithygo %v, awssdk %v", err1, err2)
			}
			a, b := canonicalLoose(t, ours), canonicalLoose(t, theirs)
			if len(a) < modelsPageSize/4 {
				t.Fatalf("the output is only %d bytes of JSON from a body of %d: %.300s", len(a), len(f.body), a)
			}
			if string(a) != string(b) {
				i := 0
				for i < min(len(a), len(b)) && a[i] == b[i] {
					i++
				}
				t.Fatalf("smithygo and awssdk differ at byte %d:\n%s\n%s", i, snippet(a, i), snippet(b, i))
			}
		})
	}
}

// canonicalLoose writes a decoded output as JSON for comparing the two
// clients': without aws-sdk-go-v2's ResultMetadata, which ours has no field
// for, and without members that are empty, 0 or false (a member that
// aws-sdk-go-v2's newer model has and ours does not, CloudWatch Logs'
// QueryStatistics.ResultCount, is a number, not a pointer, in its types, so
// it is there as 0 though the payload does not have it; a value decoded
// wrongly still differs: it is 0 on one side only where the other is not).
// It is written from a walk of the value rather than by encoding/json,
// which writes a union's member as its value alone ({"Value":"x"}): each
// union member is written under its type's name ("$MemberName"), so that a
// decoder that picked another member of the same type differs.
func canonicalLoose(t *testing.T, v any) []byte {
	m, _ := jsonValue(reflect.ValueOf(v)).(map[string]any)
	if m == nil {
		t.Fatalf("the output %T is not a structure", v)
	}
	delete(m, "ResultMetadata")
	out, err := json.Marshal(prune(m, func(x any) bool { return x == nil || x == "" || x == 0.0 || x == false }))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// jsonValue returns v as a JSON value (canonicalLoose): structures as
// objects of their exported fields, union members as objects of one
// member named for the member's type, times in UTC as RFC 3339 text, blobs
// in base64, NaN and infinities as text.
func jsonValue(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return nil
		}
		member := reflect.Indirect(v.Elem())
		if member.Type().Name() == "UnknownUnionMember" {
			// aws-sdk-go-v2 keeps the tag alone, or nothing.
			return map[string]any{"$Unknown": member.FieldByName("Tag").String()}
		}
		return map[string]any{"$" + member.Type().Name(): jsonValue(member)}
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return jsonValue(v.Elem())
	case reflect.Struct:
		if t, ok := v.Interface().(time.Time); ok {
			return t.UTC().Format(time.RFC3339Nano)
		}
		m := map[string]any{}
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() && !f.Anonymous {
				m[f.Name] = jsonValue(v.Field(i))
			}
		}
		return m
	case reflect.Slice:
		if v.IsNil() {
			return nil
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return base64.StdEncoding.EncodeToString(v.Bytes())
		}
		list := make([]any, v.Len())
		for i := range list {
			list[i] = jsonValue(v.Index(i))
		}
		return list
	case reflect.Map:
		if v.IsNil() {
			return nil
		}
		m := map[string]any{}
		for k, x := range v.Seq2() {
			m[k.String()] = jsonValue(x)
		}
		return m
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(v.Int())
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); !math.IsNaN(f) && !math.IsInf(f, 0) {
			return f
		}
		return fmt.Sprint(v.Float())
	}
	return fmt.Sprintf("<%s>", v.Kind())
}

// TestCanonicalLooseTellsUnionMembers checks that the comparison of the
// cross-model run tells apart two members of a union that have the same
// type of value (Pipes' MSK credentials: two ARNs), which encoding/json
// writes alike.
func TestCanonicalLooseTellsUnionMembers(t *testing.T) {
	arn := "arn:aws:secretsmanager:us-west-2:123456789012:secret:x"
	a := &pipestypes.PipeSourceManagedStreamingKafkaParameters{Credentials: &pipestypes.MSKAccessCredentialsMemberSaslScram512Auth{Value: arn}}
	b := &pipestypes.PipeSourceManagedStreamingKafkaParameters{Credentials: &pipestypes.MSKAccessCredentialsMemberClientCertificateTlsAuth{Value: arn}}
	if x, y := canonicalLoose(t, a), canonicalLoose(t, b); string(x) == string(y) {
		t.Fatalf("two union members written alike: %s", x)
	}
	if x, y := canonicalLoose(t, a), canonicalLoose(t, a); string(x) != string(y) || !strings.Contains(string(x), arn) {
		t.Fatalf("one value written two ways, or without its ARN: %s, %s", x, y)
	}
}

func BenchmarkDecodeModels(b *testing.B) {
	if !*modelsRun {
		b.Skip("the cross-model run runs with -models")
	}
	fs, skipped := modelsFixtures()
	if len(fs) == 0 {
		b.Skipf("no cross-model payloads: %v", skipped)
	}
	ctx := context.Background()
	for _, f := range fs {
		if !f.timed {
			continue
		}
		for _, impl := range []struct {
			name   string
			client any
		}{{"awssdk", f.aws}, {"smithygo", f.our}} {
			b.Run(f.name+"/impl="+impl.name, func(b *testing.B) {
				out, err := call(ctx, impl.client, f.op)
				if err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(len(f.body)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := call(ctx, impl.client, f.op); err != nil {
						b.Fatal(err)
					}
				}
				if impl.name == "smithygo" {
					// As in the sweep: the memory the decoded value holds.
					b.ReportMetric(float64(heldBytes(out)), "heldB/op")
				}
			})
		}
	}
}
