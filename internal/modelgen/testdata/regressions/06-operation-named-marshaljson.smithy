// go vet: method MarshalJSON(ctx context.Context, in *MarshalJSONInput, ...) should have signature MarshalJSON() ([]byte, error) (an operation named MarshalJSON)
$version: "2"

namespace example.fuzz

@aws.protocols#restJson1
service Fuzz {
    version: "2024-01-01"
    operations: [MarshalJSON]
}

@http(method: "POST", uri: "/m")
operation MarshalJSON {}
