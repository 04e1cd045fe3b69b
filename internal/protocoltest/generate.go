// Package protocoltest holds clients generated from the Smithy project's
// official restJson1 protocol test suite in ../shared/testdata/protocol-tests,
// with the suite's cases as their Go tests: restjson is the
// aws.protocoltests.restjson#RestJson service, validation its
// RestJsonValidation twin, and glacier and apigateway the suite's two
// services that test SDK customisations. make conformance prints the
// results per suite file.
package protocoltest

//go:generate go run ../../cmd/gen -skip-missing -protocol-tests -service aws.protocoltests.restjson#RestJson -out restjson -model ../../../shared/testdata/protocol-tests/smithy-aws-protocol-tests/model -model ../../../shared/testdata/protocol-tests/smithy-aws-traits -model ../../../shared/testdata/protocol-tests/smithy-protocol-test-traits -model ../../../shared/testdata/protocol-tests/smithy-validation-model
//go:generate go run ../../cmd/gen -skip-missing -protocol-tests -service com.amazonaws.glacier#Glacier -out glacier -model ../../../shared/testdata/protocol-tests/smithy-aws-protocol-tests/model -model ../../../shared/testdata/protocol-tests/smithy-aws-traits -model ../../../shared/testdata/protocol-tests/smithy-protocol-test-traits -model ../../../shared/testdata/protocol-tests/smithy-validation-model
//go:generate go run ../../cmd/gen -skip-missing -protocol-tests -service com.amazonaws.apigateway#BackplaneControlService -out apigateway -model ../../../shared/testdata/protocol-tests/smithy-aws-protocol-tests/model -model ../../../shared/testdata/protocol-tests/smithy-aws-traits -model ../../../shared/testdata/protocol-tests/smithy-protocol-test-traits -model ../../../shared/testdata/protocol-tests/smithy-validation-model
//go:generate go run ../../cmd/gen -skip-missing -protocol-tests -service aws.protocoltests.restjson.validation#RestJsonValidation -out validation -model ../../../shared/testdata/protocol-tests/smithy-aws-protocol-tests/model -model ../../../shared/testdata/protocol-tests/smithy-aws-traits -model ../../../shared/testdata/protocol-tests/smithy-protocol-test-traits -model ../../../shared/testdata/protocol-tests/smithy-validation-model
