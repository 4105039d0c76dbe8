package app

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// ApproveDWH (item 5): the Dirjen approves DWH access by letter (number, date,
// scan) and issues two things, stored apart: User IDs for the lembaga, one per
// data category, and the User ID data balikan daerah for the Disdukcapil.
// Passwords are never recorded.
var _ = define(actionDef{
	Event: workflow.ApproveDWH,
	Help:  "Catat surat persetujuan akses DWH, User ID bagi lembaga (satu per kategori data) dan User ID data balikan daerah bagi Disdukcapil. Kata sandi tidak dicatat di sistem ini.",
	Open:  true,
	Fields: []Field{
		{Name: "letter_number", Kind: KindText, Label: "Nomor surat persetujuan akses DWH dari Dirjen", Required: true, Limit: maxShortTextLen},
		{Name: "letter_date", Kind: KindDate, Label: "Tanggal surat persetujuan akses DWH", Required: true},
		{Name: "user_ids", Kind: KindLines, Label: `User ID bagi lembaga pengguna (satu per baris: "userid;kategori", mis. "dinkes.verif;verifikasi")`,
			MaxItems: 20, TooMany: "Paling banyak %d User ID sekaligus.", check: checkUserIDLine},
		{Name: "data_balikan_user_id", Kind: KindText, Label: "User ID data balikan daerah bagi Disdukcapil", Required: true, Limit: maxShortTextLen},
	},
	Uploads: []UploadSpec{{Kind: DocDWHApproval, Required: true}},
	History: []HistoryDetail{{"letter_number", "Nomor surat"}, {"letter_date", "Tanggal surat"}, {"user_ids", "User ID"}},
	facts: func(c *fireCtx, f *workflow.Facts) error {
		f.LetterNumber, f.LetterDate, f.HasLetterScan = c.in.Text("letter_number"), c.in.Date("letter_date"), c.uploaded(DocDWHApproval)
		f.UserIDs = issuedUserIDs(c.in.Lines("user_ids"))
		f.DataBalikanUserID = c.in.Text("data_balikan_user_id")
		return nil
	},
	effect: func(c *fireCtx) error {
		ids, err := c.issueUserIDs("User ID tersebut sudah pernah diterbitkan untuk permohonan lain.")
		if err != nil {
			return err
		}
		if err := store.IssueDataBalikanUserID(c.ctx, c.tx, c.ap.TenantID, c.ap.ID, c.in.Text("data_balikan_user_id"), c.now); err != nil {
			return onConflict(err, Invalid("User ID belum dapat dicatat.", map[string]string{"data_balikan_user_id": "User ID data balikan daerah tersebut sudah tercatat untuk permohonan ini."}))
		}
		c.record("letter_number", c.in.Text("letter_number"))
		c.record("letter_date", c.in.Date("letter_date").Format("2006-01-02"))
		c.record("user_ids", ids)
		return nil
	},
	Notice: notice{
		to:   []audience{toStaff},
		what: "Direktur Jenderal Dukcapil menyetujui akses DWH dan menerbitkan User ID untuk {app}.",
		next: map[audience]string{anyone: "serahkan User ID kepada lembaga dengan berita acara serah terima, {deadline}."},
	},
})

const maxCategoryLen = 100

// issueUserIDs stores the lembaga's User IDs of the "user_ids" field and returns
// them for the history; a User ID already on record is a form error saying taken.
func (c *fireCtx) issueUserIDs(taken string) ([]string, error) {
	issued := issuedUserIDs(c.in.Lines("user_ids"))
	pairs := make([][2]string, 0, len(issued))
	var ids []string
	for _, u := range issued {
		pairs = append(pairs, [2]string{u.UserID, u.Category})
		ids = append(ids, u.UserID)
	}
	if err := store.IssueUserIDs(c.ctx, c.tx, c.ap.TenantID, c.ap.ID, pairs, c.now); err != nil {
		return nil, onConflict(err, Invalid("User ID belum dapat dicatat.", map[string]string{"user_ids": taken}))
	}
	return ids, nil
}

// issuedUserIDs reads "userid" or "userid;kategori" lines.
func issuedUserIDs(lines []string) []workflow.IssuedUserID {
	var out []workflow.IssuedUserID
	for _, line := range lines {
		id, cat, _ := strings.Cut(line, ";")
		out = append(out, workflow.IssuedUserID{UserID: strings.TrimSpace(id), Category: strings.TrimSpace(cat)})
	}
	return out
}

func checkUserIDLine(line string) string {
	u := issuedUserIDs([]string{line})[0]
	if utf8.RuneCountInString(u.Category) > maxCategoryLen {
		return fmt.Sprintf("Kategori User ID terlalu panjang (maksimal %d karakter).", maxCategoryLen)
	}
	if utf8.RuneCountInString(u.UserID) > maxShortTextLen {
		return fmt.Sprintf("Terlalu panjang (maksimal %d karakter).", maxShortTextLen)
	}
	return ""
}
