package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"reflect"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsdynamodb "github.com/aws/aws-sdk-go-v2/service/dynamodb"
	awsddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	awssqs "github.com/aws/aws-sdk-go-v2/service/sqs"
	awssqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/smithygo/smithygo/bench/internal/dynamodb"
	ddbtypes "github.com/smithygo/smithygo/bench/internal/dynamodb/types"
	"github.com/smithygo/smithygo/bench/internal/sqs"
	sqstypes "github.com/smithygo/smithygo/bench/internal/sqs/types"
)

// The awsJson1_0 benchmarks: DynamoDB GetItem and Query, SQS SendMessageBatch,
// each client generated from the official model in ../shared
// (bench/internal, see generate.go) against aws-sdk-go-v2's, configured as
// the Outposts clients are (static credentials, us-west-2, the in-memory
// transport, every other option at its default).

var awsCreds = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: AccessKeyID, SecretAccessKey: SecretKey, Source: "bench"}, nil
})

func ourDynamoDB(hc dynamodb.HTTPClient) *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{Region: Region, Credentials: dynamodb.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc})
}

func awsDynamoDB(hc awsdynamodb.HTTPClient) *awsdynamodb.Client {
	return awsdynamodb.New(awsdynamodb.Options{Region: Region, Credentials: awsCreds, HTTPClient: hc})
}

func ourSQS(hc sqs.HTTPClient) *sqs.Client {
	return sqs.New(sqs.Options{Region: Region, Credentials: sqs.StaticCredentials(AccessKeyID, SecretKey, ""), HTTPClient: hc})
}

func awsSQS(hc awssqs.HTTPClient) *awssqs.Client {
	return awssqs.New(awssqs.Options{Region: Region, Credentials: awsCreds, HTTPClient: hc})
}

// ---- inputs -------------------------------------------------------------------

func ourGetItemInput() *dynamodb.GetItemInput {
	return &dynamodb.GetItemInput{
		TableName: ptr("users"),
		Key: map[string]ddbtypes.AttributeValue{
			"pk": &ddbtypes.AttributeValueMemberS{Value: "user#0042"},
			"sk": &ddbtypes.AttributeValueMemberS{Value: "profile"},
		},
		ConsistentRead: ptr(true),
	}
}

func awsGetItemInput() *awsdynamodb.GetItemInput {
	return &awsdynamodb.GetItemInput{
		TableName: ptr("users"),
		Key: map[string]awsddbtypes.AttributeValue{
			"pk": &awsddbtypes.AttributeValueMemberS{Value: "user#0042"},
			"sk": &awsddbtypes.AttributeValueMemberS{Value: "profile"},
		},
		ConsistentRead: ptr(true),
	}
}

func ourQueryInput() *dynamodb.QueryInput {
	return &dynamodb.QueryInput{
		TableName:                 ptr("orders"),
		KeyConditionExpression:    ptr("pk = :pk AND sk > :since"),
		ExpressionAttributeValues: map[string]ddbtypes.AttributeValue{":pk": &ddbtypes.AttributeValueMemberS{Value: "customer#0042"}, ":since": &ddbtypes.AttributeValueMemberN{Value: "1700000000"}},
		Limit:                     ptr(int32(1000)),
		ReturnConsumedCapacity:    ddbtypes.ReturnConsumedCapacityIndexes,
	}
}

func awsQueryInput() *awsdynamodb.QueryInput {
	return &awsdynamodb.QueryInput{
		TableName:                 ptr("orders"),
		KeyConditionExpression:    ptr("pk = :pk AND sk > :since"),
		ExpressionAttributeValues: map[string]awsddbtypes.AttributeValue{":pk": &awsddbtypes.AttributeValueMemberS{Value: "customer#0042"}, ":since": &awsddbtypes.AttributeValueMemberN{Value: "1700000000"}},
		Limit:                     ptr(int32(1000)),
		ReturnConsumedCapacity:    awsddbtypes.ReturnConsumedCapacityIndexes,
	}
}

func ourSendMessageBatchInput(msgs []BatchMessage) *sqs.SendMessageBatchInput {
	in := &sqs.SendMessageBatchInput{QueueUrl: ptr(QueueURL)}
	for _, m := range msgs {
		in.Entries = append(in.Entries, sqstypes.SendMessageBatchRequestEntry{
			Id: ptr(m.ID), MessageBody: ptr(m.Body),
			MessageAttributes: map[string]sqstypes.MessageAttributeValue{
				"kind":    {DataType: ptr("String"), StringValue: ptr(m.Kind)},
				"version": {DataType: ptr("Number"), StringValue: ptr(m.Version)},
			},
		})
	}
	return in
}

func awsSendMessageBatchInput(msgs []BatchMessage) *awssqs.SendMessageBatchInput {
	in := &awssqs.SendMessageBatchInput{QueueUrl: ptr(QueueURL)}
	for _, m := range msgs {
		in.Entries = append(in.Entries, awssqstypes.SendMessageBatchRequestEntry{
			Id: ptr(m.ID), MessageBody: ptr(m.Body),
			MessageAttributes: map[string]awssqstypes.MessageAttributeValue{
				"kind":    {DataType: ptr("String"), StringValue: ptr(m.Kind)},
				"version": {DataType: ptr("Number"), StringValue: ptr(m.Version)},
			},
		})
	}
	return in
}

// queryPage is the Query page body, generated once from the model in ../shared.
var queryPage = sync.OnceValues(func() (string, error) {
	model, err := LoadModelDir(DynamoDBModelDir)
	if err != nil {
		return "", err
	}
	return Payload(model, QueryPage)
})

// queryBody returns the Query page, skipping the benchmark or test without ../shared.
func queryBody(tb testing.TB) string {
	body, err := queryPage()
	if errors.Is(err, fs.ErrNotExist) {
		tb.Skipf("no DynamoDB model in %s", DynamoDBModelDir)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return body
}

// ---- benchmarks ------------------------------------------------------------------

func BenchmarkDynamoDB(b *testing.B) {
	ctx := context.Background()
	b.Run("op=GetItem/transport=memory", func(b *testing.B) {
		mem := MemoryTransport{Body: GetItemJSON, ContentType: AWSJSONContentType}
		b.Run("impl=awssdk", func(b *testing.B) {
			c, in := awsDynamoDB(mem), awsGetItemInput()
			b.ReportAllocs()
			for b.Loop() {
				out, err := c.GetItem(ctx, in)
				if err != nil || len(out.Item) != 10 {
					b.Fatalf("GetItem: %v, %d attributes", err, len(out.Item))
				}
			}
		})
		b.Run("impl=smithygo", func(b *testing.B) {
			c, in := ourDynamoDB(mem), ourGetItemInput()
			b.ReportAllocs()
			for b.Loop() {
				out, err := c.GetItem(ctx, in)
				if err != nil || len(out.Item) != 10 {
					b.Fatalf("GetItem: %v, %d attributes", err, len(out.Item))
				}
			}
		})
	})
	b.Run("op=Query/items=1000", func(b *testing.B) {
		body := queryBody(b)
		mem := MemoryTransport{Body: body, ContentType: AWSJSONContentType}
		b.Run("impl=awssdk", func(b *testing.B) {
			c, in := awsDynamoDB(mem), awsQueryInput()
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				out, err := c.Query(ctx, in)
				if err != nil || len(out.Items) != QueryPage.Items {
					b.Fatalf("Query: %v, %d items", err, len(out.Items))
				}
			}
		})
		b.Run("impl=smithygo", func(b *testing.B) {
			c, in := ourDynamoDB(mem), ourQueryInput()
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				out, err := c.Query(ctx, in)
				if err != nil || len(out.Items) != QueryPage.Items {
					b.Fatalf("Query: %v, %d items", err, len(out.Items))
				}
			}
		})
	})
}

func BenchmarkSQS(b *testing.B) {
	ctx := context.Background()
	msgs := BatchMessages(10)
	mem := MemoryTransport{Body: SendMessageBatchJSON(msgs), ContentType: AWSJSONContentType}
	b.Run("op=SendMessageBatch/entries=10/impl=awssdk", func(b *testing.B) {
		c, in := awsSQS(mem), awsSendMessageBatchInput(msgs)
		b.ReportAllocs()
		for b.Loop() {
			out, err := c.SendMessageBatch(ctx, in)
			if err != nil || len(out.Successful) != len(msgs) {
				b.Fatalf("SendMessageBatch: %v", err)
			}
		}
	})
	b.Run("op=SendMessageBatch/entries=10/impl=smithygo", func(b *testing.B) {
		c, in := ourSQS(mem), ourSendMessageBatchInput(msgs)
		b.ReportAllocs()
		for b.Loop() {
			out, err := c.SendMessageBatch(ctx, in)
			if err != nil || len(out.Successful) != len(msgs) {
				b.Fatalf("SendMessageBatch: %v", err)
			}
		}
	})
}

// ---- both clients agree -------------------------------------------------------------

// recorder is a MemoryTransport that keeps the last request it was sent.
type recorder struct {
	MemoryTransport
	method, path string
	header       http.Header
	body         []byte
}

func (r *recorder) Do(req *http.Request) (*http.Response, error) {
	r.method, r.path, r.header = req.Method, req.URL.Path, req.Header.Clone()
	r.body = nil
	if req.Body != nil {
		r.body, _ = io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(r.body))
	}
	return r.MemoryTransport.Do(req)
}

// sameRequest checks that two recorded requests are the same awsJson call:
// method, path, X-Amz-Target, Content-Type, and bodies that are the same JSON
// value (member order and number formatting aside).
func sameRequest(t *testing.T, ours, theirs *recorder) {
	t.Helper()
	if ours.method != theirs.method || ours.path != theirs.path {
		t.Errorf("request line: smithygo %s %s, awssdk %s %s", ours.method, ours.path, theirs.method, theirs.path)
	}
	for _, h := range []string{"X-Amz-Target", "Content-Type"} {
		if a, b := ours.header.Get(h), theirs.header.Get(h); a != b || a == "" {
			t.Errorf("%s: smithygo %q, awssdk %q", h, a, b)
		}
	}
	var a, b any
	if err := json.Unmarshal(ours.body, &a); err != nil {
		t.Fatalf("smithygo request body: %v\n%s", err, ours.body)
	}
	if err := json.Unmarshal(theirs.body, &b); err != nil {
		t.Fatalf("awssdk request body: %v\n%s", err, theirs.body)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("request bodies differ:\nsmithygo %s\nawssdk   %s", ours.body, theirs.body)
	}
}

// ourAV and awsAV write an attribute value as the wire does ({"S": ...}),
// so that the two clients' values compare as JSON (their member types would
// otherwise all be written as {"Value": ...}).
func ourAV(v ddbtypes.AttributeValue) any {
	switch v := v.(type) {
	case *ddbtypes.AttributeValueMemberS:
		return map[string]any{"S": v.Value}
	case *ddbtypes.AttributeValueMemberN:
		return map[string]any{"N": v.Value}
	case *ddbtypes.AttributeValueMemberB:
		return map[string]any{"B": v.Value}
	case *ddbtypes.AttributeValueMemberSS:
		return map[string]any{"SS": v.Value}
	case *ddbtypes.AttributeValueMemberNS:
		return map[string]any{"NS": v.Value}
	case *ddbtypes.AttributeValueMemberBS:
		return map[string]any{"BS": v.Value}
	case *ddbtypes.AttributeValueMemberM:
		return map[string]any{"M": ourItem(v.Value)}
	case *ddbtypes.AttributeValueMemberL:
		l := make([]any, len(v.Value))
		for i, e := range v.Value {
			l[i] = ourAV(e)
		}
		return map[string]any{"L": l}
	case *ddbtypes.AttributeValueMemberNULL:
		return map[string]any{"NULL": v.Value}
	case *ddbtypes.AttributeValueMemberBOOL:
		return map[string]any{"BOOL": v.Value}
	}
	return map[string]any{"unknown": reflect.TypeOf(v).String()}
}

func ourItem(m map[string]ddbtypes.AttributeValue) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = ourAV(v)
	}
	return out
}

func awsAV(v awsddbtypes.AttributeValue) any {
	switch v := v.(type) {
	case *awsddbtypes.AttributeValueMemberS:
		return map[string]any{"S": v.Value}
	case *awsddbtypes.AttributeValueMemberN:
		return map[string]any{"N": v.Value}
	case *awsddbtypes.AttributeValueMemberB:
		return map[string]any{"B": v.Value}
	case *awsddbtypes.AttributeValueMemberSS:
		return map[string]any{"SS": v.Value}
	case *awsddbtypes.AttributeValueMemberNS:
		return map[string]any{"NS": v.Value}
	case *awsddbtypes.AttributeValueMemberBS:
		return map[string]any{"BS": v.Value}
	case *awsddbtypes.AttributeValueMemberM:
		return map[string]any{"M": awsItem(v.Value)}
	case *awsddbtypes.AttributeValueMemberL:
		l := make([]any, len(v.Value))
		for i, e := range v.Value {
			l[i] = awsAV(e)
		}
		return map[string]any{"L": l}
	case *awsddbtypes.AttributeValueMemberNULL:
		return map[string]any{"NULL": v.Value}
	case *awsddbtypes.AttributeValueMemberBOOL:
		return map[string]any{"BOOL": v.Value}
	}
	return map[string]any{"unknown": reflect.TypeOf(v).String()}
}

func awsItem(m map[string]awsddbtypes.AttributeValue) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = awsAV(v)
	}
	return out
}

// sameJSON checks that two values are written alike by canonical (sorted
// keys, null and "" members left out; see decode_bench_test.go).
func sameJSON(t *testing.T, what string, ours, theirs any) {
	t.Helper()
	a, b := canonical(t, ours), canonical(t, theirs)
	if !bytes.Equal(a, b) {
		i := 0
		for i < min(len(a), len(b)) && a[i] == b[i] {
			i++
		}
		t.Errorf("%s: smithygo and awssdk differ at byte %d:\n%s\n%s", what, i, snippet(a, i), snippet(b, i))
	}
}

// TestAWSJSONAgree gives both clients the benchmarks' inputs and identical
// response bytes, and checks that they send the same requests and decode the
// same values.
func TestAWSJSONAgree(t *testing.T) {
	ctx := context.Background()
	t.Run("DynamoDB/GetItem", func(t *testing.T) {
		rec1 := &recorder{MemoryTransport: MemoryTransport{Body: GetItemJSON, ContentType: AWSJSONContentType}}
		rec2 := &recorder{MemoryTransport: rec1.MemoryTransport}
		ours, err1 := ourDynamoDB(rec1).GetItem(ctx, ourGetItemInput())
		theirs, err2 := awsDynamoDB(rec2).GetItem(ctx, awsGetItemInput())
		if err1 != nil || err2 != nil {
			t.Fatalf("smithygo %v, awssdk %v", err1, err2)
		}
		sameRequest(t, rec1, rec2)
		if len(ours.Item) != 10 {
			t.Errorf("smithygo decoded %d attributes, want 10", len(ours.Item))
		}
		sameJSON(t, "Item", ourItem(ours.Item), awsItem(theirs.Item))
		// The item, written back, is the fixture's.
		var want map[string]any
		if err := json.Unmarshal([]byte(GetItemJSON), &want); err != nil {
			t.Fatal(err)
		}
		sameJSON(t, "Item against the fixture", ourItem(ours.Item), want["Item"])
	})
	t.Run("DynamoDB/Query", func(t *testing.T) {
		body := queryBody(t)
		rec1 := &recorder{MemoryTransport: MemoryTransport{Body: body, ContentType: AWSJSONContentType}}
		rec2 := &recorder{MemoryTransport: rec1.MemoryTransport}
		ours, err1 := ourDynamoDB(rec1).Query(ctx, ourQueryInput())
		theirs, err2 := awsDynamoDB(rec2).Query(ctx, awsQueryInput())
		if err1 != nil || err2 != nil {
			t.Fatalf("smithygo %v, awssdk %v", err1, err2)
		}
		sameRequest(t, rec1, rec2)
		if len(ours.Items) != QueryPage.Items || len(theirs.Items) != QueryPage.Items {
			t.Fatalf("items: smithygo %d, awssdk %d, want %d", len(ours.Items), len(theirs.Items), QueryPage.Items)
		}
		for i := range ours.Items {
			sameJSON(t, fmt.Sprintf("Items[%d]", i), ourItem(ours.Items[i]), awsItem(theirs.Items[i]))
			if t.Failed() {
				return
			}
		}
		sameJSON(t, "LastEvaluatedKey", ourItem(ours.LastEvaluatedKey), awsItem(theirs.LastEvaluatedKey))
		sameJSON(t, "ConsumedCapacity", ours.ConsumedCapacity, theirs.ConsumedCapacity)
		if ours.Count != theirs.Count || ours.ScannedCount != theirs.ScannedCount {
			t.Errorf("counts: smithygo %d/%d, awssdk %d/%d", ours.Count, ours.ScannedCount, theirs.Count, theirs.ScannedCount)
		}
	})
	t.Run("SQS/SendMessageBatch", func(t *testing.T) {
		msgs := BatchMessages(10)
		rec1 := &recorder{MemoryTransport: MemoryTransport{Body: SendMessageBatchJSON(msgs), ContentType: AWSJSONContentType}}
		rec2 := &recorder{MemoryTransport: rec1.MemoryTransport}
		ours, err1 := ourSQS(rec1).SendMessageBatch(ctx, ourSendMessageBatchInput(msgs))
		theirs, err2 := awsSQS(rec2).SendMessageBatch(ctx, awsSendMessageBatchInput(msgs))
		if err1 != nil || err2 != nil {
			t.Fatalf("smithygo %v, awssdk %v", err1, err2)
		}
		sameRequest(t, rec1, rec2)
		// awsQueryCompatible: ours announces it; aws-sdk-go-v2 v1.53.0 does not.
		if got := rec1.header.Get("X-Amzn-Query-Mode"); got != "true" {
			t.Errorf("smithygo x-amzn-query-mode = %q, want true", got)
		}
		if len(ours.Successful) != len(msgs) {
			t.Fatalf("smithygo decoded %d results, want %d", len(ours.Successful), len(msgs))
		}
		sameJSON(t, "Successful", ours.Successful, theirs.Successful)
		sameJSON(t, "Failed", ours.Failed, theirs.Failed)
	})
}
