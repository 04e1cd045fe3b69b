package outpostsfake

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/smithygo/smithygo/generated/outposts/types"
)

// Defaults of the options.
const (
	DefaultAccountID         = "111122223333"
	DefaultRegion            = "us-west-2"
	DefaultStep              = 2 * time.Second
	DefaultEvacuationTimeout = 48 * time.Hour
	DefaultPageSize          = 100
)

// defaultStart is where the fake's clock starts: a fixed instant, so that
// the dates in responses are the same on every run.
var defaultStart = time.Date(2026, time.January, 5, 9, 0, 0, 0, time.UTC)

// Fake is an in-memory AWS Outposts. It has one method per operation of the
// service, with the generated client's input and output types; every method
// is safe for concurrent use. Capacity tasks and orders move through their
// lifecycles only when the clock moves: see Advance.
type Fake struct {
	mu sync.Mutex

	cfg    config
	now    time.Time
	seq    uint64   // the last sequence number given out; lists show things in its order
	secret [16]byte // keys the pagination tokens of this fake

	sites        map[string]*site
	outposts     map[string]*outpost
	orders       map[string]*order
	assets       map[string]*asset // by asset ID, across Outposts
	instances    map[string]*instance
	tasks        map[string]*capacityTask
	connections  map[string]*connection
	catalog      []catalogEntry
	catalogIndex map[string]*catalogEntry

	nextFailure *failurePlan       // set by FailNextCapacityTask
	nextBlock   bool               // set by BlockNextCapacityTask
	injected    map[string][]error // by InjectError, by operation
}

// config is what the options set.
type config struct {
	accountID         string
	region            string
	step              time.Duration
	evacuationTimeout time.Duration
	start             time.Time
	quotas            Quotas
	failure           *failurePlan
	block             bool
}

// Quotas are the account limits beyond which the Create operations return
// *types.ServiceQuotaExceededException.
type Quotas struct {
	// Sites is the most sites the account may have (default 1000).
	Sites int
	// Outposts is the most Outposts the account may have (default 1000).
	Outposts int
	// ActiveOrdersPerOutpost is the most orders not yet completed,
	// cancelled or in error that one Outpost may have (default 10).
	ActiveOrdersPerOutpost int
	// HostsPerOrder is the most hosts one order may ship, over all its line
	// items (default 100). The model bounds no quantity, and the fake makes
	// a host for each; this keeps one request from exhausting its memory.
	HostsPerOrder int
}

// Option configures a Fake made by New.
type Option func(*config)

// WithAccountID sets the 12-digit AWS account that owns everything the fake
// creates (default DefaultAccountID). It appears in ARNs and owner fields.
// New panics if id is not 12 digits.
func WithAccountID(id string) Option { return func(c *config) { c.accountID = id } }

// WithRegion sets the region named in ARNs and Availability Zones (default
// DefaultRegion). New panics if region is not of the form "us-west-2".
func WithRegion(region string) Option { return func(c *config) { c.region = region } }

// WithStep sets how long one lifecycle step of a capacity task or an order
// takes on the fake's clock (default DefaultStep, two seconds). New panics if
// d is not positive.
func WithStep(d time.Duration) Option { return func(c *config) { c.step = d } }

// WithEvacuationTimeout sets how long a capacity task waits in
// WAITING_FOR_EVACUATION for its blocking instances to stop before it fails
// with BLOCKING_INSTANCES_NOT_EVACUATED (default DefaultEvacuationTimeout,
// 48 hours, as the service documents).
func WithEvacuationTimeout(d time.Duration) Option {
	return func(c *config) { c.evacuationTimeout = d }
}

// WithStartTime sets the instant the fake's clock starts at (default
// 2026-01-05T09:00:00Z).
func WithStartTime(t time.Time) Option { return func(c *config) { c.start = t.UTC() } }

// WithQuotas replaces the account limits; zero fields keep their defaults.
func WithQuotas(q Quotas) Option { return func(c *config) { c.quotas = q } }

// WithFailNextCapacityTask makes the first capacity task started on the fake
// fail, as FailNextCapacityTask does; it panics if typ is not a value of the
// model's CapacityTaskFailureType.
func WithFailNextCapacityTask(typ types.CapacityTaskFailureType, reason string) Option {
	checkFailureType(typ)
	return func(c *config) { c.failure = &failurePlan{typ: typ, reason: reason} }
}

func checkFailureType(typ types.CapacityTaskFailureType) {
	if !typ.IsKnown() {
		panic(fmt.Sprintf("outpostsfake: %q is not a CapacityTaskFailureType", typ))
	}
}

// WithBlockNextCapacityTask makes the first capacity task started on the
// fake blocked by a running instance, as BlockNextCapacityTask does.
func WithBlockNextCapacityTask() Option { return func(c *config) { c.block = true } }

var (
	accountIDPattern = regexp.MustCompile(`^\d{12}$`)
	// At most three dashed parts before the zone letter, as the model's
	// AvailabilityZone pattern allows.
	regionPattern = regexp.MustCompile(`^[a-z]{2}(-[a-z]+){1,2}-\d$`)
)

// New returns an empty fake (no sites, Outposts or orders) with the fixed
// hardware catalog, configured by opts.
func New(opts ...Option) *Fake {
	c := config{
		accountID:         DefaultAccountID,
		region:            DefaultRegion,
		step:              DefaultStep,
		evacuationTimeout: DefaultEvacuationTimeout,
		start:             defaultStart,
	}
	for _, o := range opts {
		o(&c)
	}
	if !accountIDPattern.MatchString(c.accountID) {
		panic(fmt.Sprintf("outpostsfake: account ID %q is not 12 digits", c.accountID))
	}
	if !regionPattern.MatchString(c.region) {
		panic(fmt.Sprintf("outpostsfake: region %q is not of the form us-west-2", c.region))
	}
	if c.step <= 0 {
		panic(fmt.Sprintf("outpostsfake: step %v is not positive", c.step))
	}
	if c.evacuationTimeout <= 0 {
		panic(fmt.Sprintf("outpostsfake: evacuation timeout %v is not positive", c.evacuationTimeout))
	}
	if c.quotas.Sites <= 0 {
		c.quotas.Sites = 1000
	}
	if c.quotas.Outposts <= 0 {
		c.quotas.Outposts = 1000
	}
	if c.quotas.ActiveOrdersPerOutpost <= 0 {
		c.quotas.ActiveOrdersPerOutpost = 10
	}
	if c.quotas.HostsPerOrder <= 0 {
		c.quotas.HostsPerOrder = 100
	}
	f := &Fake{
		cfg:         c,
		now:         c.start,
		sites:       map[string]*site{},
		outposts:    map[string]*outpost{},
		orders:      map[string]*order{},
		assets:      map[string]*asset{},
		instances:   map[string]*instance{},
		tasks:       map[string]*capacityTask{},
		connections: map[string]*connection{},
		nextFailure: c.failure,
		nextBlock:   c.block,
	}
	if _, err := rand.Read(f.secret[:]); err != nil {
		panic("outpostsfake: " + err.Error())
	}
	f.catalog = seedCatalog()
	f.catalogIndex = map[string]*catalogEntry{}
	for i := range f.catalog {
		f.catalogIndex[f.catalog[i].id] = &f.catalog[i]
	}
	return f
}

// Now returns the fake's clock: the start time plus everything Advance
// added.
func (f *Fake) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// Advance moves the fake's clock forward by d and runs every lifecycle step
// that falls due: each capacity task and each order takes one step per step
// duration (WithStep) since its last one. Steps fall due in time order, and
// a response made after Advance returns shows their results.
func (f *Fake) Advance(d time.Duration) {
	if d < 0 {
		panic(fmt.Sprintf("outpostsfake: Advance(%v): the clock only moves forward", d))
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
	f.runDueSteps()
}

// RunClock moves the fake's clock with real time until ctx is done: at
// every step duration of wall-clock time it advances the clock by the time
// that has passed. It is for a fake that clients use in real time, such as
// a server for other processes (start the fake WithStartTime(time.Now())
// so that its dates are current); tests call Advance instead.
func (f *Fake) RunClock(ctx context.Context) {
	tick := time.NewTicker(f.cfg.step)
	defer tick.Stop()
	last := time.Now()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			f.Advance(now.Sub(last))
			last = now
		}
	}
}

// FailNextCapacityTask makes the next capacity task started (not a dry run)
// fail with the given type and reason when it leaves IN_PROGRESS, whatever
// its pools. An empty reason is replaced by one that names the type, and
// one longer than the model's 128 characters is cut. It panics if typ is
// not a value of the model's CapacityTaskFailureType.
func (f *Fake) FailNextCapacityTask(typ types.CapacityTaskFailureType, reason string) {
	checkFailureType(typ)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextFailure = &failurePlan{typ: typ, reason: reason}
}

// BlockNextCapacityTask makes the next capacity task started (not a dry run)
// find one more blocking instance than its pools call for: the first running
// instance on its assets that InstancesToExclude does not name, if there is
// one. The task then waits or fails as its TaskActionOnBlockingInstances
// says, until StopInstance stops the instances that block it.
func (f *Fake) BlockNextCapacityTask() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextBlock = true
}

// StopInstance stops (terminates) a running instance on an Outpost, as its
// owner would to evacuate it for a capacity task. It reports whether the
// instance was running.
func (f *Fake) StopInstance(instanceID string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.instances[instanceID]; !ok {
		return false
	}
	delete(f.instances, instanceID)
	return true
}

// begin checks the context, returns an error InjectError queued for the
// operation, checks the input against the model's constraints (with the
// generated Validate, so the fake rejects exactly what the client would),
// and locks the fake. Every operation starts with it and, when it returns
// nil, unlocks the fake when it is done.
func (f *Fake) begin(ctx context.Context, in interface{ Validate() error }) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	if len(f.injected) > 0 {
		op := strings.TrimSuffix(reflect.TypeOf(in).Elem().Name(), "Input")
		if errs := f.injected[op]; len(errs) > 0 {
			f.injected[op] = errs[1:]
			f.mu.Unlock()
			return errs[0]
		}
	}
	f.mu.Unlock()
	if err := in.Validate(); err != nil {
		return validationError(err.Error())
	}
	f.mu.Lock()
	return nil
}

// InjectError makes the next call of the named operation (such as
// "GetCapacityTask") return err instead of doing anything, before its input
// is checked; calls to inject more errors queue them. It is for the errors
// the fake never makes by itself, such as *types.AccessDeniedException and
// *types.InternalServerException, or any other a test wants to see handled;
// for a faithful fake, inject only errors the model lists for the
// operation. InjectError panics if the fake has no such operation.
func (f *Fake) InjectError(operation string, err error) {
	if m, ok := reflect.TypeFor[*Fake]().MethodByName(operation); !ok ||
		m.Type.NumIn() != 3 || m.Type.In(2).Elem().Name() != operation+"Input" {
		panic(fmt.Sprintf("outpostsfake: InjectError: no operation %q", operation))
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.injected == nil {
		f.injected = map[string][]error{}
	}
	f.injected[operation] = append(f.injected[operation], err)
}

// nextSeq returns a new sequence number: the order in which things were
// made, which is the order lists show them in.
func (f *Fake) nextSeq() uint64 {
	f.seq++
	return f.seq
}

// newID returns prefix followed by 17 lowercase hex digits, as the model's
// ID patterns (op-, os-, oo-, ooi-, cap-, i-) ask: one digit from the
// account, then a fresh sequence number through a bijective mix (so IDs
// look random but never repeat in a fake, and are the same from run to
// run).
func (f *Fake) newID(prefix string) string {
	h := sha256.Sum256([]byte(f.cfg.accountID))
	salt := binary.BigEndian.Uint64(h[:8])
	// Multiplying by an odd constant, xoring with a constant and xoring
	// with a right shift of itself are each one-to-one on 64 bits.
	x := f.nextSeq()*0x9e3779b97f4a7c15 ^ salt
	x ^= x >> 29
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 32
	return fmt.Sprintf("%s%x%016x", prefix, h[8]&0xf, x)
}

// newAssetID returns a new asset ID: 17 hex digits, which match the
// model's AssetId pattern ^(\w+)$.
func (f *Fake) newAssetID() string { return f.newID("") }

// partition is the ARN partition of the fake's region.
func (f *Fake) partition() string {
	switch {
	case strings.HasPrefix(f.cfg.region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(f.cfg.region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}

// arn returns the ARN of a resource of the fake, such as
// arn:aws:outposts:us-west-2:111122223333:outpost/op-0123456789abcdef0.
func (f *Fake) arn(resourceType, id string) string {
	return "arn:" + f.partition() + ":outposts:" + f.cfg.region + ":" + f.cfg.accountID + ":" + resourceType + "/" + id
}

// resolveID turns an identifier that is an ID or an ARN of the given
// resource type into the ID. An ARN of another partition, region, account
// or resource type resolves to "", which no resource has.
func (f *Fake) resolveID(identifier, resourceType string) string {
	if !strings.HasPrefix(identifier, "arn:") {
		return identifier
	}
	prefix := f.arn(resourceType, "")
	if id, ok := strings.CutPrefix(identifier, prefix); ok {
		return id
	}
	return ""
}

// Errors. The messages keep to the model's Message pattern ^[\S \n]+$ and
// its length 1 to 1000.

func notFound(format string, args ...any) error {
	return &types.NotFoundException{Message: ptr(message(fmt.Sprintf(format, args...)))}
}

func validationError(msg string) error {
	return &types.ValidationException{Message: ptr(message(msg))}
}

func validationErrorf(format string, args ...any) error {
	return validationError(fmt.Sprintf(format, args...))
}

func conflict(resourceType types.ResourceType, resourceID, format string, args ...any) error {
	e := &types.ConflictException{Message: ptr(message(fmt.Sprintf(format, args...))), ResourceType: resourceType}
	if resourceID != "" {
		e.ResourceId = ptr(resourceID)
	}
	return e
}

func quotaExceeded(format string, args ...any) error {
	return &types.ServiceQuotaExceededException{Message: ptr(message(fmt.Sprintf(format, args...)))}
}

// message makes s fit the model's error Message shape: tabs, carriage
// returns and other control characters become spaces, and it is cut to
// 1000 characters.
func message(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == ' ' || (r > ' ' && r != 0x7f && !isSpace(r)) {
			return r
		}
		return ' '
	}, s)
	if r := []rune(s); len(r) > 1000 {
		s = string(r[:1000])
	}
	if strings.TrimSpace(s) == "" {
		s = "error"
	}
	return s
}

// isSpace reports whether r is white space other than ' ' and '\n' (which
// \S excludes in ECMAScript).
func isSpace(r rune) bool {
	switch r {
	case '\t', '\v', '\f', '\r', 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

func ptr[T any](v T) *T { return &v }
