package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// audience is a party a transition concerns; it decides the wording and the link.
type audience int

const (
	toLembaga audience = iota // the institution's own users
	toStaff                   // the tenant's petugas and kepala
	toDirjen                  // the Dirjen liaison (national accounts)
)

// audiences says whom each event concerns. The actor is never told of their own
// action (see notifyTransition).
func audiences(ev workflow.Event, from workflow.State) []audience {
	switch ev {
	case workflow.Submit, workflow.RequestUserID, workflow.ApproveDWH, workflow.AcknowledgeReceipt, workflow.FileReport:
		return []audience{toStaff}
	case workflow.Return, workflow.PrepareAgreement, workflow.ReviseAgreement, workflow.Sign, workflow.HandOver:
		return []audience{toLembaga}
	case workflow.Forward:
		return []audience{toDirjen, toLembaga}
	case workflow.RequestDWH:
		return []audience{toDirjen}
	case workflow.Approve, workflow.Reject, workflow.ReturnDWH, workflow.Expire, workflow.Revoke:
		return []audience{toLembaga, toStaff}
	case workflow.AgreeAgreement, workflow.RequestChanges, workflow.RecordDataBalikan, workflow.RequestAddendum:
		return []audience{toStaff}
	case workflow.AcceptReport, workflow.ReturnReport, workflow.ReturnAddendum, workflow.SignAddendum:
		return []audience{toLembaga}
	case workflow.Warn, workflow.Suspend, workflow.Reinstate, workflow.ApproveAddendum, workflow.RejectAddendum,
		workflow.ApproveAddendumDWH:
		return []audience{toLembaga, toStaff}
	case workflow.ForwardAddendum:
		return []audience{toDirjen, toLembaga}
	case workflow.RequestAddendumDWH:
		return []audience{toDirjen}
	case workflow.Withdraw:
		if from == workflow.Forwarded {
			// The Dirjen has it in the inbox: it should stop reviewing it.
			return []audience{toLembaga, toStaff, toDirjen}
		}
		return []audience{toLembaga, toStaff}
	}
	return nil
}

func audienceOf(role string) (audience, bool) {
	switch workflow.Role(role) {
	case workflow.RoleLembaga:
		return toLembaga, true
	case workflow.RolePetugas, workflow.RoleKepala:
		return toStaff, true
	case workflow.RoleDirjen:
		return toDirjen, true
	}
	return 0, false
}

func rolesOf(auds []audience) []string {
	var roles []string
	for _, a := range auds {
		switch a {
		case toLembaga:
			roles = append(roles, string(workflow.RoleLembaga))
		case toStaff:
			roles = append(roles, string(workflow.RolePetugas), string(workflow.RoleKepala))
		case toDirjen:
			roles = append(roles, string(workflow.RoleDirjen))
		}
	}
	return roles
}

// notifyTransition tells the parties a transition concerns, in the transition's
// own transaction: an in-app notification for each, and an e-mail in the outbox
// that the background worker delivers (DeliverOutbox). A rolled-back transition
// therefore tells nobody. It costs one query for the recipients and one insert
// per table, however many people are told.
func (a *App) notifyTransition(ctx context.Context, tx pgx.Tx, ap store.Application, t store.Tenant, inst store.Institution,
	ev workflow.Event, to workflow.State, p Principal, now time.Time) error {
	from := workflow.State(ap.State) // ap was read before the transition
	auds := audiences(ev, from)
	if len(auds) == 0 {
		return nil
	}
	recipients, reason, err := store.NotificationRecipients(ctx, tx, ap.TenantID, ap.ID, rolesOf(auds), p.UserID)
	if err != nil {
		return fmt.Errorf("notification recipients: %w", err)
	}
	if len(recipients) == 0 {
		return nil
	}
	mc := messageContext{ev: ev, from: from, number: ap.Number, institution: inst.Name, tenant: t.Name,
		actor: actorName(p), reason: strings.TrimSpace(reason), slaDays: t.SLATargetDays}
	tenantID := ap.TenantID
	var notes []store.NewNotification
	var mails []store.NewMail
	for _, r := range recipients {
		aud, ok := audienceOf(r.Role)
		if !ok {
			continue
		}
		title, body := mc.message(aud)
		link := applicationLink(aud, t.SlugOrEmpty(), ap.ID)
		notes = append(notes, store.NewNotification{TenantID: r.TenantID, UserID: r.UserID, ApplicationID: ap.ID,
			Title: title, Body: body, Link: link})
		mails = append(mails, store.NewMail{TenantID: &tenantID, To: r.Email, Subject: "[Hak Akses] " + title,
			Body: a.mailBody(r.Name, body, link, aud, t.Name)})
	}
	if err := store.InsertNotifications(ctx, tx, notes, now); err != nil {
		return fmt.Errorf("insert notifications: %w", err)
	}
	if err := store.EnqueueMail(ctx, tx, mails, now); err != nil {
		return fmt.Errorf("enqueue mail: %w", err)
	}
	return nil
}

// applicationLink is the application's page for a party.
func applicationLink(aud audience, slug string, id int64) string {
	n := strconv.FormatInt(id, 10)
	switch aud {
	case toLembaga:
		return "/" + slug + "/lembaga/permohonan/" + n
	case toStaff:
		return "/" + slug + "/kantor/permohonan/" + n
	}
	return "/dirjen/permohonan/" + n
}

func actorName(p Principal) string {
	if p.Role == workflow.RoleSystem || strings.TrimSpace(p.Name) == "" {
		return "Sistem Hak Akses"
	}
	return p.Name
}

// mailBody wraps a notification's text as a letter to its recipient, with an
// absolute link when the base URL is known.
func (a *App) mailBody(name, body, link string, aud audience, tenant string) string {
	url := strings.TrimRight(a.BaseURL, "/") + link
	sender := "Disdukcapil " + tenant
	if aud == toDirjen {
		sender = "Ditjen Dukcapil Kemendagri"
	}
	return fmt.Sprintf("Yth. %s,\n\n%s\n\nBuka permohonan: %s\n\nSalam,\nHak Akses — %s\n\n"+
		"E-mail ini dikirim otomatis oleh layanan Kerjasama Pemanfaatan Data Kependudukan Melalui Hak Akses; mohon tidak dibalas.\n",
		name, body, url, sender)
}

// messageContext is what a message says about one transition.
type messageContext struct {
	ev          workflow.Event
	from        workflow.State
	number      string
	institution string
	tenant      string
	actor       string
	reason      string
	slaDays     int
}

// message is a notification's title and text for one party, in Bahasa Indonesia:
// what happened to which application of which institution, why (when a reason
// was given), and what the party should do next.
func (m messageContext) message(aud audience) (title, body string) {
	app := fmt.Sprintf("permohonan %s dari %s", m.number, m.institution)
	if aud == toDirjen && m.ev != workflow.Forward && m.ev != workflow.RequestDWH {
		// The national inbox spans every tenant; these two name the office already.
		app = fmt.Sprintf("permohonan %s dari %s (Disdukcapil %s)", m.number, m.institution, m.tenant)
	}
	deadline := fmt.Sprintf("paling lambat %d hari kerja (standar pelayanan)", m.slaDays)
	title = m.ev.HistoryLabel()
	var what, next string
	switch m.ev {
	case workflow.Submit:
		what = capital(app) + " telah diajukan oleh " + m.actor + "."
		if m.from == workflow.Returned {
			title = "Permohonan diajukan ulang"
			what = capital(app) + " telah diperbaiki dan diajukan ulang oleh " + m.actor + "."
		}
		next = "periksa kelengkapan permohonan, lalu teruskan kepada Dirjen Dukcapil atau kembalikan kepada lembaga dengan alasannya, " + deadline + "."
	case workflow.Return:
		what = capital(app) + " dikembalikan oleh Disdukcapil " + m.tenant + " karena belum lengkap."
		next = "perbaiki permohonan sesuai alasan di atas, lalu ajukan ulang."
	case workflow.Withdraw:
		what = capital(app) + " dibatalkan oleh lembaga (" + m.actor + ")."
		next = "tidak ada tindakan lanjutan; permohonan ini selesai."
		if aud == toLembaga {
			next = "tidak ada tindakan lanjutan. Bila masih diperlukan, buat permohonan baru."
		}
	case workflow.Forward:
		what = capital(app) + " telah diteruskan oleh Disdukcapil " + m.tenant + " kepada Direktur Jenderal Dukcapil."
		next = "tunggu keputusan Direktur Jenderal Dukcapil; Anda akan diberi tahu."
		if aud == toDirjen {
			next = "periksa permohonan dan surat pengantarnya, lalu setujui atau tolak dengan surat Dirjen."
		}
	case workflow.Approve:
		what = capital(app) + " telah disetujui Direktur Jenderal Dukcapil."
		next = "Disdukcapil menyusun draf PKS dan Juknis; Anda akan diberi tahu ketika draf siap diperiksa."
		if aud == toStaff {
			next = "susun draf PKS dan Juknis, " + deadline + "."
		}
	case workflow.Reject:
		what = capital(app) + " ditolak Direktur Jenderal Dukcapil."
		next = "tidak ada tindakan lanjutan; permohonan ini selesai. Lembaga dapat mengajukan permohonan baru bila keadaannya berubah."
	case workflow.PrepareAgreement:
		what = "Draf Perjanjian Kerja Sama (PKS) dan Petunjuk Teknis (Juknis) untuk " + app + " telah disusun Disdukcapil " + m.tenant + "."
		next = "periksa draf PKS dan Juknis, lalu siapkan penandatanganan oleh pimpinan lembaga bersama Kepala Disdukcapil."
	case workflow.ReviseAgreement:
		what = "Draf PKS dan Juknis untuk " + app + " telah direvisi; versi terbaru tersedia."
		next = "periksa versi terbaru draf PKS dan Juknis sebelum penandatanganan."
	case workflow.Sign:
		what = "PKS untuk " + app + " telah ditandatangani kedua pihak."
		next = "kirim surat permintaan User ID dan IP LAN beserta Surat Pernyataan Jaringan Tertutup."
	case workflow.RequestUserID:
		what = "Lembaga meminta User ID dan IP LAN untuk " + app + "."
		next = "kirim permohonan akses DWH kepada Dirjen Dukcapil, " + deadline + "."
	case workflow.RequestDWH:
		what = "Disdukcapil " + m.tenant + " mengajukan akses DWH Terpusat untuk " + app + "."
		next = "periksa PKS, Juknis, dan Surat Pernyataan Jaringan Tertutup, lalu setujui dan terbitkan User ID, atau kembalikan dengan alasannya."
	case workflow.ReturnDWH:
		what = "Permohonan akses DWH untuk " + app + " dikembalikan oleh Direktur Jenderal Dukcapil."
		next = "perbaiki jaringan tertutup sesuai alasan di atas, lalu kirim ulang permintaan User ID."
		if aud == toStaff {
			next = "tunggu lembaga memperbaiki jaringannya dan mengirim ulang permintaan User ID."
		}
	case workflow.ApproveDWH:
		what = "Direktur Jenderal Dukcapil menyetujui akses DWH dan menerbitkan User ID untuk " + app + "."
		next = "serahkan User ID kepada lembaga dengan berita acara serah terima, " + deadline + "."
	case workflow.HandOver:
		what = "User ID untuk " + app + " telah diserahkan oleh Disdukcapil " + m.tenant + "."
		next = "konfirmasi penerimaan User ID, dan kirim laporan penggunaan setiap semester sesuai PKS."
	case workflow.AcknowledgeReceipt:
		what = "Lembaga telah mengonfirmasi penerimaan User ID untuk " + app + "; hak akses kini aktif."
		next = "tidak ada tindakan lanjutan."
	case workflow.FileReport:
		what = "Lembaga telah mengirim laporan penggunaan semester untuk " + app + "."
		next = "periksa laporan penggunaan tersebut."
	case workflow.Expire:
		what = "Masa berlaku PKS untuk " + app + " telah berakhir; hak akses tidak berlaku lagi."
		next = "tidak ada tindakan lanjutan."
		if aud == toLembaga {
			next = "bila data kependudukan masih diperlukan, ajukan perpanjangan dari halaman permohonan."
		}
	case workflow.Revoke:
		what = "Hak akses untuk " + app + " dicabut oleh " + m.actor + "."
		next = "pastikan akses User ID lembaga dihentikan."
		if aud == toLembaga {
			next = "hentikan penggunaan User ID; hubungi Disdukcapil " + m.tenant + " bila ada pertanyaan."
		}
	default:
		what = capital(app) + ": " + m.ev.HistoryLabel() + "."
		next = "buka permohonan untuk melihat keadaan terbaru."
	}
	parts := []string{what}
	if m.reason != "" {
		parts = append(parts, "Alasan: "+strings.TrimRight(m.reason, ".")+".")
	}
	parts = append(parts, "Langkah berikutnya: "+next)
	return title + ": " + m.number, strings.Join(parts, " ")
}

// capital upper-cases the first letter of a sentence.
func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
