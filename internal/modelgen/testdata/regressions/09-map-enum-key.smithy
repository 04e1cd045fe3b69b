// error: declared and not used: e (a map whose key is an enum, values unconstrained; same root cause as 03)
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
        m: Counts
    }
}

map Counts {
    key: Color
    value: Integer
}

enum Color {
    RED
}
