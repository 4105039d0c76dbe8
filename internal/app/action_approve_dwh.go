package app

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// ApproveDWH (item 5): the Dirjen approves DWH access and issues the User IDs,
// one per data category where needed. Passwords are never recorded.
var _ = define(actionDef{
	Event: workflow.ApproveDWH,
	Help:  "Catat User ID yang diterbitkan (satu per kategori data bila perlu). Kata sandi tidak dicatat di sistem ini.",
	Open:  true,
	Fields: []Field{
		{Name: "user_ids", Kind: KindLines, Label: `User ID yang diterbitkan (satu per baris; boleh "userid;kategori")`,
			MaxItems: 20, TooMany: "Paling banyak %d User ID sekaligus.", check: checkUserIDLine},
	},
	Uploads: []UploadSpec{{Kind: DocDWHApproval}},
	History: []HistoryDetail{{"user_ids", "User ID"}},
	facts: func(c *fireCtx, f *workflow.Facts) error {
		f.UserIDs = issuedUserIDs(c.in.Lines("user_ids"))
		return nil
	},
	effect: func(c *fireCtx) error {
		issued := issuedUserIDs(c.in.Lines("user_ids"))
		pairs := make([][2]string, 0, len(issued))
		var ids []string
		for _, u := range issued {
			pairs = append(pairs, [2]string{u.UserID, u.Category})
			ids = append(ids, u.UserID)
		}
		if err := store.IssueUserIDs(c.ctx, c.tx, c.ap.TenantID, c.ap.ID, pairs, c.now); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return Invalid("User ID belum dapat dicatat.", map[string]string{"user_ids": "User ID tersebut sudah pernah diterbitkan untuk permohonan lain."})
			}
			return err
		}
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
