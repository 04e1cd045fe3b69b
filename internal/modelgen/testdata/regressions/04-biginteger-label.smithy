// error: invalid operation: in.N.String() == nil (mismatched types string and untyped nil) (a bigInteger @httpLabel)
$version: "2"

namespace example.fuzz

@aws.protocols#restJson1
service Fuzz {
    version: "2024-01-01"
    operations: [Get]
}

@http(method: "GET", uri: "/things/{n}")
operation Get {
    input := {
        @required
        @httpLabel
        n: BigInteger
    }
}
