package server_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// "Pratinjau PDF" in the PKS/Juknis editor renders the text as posted, edits
// included, marked as an unsaved preview, and changes nothing: no version, no
// document, no letter number, no history entry, the same application version.
func TestAgreementPreviewChangesNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.approved()
	petugas := e.loginAs(t, "petugas")
	base := fmt.Sprintf("/oki/kantor/permohonan/%d", id)
	form := actionFormNode(t, petugas.get(base+"/").Body, "prepare_agreement")
	buttons := findAll(form, func(n nodeT) bool { return attr(n, "data-testid") == "preview-pks" })
	if len(buttons) != 1 || attr(buttons[0], "formaction") != base+"/pks/pratinjau?aksi=prepare_agreement" ||
		attr(buttons[0], "formtarget") != "_blank" {
		t.Fatalf("no Pratinjau PDF button opening a new tab in the editor")
	}

	counts := func() string {
		return fmt.Sprintf("versions %d, documents %d, letters %d, events %d, version %d",
			e.count(`SELECT count(*) FROM agreement_versions WHERE application_id = $1`, id),
			e.count(`SELECT count(*) FROM documents WHERE application_id = $1`, id),
			e.count(`SELECT count(*) FROM letters WHERE application_id = $1`, id),
			e.count(`SELECT count(*) FROM application_events WHERE application_id = $1`, id), e.appVersion(id))
	}
	before := counts()
	clauses, sections := e.defaultAgreement(id)
	clauses[1].Body += "\nKalimat uji pratinjau tujuh tiga sembilan satu."
	sections[0].Body = "Bab uji pratinjau Juknis empat empat dua."
	fields := [][2]string{{"version", strconv.Itoa(e.appVersion(id))}}
	for k, vs := range agreementValues(clauses, sections) {
		for _, v := range vs {
			fields = append(fields, [2]string{k, v})
		}
	}
	for doc, want := range map[string]string{"pks": "Kalimat uji pratinjau tujuh tiga sembilan satu.", "juknis": "Bab uji pratinjau Juknis empat empat dua."} {
		res := petugas.postMultipart(base+"/pks/pratinjau?aksi=prepare_agreement", append(fields, [2]string{"pratinjau", doc}), nil)
		if res.Status != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" ||
			!strings.HasPrefix(res.Header.Get("Content-Disposition"), "inline") {
			t.Fatalf("preview %s: %d %s %s", doc, res.Status, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
		}
		txt := pdftotext(t, []byte(res.Body))
		for _, w := range []string{want, "PRATINJAU — belum disimpan (calon draf versi 1)"} {
			if !strings.Contains(txt, w) {
				t.Errorf("preview %s lacks %q:\n%s", doc, w, txt)
			}
		}
	}
	if after := counts(); after != before {
		t.Fatalf("the preview changed something: before %s, after %s", before, after)
	}
	// Nothing to render is a clear refusal, not a 500; a stage without the
	// editor offers no preview; the lembaga has no such address.
	if res := petugas.postMultipart(base+"/pks/pratinjau?aksi=prepare_agreement", [][2]string{{"pratinjau", "pks"}}, nil); res.Status != 422 {
		t.Errorf("an empty editor: %s, want 422", res)
	}
	forwarded := e.forwarded()
	if res := petugas.postMultipart(fmt.Sprintf("/oki/kantor/permohonan/%d/pks/pratinjau?aksi=prepare_agreement", forwarded), fields, nil); res.Status != 409 {
		t.Errorf("preview before the Dirjen approved: %s, want 409", res)
	}
	lembaga := e.loginAs(t, "lembaga")
	if res := lembaga.postMultipart(fmt.Sprintf("/oki/lembaga/permohonan/%d/pks/pratinjau?aksi=prepare_agreement", id), fields, nil); res.Status != 404 {
		t.Errorf("the lembaga's preview: %s, want 404", res)
	}
}
