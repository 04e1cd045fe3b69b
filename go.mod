module github.com/smithygo/smithygo

go 1.26.0

require (
	github.com/dave/jennifer v1.7.1
	github.com/tidwall/gjson v1.20.2
	golang.org/x/tools v0.52.0
)

require (
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.3.0 // indirect
)
