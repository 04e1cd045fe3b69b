// error: decodeErrorResponse redeclared in this block (a structure named ErrorResponse)
$version: "2"

namespace example.fuzz

@aws.protocols#restJson1
service Fuzz {
    version: "2024-01-01"
    operations: [Echo]
}

@http(method: "POST", uri: "/echo")
operation Echo {
    output := {
        a: ErrorResponse
    }
}

structure ErrorResponse {
    s: String
}
