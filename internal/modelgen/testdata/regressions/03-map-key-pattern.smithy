// error: declared and not used: e (a map whose key has @pattern, values unconstrained)
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
        m: Tags
    }
}

map Tags {
    key: Key
    value: String
}

@pattern("^[a-z]+$")
string Key
