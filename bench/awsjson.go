package bench

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// Fixtures of the awsJson benchmarks (DynamoDB and SQS, awsJson1_0).

// AWSJSONContentType is the Content-Type of awsJson1_0 responses.
const AWSJSONContentType = "application/x-amz-json-1.0"

// DynamoDBModelDir is the official DynamoDB model, read in place from ../shared.
var DynamoDBModelDir = filepath.Join("..", "..", "shared", "models", "aws-awsjson", "dynamodb")

// QueryPage is the profile of the DynamoDB Query page: 1,000 items of 4 to 8
// attributes, whose values are maps and lists (of 2 to 6 elements) nested
// two deep, strings, numbers, binary, string, number and binary sets,
// booleans and nulls, written from the model with a fixed seed (payloads.go):
// 1,114,198 bytes.
var QueryPage = Profile{
	Seed:          6,
	Operation:     "com.amazonaws.dynamodb#Query",
	Items:         1000,
	ListLen:       [2]int{2, 6},
	MapLen:        [2]int{4, 8},
	MaxUnionDepth: 2,
	Numeric:       []string{"com.amazonaws.dynamodb#NumberAttributeValue"},
}

// GetItemJSON is the GetItem response body: one item of ten attributes, one
// of each kind of attribute value but NS and BS.
const GetItemJSON = `{"Item":{"pk":{"S":"user#0042"},"sk":{"S":"profile"},"name":{"S":"Ada Lovelace"},"age":{"N":"36"},` +
	`"active":{"BOOL":true},"roles":{"SS":["admin","ops"]},"scores":{"L":[{"N":"1.5"},{"N":"2"},{"N":"-3.25"}]},` +
	`"address":{"M":{"city":{"S":"London"},"postcode":{"S":"W1J 7NT"},"floor":{"N":"2"}}},` +
	`"avatar":{"B":"iVBORw0KGgoAAAANSUhEUgAAAAE="},"nickname":{"NULL":true}}}`

// QueueURL is the queue of the SQS fixtures.
const QueueURL = "https://sqs.us-west-2.amazonaws.com/111122223333/orders"

// BatchMessage is one entry of the SendMessageBatch fixture.
type BatchMessage struct {
	ID, Body, Kind, Version string
}

// BatchMessages returns n messages: JSON event bodies of about 200 bytes and
// two attributes (a String and a Number).
func BatchMessages(n int) []BatchMessage {
	m := make([]BatchMessage, n)
	for i := range m {
		m[i] = BatchMessage{
			ID: "msg-" + strconv.Itoa(i),
			Body: fmt.Sprintf(`{"event":"order.created","orderId":"oo-%017d","customer":"c-%06d","items":[{"sku":"SKU-%04d","qty":%d},{"sku":"SKU-%04d","qty":1}],"total":"%d.%02d","currency":"EUR"}`,
				i, 1000+i, 7*i, 1+i%3, 11*i, 10+13*i, i),
			Kind:    "order.created",
			Version: strconv.Itoa(1 + i%3),
		}
	}
	return m
}

// SendMessageBatchJSON is the response to a batch of messages: every one
// successful, with the MD5 of its body (aws-sdk-go-v2 checks it by default)
// and an MD5 of its attributes that neither client checks.
func SendMessageBatchJSON(msgs []BatchMessage) string {
	var sb strings.Builder
	sb.WriteString(`{"Successful":[`)
	for i, m := range msgs {
		if i > 0 {
			sb.WriteByte(',')
		}
		body := md5.Sum([]byte(m.Body))
		attrs := md5.Sum([]byte(m.Kind + m.Version))
		fmt.Fprintf(&sb, `{"Id":%q,"MessageId":"5fea7756-0ea4-451a-a703-%012x","MD5OfMessageBody":%q,"MD5OfMessageAttributes":%q}`,
			m.ID, i, hex.EncodeToString(body[:]), hex.EncodeToString(attrs[:]))
	}
	sb.WriteString(`],"Failed":[]}`)
	return sb.String()
}
