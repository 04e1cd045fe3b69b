// error: invalid operation: in.Token == nil (mismatched types string and untyped nil); cannot use &token (value of type *string) as string value: an @idempotencyToken member with @default("")
$version: "2"

namespace example.fuzz

@aws.protocols#restJson1
service Fuzz {
    version: "2024-01-01"
    operations: [Put]
}

@http(method: "POST", uri: "/put")
operation Put {
    input := {
        @idempotencyToken
        token: String = ""
    }
}
