// Package refdata holds the national reference data the product ships with: the 514
// kabupaten/kota (future tenants), the 31 elements of personal population data, and
// the national holidays and cuti bersama. The CSV files are embedded so that the
// migration generator and the tests read exactly what the database was loaded from.
package refdata

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"strconv"
)

//go:embed kabupaten-kota.csv
var regenciesCSV []byte

//go:embed elemen-data-kependudukan.csv
var elementsCSV []byte

//go:embed hari-libur-nasional.csv
var holidaysCSV []byte

// Regency is one kabupaten/kota: a tenant-to-be.
type Regency struct {
	Code         string // Kemendagri region code, e.g. "16.02"
	Name         string // "Kabupaten Ogan Komering Ilir"
	Kind         string // "kabupaten" or "kota"
	ProvinceCode string
	Province     string
	TimeZone     string // Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT)
}

// Element is one element of personal population data (UU 24/2013 Pasal 58(2)).
type Element struct {
	Code      string
	Letter    string // a … ee
	Name      string
	Protected bool // Pasal 84(1)
}

// Holiday is one national holiday or cuti bersama day.
type Holiday struct {
	Date string // YYYY-MM-DD
	Kind string // libur_nasional or cuti_bersama
	Name string
}

func readCSV(data []byte, columns int) ([][]string, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = columns
	rows, err := r.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("empty csv")
	}
	return rows[1:], nil // drop the header
}

// Regencies returns all 514 kabupaten/kota in file order.
func Regencies() ([]Regency, error) {
	rows, err := readCSV(regenciesCSV, 6)
	if err != nil {
		return nil, fmt.Errorf("kabupaten-kota.csv: %w", err)
	}
	out := make([]Regency, 0, len(rows))
	for _, r := range rows {
		out = append(out, Regency{Code: r[0], Name: r[1], Kind: r[2], ProvinceCode: r[3], Province: r[4], TimeZone: r[5]})
	}
	return out, nil
}

// Elements returns the 31 data elements in catalogue order (a … ee).
func Elements() ([]Element, error) {
	rows, err := readCSV(elementsCSV, 4)
	if err != nil {
		return nil, fmt.Errorf("elemen-data-kependudukan.csv: %w", err)
	}
	out := make([]Element, 0, len(rows))
	for _, r := range rows {
		p, err := strconv.ParseBool(r[3])
		if err != nil {
			return nil, fmt.Errorf("elemen-data-kependudukan.csv %s: %w", r[0], err)
		}
		out = append(out, Element{Code: r[0], Letter: r[1], Name: r[2], Protected: p})
	}
	return out, nil
}

// Holidays returns the national holidays and cuti bersama in date order.
func Holidays() ([]Holiday, error) {
	rows, err := readCSV(holidaysCSV, 3)
	if err != nil {
		return nil, fmt.Errorf("hari-libur-nasional.csv: %w", err)
	}
	out := make([]Holiday, 0, len(rows))
	for _, r := range rows {
		out = append(out, Holiday{Date: r[0], Kind: r[1], Name: r[2]})
	}
	return out, nil
}

// HolidaysCSV is the raw national holiday file, for packages that parse it themselves.
func HolidaysCSV() []byte { return holidaysCSV }
