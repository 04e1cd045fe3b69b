// Found by modelgen (DefaultedTokens with ZeroLength), seed 777128.
// An @idempotencyToken whose @length allows only "" and whose default is "":
// the client fills the unset (empty) token with a 36-character UUID and then
// rejects its own value:
//   Svc Op: OpInput: 1 invalid parameter: Token: length 36 is above the maximum 0
// calling c.Op(ctx, &OpInput{}) with Validation: ValidateAll.
$version: "2"

namespace example.fuzz

@aws.protocols#restJson1
service Svc {
    version: "2024-01-01"
    operations: [Op]
}

@http(method: "POST", uri: "/op")
operation Op {
    input := {
        @length(max: 0)
        @idempotencyToken
        Token: String = ""
    }
    output := {}
}
