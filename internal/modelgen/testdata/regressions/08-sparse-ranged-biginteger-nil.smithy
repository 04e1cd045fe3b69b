// panic in Validate: nil pointer dereference in bigIntOutside (a nil in a @sparse list of bigInteger with @range)
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
        l: Bigs
    }
}

@sparse
list Bigs {
    member: Big
}

@range(min: 0)
bigInteger Big
