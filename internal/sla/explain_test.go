package sla

import (
	"strings"
	"testing"

	"github.com/hakakses/hakakses/internal/workflow"
)

func TestExplanationSaysWhatTheTwoDaysCoverAndWhatTheyDoNot(t *testing.T) {
	e := Explain(2, "07:30", "16:00", "WITA")
	text := e.Text()
	for _, want := range []string{
		"2 hari kerja untuk setiap langkah yang dikerjakan Disdukcapil",
		"verifikasi permohonan dan penerusan kepada Dirjen Dukcapil",
		"penyusunan draf PKS dan Petunjuk Teknis",
		"pengiriman permohonan akses DWH",
		"penyerahan User ID",
		"waktu menunggu lembaga",
		"waktu menunggu keputusan Direktur Jenderal Dukcapil",
		"libur daerah",
		"pukul 07:30–16:00 WITA",
		"hari kerja ke-2",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("explanation lacks %q:\n%s", want, text)
		}
	}
	if len(e.Steps) != len(workflow.Clocks) {
		t.Errorf("%d steps explained, but %d clocks run", len(e.Steps), len(workflow.Clocks))
	}
	if got := Explain(0, "08:00", "15:00", "WIT").Headline; !strings.HasPrefix(got, "2 hari kerja") {
		t.Errorf("a zero target is explained as %q, want the default of 2", got)
	}
	if got := Explain(5, "08:00", "15:00", "WIT").Hours; !strings.Contains(got, "hari kerja ke-5") || !strings.Contains(got, "15:00 WIT") {
		t.Errorf("hours = %q", got)
	}
}
