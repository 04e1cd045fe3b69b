package outpostsfake

import (
	"slices"
	"strconv"
	"strings"

	"github.com/smithygo/smithygo/generated/outposts/types"
)

// The hardware the fake knows: EC2 instance families with their sizes, and
// a fixed catalog of rack and server configurations built from them. The
// figures are plausible, not a copy of any real price list.

// family is an EC2 instance family that Outposts hardware can host.
type family struct {
	name  string
	sizes []instanceSize // smallest first
}

type instanceSize struct {
	name  string // "large", "xlarge", ...
	vcpus int32
}

var families = map[string]family{
	"m5":   {"m5", standardSizes},
	"c5":   {"c5", standardSizes},
	"r5":   {"r5", standardSizes},
	"c6id": {"c6id", serverSizes},
	"c6gd": {"c6gd", serverSizes},
}

var standardSizes = []instanceSize{
	{"large", 2}, {"xlarge", 4}, {"2xlarge", 8}, {"4xlarge", 16}, {"12xlarge", 48}, {"24xlarge", 96},
}

var serverSizes = []instanceSize{
	{"large", 2}, {"xlarge", 4}, {"2xlarge", 8}, {"4xlarge", 16}, {"8xlarge", 32}, {"16xlarge", 64},
}

// hostVcpus is how many vCPUs one host of each family has.
var hostVcpus = map[string]int32{"m5": 96, "c5": 96, "r5": 96, "c6id": 64, "c6gd": 64}

// instanceVcpus returns the vCPUs of an instance type such as "m5.xlarge",
// and whether the fake knows the type.
func instanceVcpus(instanceType string) (int32, bool) {
	fam, size, ok := strings.Cut(instanceType, ".")
	if !ok {
		return 0, false
	}
	for _, s := range families[fam].sizes {
		if s.name == size {
			return s.vcpus, true
		}
	}
	return 0, false
}

// familyTypes returns the instance types of a family that fit on one of its
// hosts, smallest first.
func familyTypes(fam string) []string {
	var out []string
	for _, s := range families[fam].sizes {
		if s.vcpus <= hostVcpus[fam] {
			out = append(out, fam+"."+s.name)
		}
	}
	return out
}

// defaultSlots is how a new host of a family is split into instance slots:
// the same vCPUs in four sizes, so that capacity tasks have something to
// rearrange.
func defaultSlots(fam string) []types.AssetInstanceTypeCapacity {
	sz := families[fam].sizes
	// 8 x large + 4 x xlarge + 2 x 2xlarge use 48 vCPUs; 4xlarge slots
	// (16 vCPUs each) fill the rest of the host.
	rest := (hostVcpus[fam] - 48) / sz[3].vcpus
	return []types.AssetInstanceTypeCapacity{
		{InstanceType: ptr(fam + "." + sz[0].name), Count: 8},
		{InstanceType: ptr(fam + "." + sz[1].name), Count: 4},
		{InstanceType: ptr(fam + "." + sz[2].name), Count: 2},
		{InstanceType: ptr(fam + "." + sz[3].name), Count: rest},
	}
}

// catalogEntry is one item of the hardware catalog.
type catalogEntry struct {
	seq      uint64
	id       string
	class    types.CatalogItemClass
	status   types.CatalogItemStatus
	hosts    []string // the family of each host the item ships
	powerKva float32
	weight   int32
	uplinks  []int32
	storage  []types.SupportedStorageEnum
}

// seedCatalog returns the fixed catalog, in the order ListCatalogItems
// shows it.
func seedCatalog() []catalogEntry {
	ebs := []types.SupportedStorageEnum{types.SupportedStorageEnumEbs}
	ebsS3 := []types.SupportedStorageEnum{types.SupportedStorageEnumEbs, types.SupportedStorageEnumS3}
	rackUplinks := []int32{1, 10, 40, 100}
	items := []catalogEntry{
		{id: "OR-M5R2H01", class: types.CatalogItemClassRack, hosts: []string{"m5", "m5"}, powerKva: 5, weight: 1100, uplinks: rackUplinks, storage: ebs},
		{id: "OR-M5R4H02", class: types.CatalogItemClassRack, hosts: []string{"m5", "m5", "m5", "m5"}, powerKva: 10, weight: 1550, uplinks: rackUplinks, storage: ebsS3},
		{id: "OR-C5R3H01", class: types.CatalogItemClassRack, hosts: []string{"c5", "c5", "c5"}, powerKva: 10, weight: 1400, uplinks: rackUplinks, storage: ebs},
		{id: "OR-R5R2H01", class: types.CatalogItemClassRack, hosts: []string{"r5", "r5"}, powerKva: 5, weight: 1150, uplinks: rackUplinks, storage: ebsS3},
		{id: "OR-MXR6H01", class: types.CatalogItemClassRack, hosts: []string{"m5", "m5", "c5", "c5", "r5", "r5"}, powerKva: 15, weight: 1900, uplinks: []int32{10, 40, 100}, storage: ebsS3},
		{id: "OR-M4R2H01", class: types.CatalogItemClassRack, status: types.CatalogItemStatusDiscontinued, hosts: []string{"m5", "m5"}, powerKva: 5, weight: 1250, uplinks: []int32{1, 10}, storage: ebs},
		{id: "OR-C6S2U01", class: types.CatalogItemClassServer, hosts: []string{"c6id"}, powerKva: 1.2, weight: 70, uplinks: []int32{10}, storage: nil},
		{id: "OR-C6S1U01", class: types.CatalogItemClassServer, hosts: []string{"c6gd"}, powerKva: 0.8, weight: 35, uplinks: []int32{10}, storage: nil},
	}
	for i := range items {
		items[i].seq = uint64(i + 1)
		if items[i].status == "" {
			items[i].status = types.CatalogItemStatusAvailable
		}
	}
	return items
}

// families returns the distinct families of the item's hosts, in order.
func (c *catalogEntry) families() []string {
	var out []string
	for _, h := range c.hosts {
		if !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	return out
}

// item is the catalog entry as the API shows it.
func (c *catalogEntry) item() types.CatalogItem {
	it := types.CatalogItem{
		CatalogItemId:       ptr(c.id),
		ItemStatus:          c.status,
		PowerKva:            ptr(c.powerKva),
		WeightLbs:           ptr(c.weight),
		SupportedUplinkGbps: slices.Clone(c.uplinks),
		SupportedStorage:    slices.Clone(c.storage),
	}
	for _, fam := range c.families() {
		n := 0
		for _, h := range c.hosts {
			if h == fam {
				n++
			}
		}
		fit := familyTypes(fam)
		_, largest, _ := strings.Cut(fit[len(fit)-1], ".")
		it.EC2Capacities = append(it.EC2Capacities, types.EC2Capacity{
			Family: ptr(fam), MaxSize: ptr(largest), Quantity: ptr(strconv.Itoa(n)),
		})
	}
	return it
}

// hardwareClass is the catalog class that fits an Outpost's hardware type.
func hardwareClass(hw types.SupportedHardwareType) types.CatalogItemClass {
	if hw == types.SupportedHardwareTypeServer {
		return types.CatalogItemClassServer
	}
	return types.CatalogItemClassRack
}

// starterItem is the catalog item whose hardware a new Outpost of the given
// hardware type comes installed with.
func starterItem(hw types.SupportedHardwareType) string {
	if hw == types.SupportedHardwareTypeServer {
		return "OR-C6S2U01"
	}
	return "OR-M5R2H01"
}
