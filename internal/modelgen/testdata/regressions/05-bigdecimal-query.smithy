// error: invalid operation: in.D.Text(byte(0x66), -1) != nil (mismatched types string and untyped nil) (a bigDecimal @httpQuery)
$version: "2"

namespace example.fuzz

@aws.protocols#restJson1
service Fuzz {
    version: "2024-01-01"
    operations: [Get]
}

@http(method: "GET", uri: "/things")
operation Get {
    input := {
        @httpQuery("d")
        d: BigDecimal
    }
}
