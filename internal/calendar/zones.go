package calendar

import (
	"sync"
	"time"
)

// Indonesia's three time zones (WIB, WITA, WIT), by IANA name, with their fixed
// offsets for machines without zone data (Indonesia keeps no daylight saving).
var indonesianZones = map[string]struct {
	abbr   string
	offset int
}{
	"Asia/Jakarta":  {"WIB", 7},
	"Asia/Makassar": {"WITA", 8},
	"Asia/Jayapura": {"WIT", 9},
}

var zoneCache sync.Map // name → *time.Location

// Zone is the location of an IANA zone name, loaded once per name and process
// (time.LoadLocation reads the zone database on every call). An empty or unknown
// name is WIB, the zone of the national screens.
func Zone(name string) *time.Location {
	if loc, ok := zoneCache.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "" {
		if z, ok := indonesianZones[name]; ok {
			loc = time.FixedZone(name, z.offset*3600)
		} else {
			loc = WIB
		}
	}
	zoneCache.Store(name, loc)
	return loc
}

// WIB is Asia/Jakarta.
var WIB = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		return time.FixedZone("Asia/Jakarta", 7*3600)
	}
	return loc
}()

// ZoneAbbr is the Indonesian abbreviation of a zone name ("WIB", "WITA",
// "WIT"), or "" for another zone.
func ZoneAbbr(name string) string {
	return indonesianZones[name].abbr
}
