// Package outpostsfake is an in-memory AWS Outposts for tests: a *Fake has
// one method per operation of the service, with the input and output types
// of the generated client in package
// github.com/smithygo/smithygo/generated/outposts, and keeps consistent
// state across all 33 operations.
//
// # What it keeps
//
//   - Sites and Outposts: created, read, listed, updated and deleted. A new
//     Outpost is ACTIVE and comes with the hosts of a starter catalog item
//     installed (two m5 hosts for a RACK, one c6id host for a SERVER), each
//     with its instance slots set up and four instances running, so that
//     capacity tasks can be tried at once.
//   - A fixed hardware catalog of eight items (six racks, two servers; one
//     DISCONTINUED).
//   - Orders, whose line items move PREPARING, BUILDING, SHIPPED, DELIVERED,
//     INSTALLING, INSTALLED, one status per step; a COMPLETED order's hosts
//     join its Outpost. CancelOrder works until the items ship.
//   - Assets (hosts), the instances on them, and server connections.
//   - Tags on Outposts and sites, by ARN
//     (arn:aws:outposts:REGION:ACCOUNT:outpost/op-... and .../site/os-...).
//   - Capacity tasks with their whole lifecycle; see StartCapacityTask.
//
// # Time
//
// Nothing moves by itself: tasks and orders take one lifecycle step per
// step duration (WithStep, two seconds by default) of the fake's clock,
// which only Advance moves (or RunClock, which calls Advance as real time
// passes). Dates in responses come from that clock, which
// starts at a fixed instant (WithStartTime), so responses (but for the
// values of NextToken) are the same on every run.
//
// # Errors
//
// Every method first checks its input with the generated Validate, so the
// fake rejects exactly what the model forbids, as *types.ValidationException
// with the violations in its message. IDs or ARNs that name nothing are
// *types.NotFoundException; calls that clash with the state (a second
// active capacity task on an Outpost, deleting an Outpost with an order in
// progress or a site that has Outposts, cancelling a finished task) are
// *types.ConflictException; going over Quotas is
// *types.ServiceQuotaExceededException. A cancelled context returns its
// error. InjectError makes an operation return any error once, for the
// errors the fake never makes by itself (AccessDeniedException,
// InternalServerException).
//
// # Options
//
// New takes WithAccountID and WithRegion (which appear in ARNs, owner IDs
// and Availability Zones), WithStep and WithStartTime (the clock),
// WithEvacuationTimeout (how long a task waits for blocking instances,
// 48 hours by default), WithQuotas, and WithFailNextCapacityTask and
// WithBlockNextCapacityTask, which do at construction what the methods
// FailNextCapacityTask and BlockNextCapacityTask do later: make the next
// capacity task fail with a given Failed.Type, or find a running instance
// in its way. StopInstance stops an instance, as an evacuation would.
//
// The package example shows a capacity task from StartCapacityTask to
// COMPLETED.
//
// # Lists
//
// List operations return items in the order they were made, at most
// MaxResults (1 to 1000, DefaultPageSize when absent) a page, with an
// opaque NextToken while more remain. A token is good only for the same
// operation and filters on the same Fake; anything else is a
// ValidationException.
//
// # Serving it over HTTP
//
// *Fake implements the Service interface of the generated package
// github.com/smithygo/smithygo/generated/outposts/server (cmd/gen -server),
// whose NewHandler serves any Service as the restJson1 protocol. Server
// returns an httptest.Server running that handler over the fake, for a
// client pointed at its URL (outposts.Options.BaseEndpoint): requests then
// go through the real wire format, the handler validates them before the
// fake sees them, and the fake's errors come back as the model's typed
// errors with their HTTP status codes. The command cmd/outposts-fake
// serves a Fake on a TCP address, its clock moved in real time by
// RunClock, for the AWS CLI's --endpoint-url and other clients.
package outpostsfake
