package letters

import (
	"reflect"
	"sync"
	"unsafe"

	"github.com/go-pdf/fpdf"
)

// Fonts parsed once per process (issue 14). fpdf parses a TrueType font, and
// hashes its whole definition through encoding/json for an ID, every time a
// document adds it: a third of a letter's CPU, three fonts per letter. fpdf
// (v0.9.0, archived) has no API to share a parsed font, so the parsed
// definitions of one prototype document are copied into each new document's
// font table by reflection.
//
// Why the copy is safe to use concurrently: while a document is laid out, fpdf
// only reads a font definition (the widths Cw, the descriptor) and marks the
// runes it used in the definition's usedRunes map, which each copy gets afresh.
// At output, GenerateCutFont subsets the font on the definition's parsed-file
// struct: it replaces (never mutates) every map and slice it touches and moves
// its reader's position, so each copy gets its own parsed-file struct and
// reader over the same (read-only) embedded bytes. TestCachedFontsGiveTheSame
// Bytes proves the output is byte-identical to a freshly parsed font, letter
// by letter and concurrently; should a future fpdf lay out its fields
// differently, cloneFonts reports failure and the fonts are parsed as before.

var fontPrototype = sync.OnceValue(func() *fpdf.Fpdf {
	f := fpdf.New("P", "mm", "A4", "")
	addFontsParsed(f)
	if f.Err() {
		return nil
	}
	return f
})

// fontCopyOff makes every document parse its fonts (tests compare the two).
var fontCopyOff bool

// addFonts gives f the three Liberation Serif styles, copied from the
// prototype when possible.
func addFonts(f *fpdf.Fpdf) {
	if p := fontPrototype(); p != nil && !fontCopyOff && cloneFonts(p, f) {
		return
	}
	addFontsParsed(f)
}

// addFontsParsed parses the embedded fonts into f (fpdf's own way).
func addFontsParsed(f *fpdf.Fpdf) {
	f.AddUTF8FontFromBytes(family, "", fontRegular)
	f.AddUTF8FontFromBytes(family, "B", fontBold)
	f.AddUTF8FontFromBytes(family, "I", fontItalic)
}

// cloneFonts copies every font definition of src into dst, each with its own
// usedRunes map and parsed-file struct (with its own reader). It reports
// whether fpdf's fields were where it expects; dst is unchanged otherwise.
func cloneFonts(src, dst *fpdf.Fpdf) bool {
	from, ok := unexported(reflect.ValueOf(src).Elem(), "fonts", reflect.Map)
	if !ok {
		return false
	}
	to, ok := unexported(reflect.ValueOf(dst).Elem(), "fonts", reflect.Map)
	if !ok || to.Type() != from.Type() || from.Type().Elem().Kind() != reflect.Struct {
		return false
	}
	type entry struct{ key, def reflect.Value }
	var out []entry
	iter := from.MapRange()
	for iter.Next() {
		def := reflect.New(from.Type().Elem()).Elem()
		def.Set(iter.Value())
		file, ok := unexported(def, "utf8File", reflect.Pointer)
		if !ok || file.IsNil() || file.Type().Elem().Kind() != reflect.Struct {
			return false
		}
		fileCopy := reflect.New(file.Type().Elem())
		fileCopy.Elem().Set(file.Elem())
		reader, ok := unexported(fileCopy.Elem(), "fileReader", reflect.Pointer)
		if !ok || reader.IsNil() {
			return false
		}
		readerCopy := reflect.New(reader.Type().Elem())
		readerCopy.Elem().Set(reader.Elem())
		reader.Set(readerCopy)
		file.Set(fileCopy)
		used, ok := unexported(def, "usedRunes", reflect.Map)
		if !ok {
			return false
		}
		usedCopy := reflect.MakeMapWithSize(used.Type(), used.Len())
		for it := used.MapRange(); it.Next(); {
			usedCopy.SetMapIndex(it.Key(), it.Value())
		}
		used.Set(usedCopy)
		out = append(out, entry{iter.Key(), def})
	}
	if len(out) == 0 {
		return false
	}
	for _, e := range out {
		to.SetMapIndex(e.key, e.def)
	}
	return true
}

// unexported returns the named field of the addressable struct v as a settable
// value, if it exists with the expected kind.
func unexported(v reflect.Value, name string, kind reflect.Kind) (reflect.Value, bool) {
	f := v.FieldByName(name)
	if !f.IsValid() || f.Kind() != kind || !f.CanAddr() {
		return reflect.Value{}, false
	}
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem(), true
}
