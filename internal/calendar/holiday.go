package calendar

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// HolidayKind says where a non-working day comes from. All three close the office
// (domain notes §3: offices are closed on cuti bersama); a tenant whose direct-service
// unit opens on cuti bersama leaves those days out when it builds its Calendar.
type HolidayKind string

const (
	LiburNasional HolidayKind = "libur_nasional" // national holiday (SKB 3 Menteri)
	CutiBersama   HolidayKind = "cuti_bersama"   // joint leave day (SKB 3 Menteri; Keppres for ASN)
	Lokal         HolidayKind = "lokal"          // the tenant's own local holiday
)

// Valid reports whether k is one of the three known kinds.
func (k HolidayKind) Valid() bool {
	return k == LiburNasional || k == CutiBersama || k == Lokal
}

// Holiday is one non-working date.
type Holiday struct {
	Date Date
	Kind HolidayKind
	Name string
}

// ParseError is a problem in one line of a holiday CSV. Its message is in Bahasa
// Indonesia because the admin who uploads the file is the one who reads it.
type ParseError struct {
	Line int // 1-based line in the file
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("baris %d: %s", e.Line, e.Msg) }

// nationalHeader is the header of shared/data/hari-libur-nasional.csv.
var nationalHeader = []string{"tanggal", "jenis", "keterangan"}

// ParseNationalCSV reads the national holiday list in the format of
// hari-libur-nasional.csv: a header "tanggal,jenis,keterangan", then one line per
// date with jenis libur_nasional or cuti_bersama and a non-empty keterangan.
// Holidays are returned in file order. Errors are *ParseError naming the line.
//
// A date listed twice is refused rather than merged: in an SKB list that is almost
// always a typo for a neighbouring date, and silently keeping one would hide it.
// Local holidays (lokal) are refused too: they belong to one tenant, not the national list.
func ParseNationalCSV(r io.Reader) ([]Holiday, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // checked here, to say which line and what is wrong
	cr.TrimLeadingSpace = true

	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &ParseError{Line: 1, Msg: "berkas kosong; baris pertama harus tanggal,jenis,keterangan"}
	}
	if err != nil {
		return nil, csvError(err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\uFEFF") // spreadsheet exports add a BOM
	}
	if !sameHeader(header) {
		return nil, &ParseError{Line: 1, Msg: fmt.Sprintf("kepala kolom %q, seharusnya tanggal,jenis,keterangan", strings.Join(header, ","))}
	}

	var out []Holiday
	firstLine := map[Date]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != 3 {
			return nil, &ParseError{Line: line, Msg: fmt.Sprintf("ada %d kolom, seharusnya 3 (tanggal,jenis,keterangan)", len(rec))}
		}
		date, err := ParseDate(strings.TrimSpace(rec[0]))
		if err != nil {
			return nil, &ParseError{Line: line, Msg: err.Error()}
		}
		kind := HolidayKind(strings.TrimSpace(rec[1]))
		switch kind {
		case LiburNasional, CutiBersama:
		case Lokal:
			return nil, &ParseError{Line: line, Msg: "jenis lokal tidak termasuk daftar nasional; hari libur daerah diisi per tenant"}
		default:
			return nil, &ParseError{Line: line, Msg: fmt.Sprintf("jenis %q tidak dikenal, harus libur_nasional atau cuti_bersama", rec[1])}
		}
		name := strings.TrimSpace(rec[2])
		if name == "" {
			return nil, &ParseError{Line: line, Msg: "keterangan kosong"}
		}
		if prev, dup := firstLine[date]; dup {
			return nil, &ParseError{Line: line, Msg: fmt.Sprintf("tanggal %s sudah ada di baris %d; gabungkan keterangannya dalam satu baris", date, prev)}
		}
		firstLine[date] = line
		out = append(out, Holiday{Date: date, Kind: kind, Name: name})
	}
}

func sameHeader(h []string) bool {
	if len(h) != len(nationalHeader) {
		return false
	}
	for i, want := range nationalHeader {
		if !strings.EqualFold(strings.TrimSpace(h[i]), want) {
			return false
		}
	}
	return true
}

// csvError turns encoding/csv's error (quoting problems) into a ParseError with its line.
func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{Line: pe.Line, Msg: pe.Err.Error()}
	}
	return err
}
