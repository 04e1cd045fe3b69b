// error: c.UnmarshalJSON undefined (type *Client has no field or method UnmarshalJSON): the paginator of a @paginated operation named UnmarshalJSON calls the method by its unrenamed name
$version: "2"

namespace example.fuzz

@aws.protocols#restJson1
service Fuzz {
    version: "2024-01-01"
    operations: [UnmarshalJSON]
}

@http(method: "GET", uri: "/list")
@paginated(inputToken: "token", outputToken: "next")
operation UnmarshalJSON {
    input := {
        @httpQuery("token")
        token: String
    }
    output := {
        next: String
    }
}
