// Package export writes tables as CSV or XLSX, row by row, so an export of any
// length is streamed in bounded memory: the CSV straight to the response, the
// XLSX through excelize's StreamWriter (which spills rows beyond 16 MB to a
// temporary file) and then zipped onto the response.
package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// Format is an export file format.
type Format string

const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
)

// ParseFormat accepts "csv" and "xlsx".
func ParseFormat(s string) (Format, bool) {
	switch Format(s) {
	case CSV, XLSX:
		return Format(s), true
	}
	return "", false
}

// ContentType is the format's media type.
func (f Format) ContentType() string {
	if f == XLSX {
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "text/csv; charset=utf-8"
}

// Writer takes a header, then rows of cells (string, int, int64 or float64), then Close.
type Writer interface {
	Header(columns []string) error
	Row(cells []any) error
	Close() error
}

// New returns a writer of format f onto w; sheet names the XLSX worksheet.
func New(f Format, w io.Writer, sheet string) (Writer, error) {
	if f == XLSX {
		return newXLSX(w, sheet)
	}
	return newCSV(w), nil
}

type csvWriter struct {
	buf *bufio.Writer
	w   *csv.Writer
	rec []string
}

func newCSV(w io.Writer) *csvWriter {
	buf := bufio.NewWriterSize(w, 64<<10)
	buf.WriteString("\ufeff") // a BOM, so Excel reads the UTF-8 names (Indonesian accents, en dashes) right
	return &csvWriter{buf: buf, w: csv.NewWriter(buf)}
}

func (c *csvWriter) Header(cols []string) error { return c.w.Write(cols) }

func (c *csvWriter) Row(cells []any) error {
	c.rec = c.rec[:0]
	for _, v := range cells {
		c.rec = append(c.rec, text(v))
	}
	return c.w.Write(c.rec)
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.buf.Flush()
}

type xlsxWriter struct {
	out  io.Writer
	file *excelize.File
	sw   *excelize.StreamWriter
	row  int
	bold int
}

func newXLSX(w io.Writer, sheet string) (*xlsxWriter, error) {
	f := excelize.NewFile()
	if sheet == "" {
		sheet = "Data"
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		f.Close()
		return nil, fmt.Errorf("xlsx sheet: %w", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("xlsx stream: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("xlsx style: %w", err)
	}
	return &xlsxWriter{out: w, file: f, sw: sw, bold: bold}, nil
}

func (x *xlsxWriter) Header(cols []string) error {
	cells := make([]any, len(cols))
	for i, c := range cols {
		cells[i] = excelize.Cell{StyleID: x.bold, Value: c}
	}
	if err := x.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return x.next(cells)
}

func (x *xlsxWriter) Row(cells []any) error { return x.next(cells) }

func (x *xlsxWriter) next(cells []any) error {
	x.row++
	cell, err := excelize.CoordinatesToCellName(1, x.row)
	if err != nil {
		return err
	}
	return x.sw.SetRow(cell, cells)
}

func (x *xlsxWriter) Close() error {
	defer x.file.Close() // removes the temporary files
	if err := x.sw.Flush(); err != nil {
		return fmt.Errorf("xlsx flush: %w", err)
	}
	if err := x.file.Write(x.out); err != nil {
		return fmt.Errorf("xlsx write: %w", err)
	}
	return nil
}

func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return ""
	default:
		return fmt.Sprint(x)
	}
}
