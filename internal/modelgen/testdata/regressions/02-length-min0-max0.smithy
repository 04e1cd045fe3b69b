// error: declared and not used: p (a member with @length(min: 0, max: 0))
$version: "2"

namespace example.fuzz

@aws.protocols#restJson1
service Fuzz {
    version: "2024-01-01"
    operations: [Echo]
}

@http(method: "POST", uri: "/echo")
operation Echo {
    input := {
        @length(min: 0, max: 0)
        b: Blob
    }
}
