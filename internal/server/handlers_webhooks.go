package server

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// A tenant's outgoing webhook is set on its settings page by the kepala
// (/{tenant}/kantor/pengaturan, posting to …/pengaturan/webhook) and by the
// platform admin on /admin/tenant/{tenant}/webhook. A new secret is shown on the
// answer that generated it only (never in a session, a flash or a redirect).

// webhookOutcome is what the last webhook form did, for the page that answers it.
type webhookOutcome struct {
	secret string     // generated just now
	err    *app.Error // a refused form
	typed  string     // the URL as typed into the refused form
}

// webhookPanel reads the tenant's webhook and the page of deliveries ?sebelum=
// asks for. action is where the form posts; page is the page's own path.
func (s *Server) webhookPanel(r *http.Request, p app.Principal, t app.Tenant, action, page string, out webhookOutcome) (web.WebhookPanel, error) {
	before, _ := strconv.ParseInt(r.URL.Query().Get("sebelum"), 10, 64)
	wh, err := s.app.Webhook(r.Context(), p, t.ID, before)
	if err != nil {
		return web.WebhookPanel{}, err
	}
	loc := t.Location()
	v := web.WebhookPanel{Action: action, Configured: wh.Configured, URL: wh.URL, NewSecret: out.secret}
	if wh.Configured {
		v.Updated = whenIn(r, wh.UpdatedAt, loc)
	}
	if out.err != nil {
		v.Error, v.Fields, v.URL = appText(r, out.err.Message), appFields(r, out.err.Fields), out.typed
	}
	for _, d := range wh.Deliveries {
		row := web.WebhookDeliveryRow{At: whenIn(r, d.CreatedAt, loc), Number: d.Number, Event: d.Event.HistoryLabel(),
			State: stateLabel(r, d.ToState), Attempts: tr(r, "webhook.times", "Count", d.Attempts), LastError: d.LastError, MessageID: d.MessageID}
		if p.Role == workflow.RoleKepala {
			row.Href = "/" + t.Slug + "/kantor/permohonan/" + strconv.FormatInt(d.ApplicationID, 10)
		}
		switch d.Status {
		case "terkirim":
			row.Status, row.StatusCls = tr(r, "devmail.sent"), "ok"
		case "gagal":
			row.Status, row.StatusCls = tr(r, "webhook.failed"), "bad"
		default:
			row.Status, row.StatusCls = tr(r, "webhook.waiting_retry"), "warn"
			if d.Attempts == 0 {
				row.Status = tr(r, "webhook.waiting_first")
			}
		}
		if d.HTTPStatus != 0 {
			row.HTTPStatus = strconv.Itoa(d.HTTPStatus)
		}
		v.Rows = append(v.Rows, row)
	}
	if wh.Older != 0 {
		v.OlderHref = page + "?" + url.Values{"sebelum": {strconv.FormatInt(wh.Older, 10)}}.Encode() + "#webhook"
	}
	if before > 0 {
		v.NewestHref = page + "#webhook"
	}
	return v, nil
}

// applyWebhookForm performs the webhook form's action for tenant t: "simpan"
// (save the URL; a first save generates the secret), "rahasia" (a new secret),
// "hapus" (remove). done is the flash after a change that shows nothing new;
// out carries a new secret or a refusal to show on the answer itself.
func (s *Server) applyWebhookForm(r *http.Request, p app.Principal, t app.Tenant) (out webhookOutcome, done string, err error) {
	switch r.PostFormValue("action") {
	case "simpan":
		typed := r.PostFormValue("webhook_url")
		out.secret, err = s.app.SaveWebhook(r.Context(), p, t.ID, typed)
		if e, ok := acctInvalid(err); ok {
			return webhookOutcome{err: e, typed: typed}, "", nil
		}
		return out, tr(r, "webhook.saved"), err
	case "rahasia":
		out.secret, err = s.app.RotateWebhookSecret(r.Context(), p, t.ID)
		return out, "", err
	case "hapus":
		return out, tr(r, "webhook.deleted"), s.app.DeleteWebhook(r.Context(), p, t.ID)
	}
	return out, "", app.Invalid(tr(r, "acc.unknown_request"), nil)
}

// settingsWebhookPage is where reloading the answer to the webhook form lands:
// the settings page at its webhook section (a new secret is not shown again).
func (s *Server) settingsWebhookPage(w http.ResponseWriter, r *http.Request) {
	t, _ := tenantFrom(r.Context())
	http.Redirect(w, r, "/"+t.Slug+"/kantor/pengaturan#webhook", http.StatusSeeOther)
}

// settingsWebhook handles the kepala's webhook form on the settings page.
func (s *Server) settingsWebhook(w http.ResponseWriter, r *http.Request) {
	t, _ := tenantFrom(r.Context())
	s.webhookFormAction(w, r, "/"+t.Slug+"/kantor/pengaturan#webhook", func(status int, out webhookOutcome) {
		s.renderSettingsWith(w, r, status, app.SettingsInputOf(t), web.FormState{}, out)
	})
}

// adminWebhook is the platform admin's page for one tenant's webhook.
func (s *Server) adminWebhook(w http.ResponseWriter, r *http.Request) {
	s.renderAdminWebhook(w, r, http.StatusOK, webhookOutcome{})
}

func (s *Server) renderAdminWebhook(w http.ResponseWriter, r *http.Request, status int, out webhookOutcome) {
	p, _ := principalFrom(r.Context())
	t, _ := tenantFrom(r.Context())
	path := "/admin/tenant/" + t.Slug + "/webhook"
	panel, err := s.webhookPanel(r, p, t, path, path, out)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, web.AdminWebhookView(web.AdminWebhookPage{Page: s.page(r, tr(r, "webhook.admin_page_title", "Tenant", t.Name)), Tenant: t.Name, Webhook: panel}))
}

// adminWebhookAction handles the admin's webhook form for one tenant.
func (s *Server) adminWebhookAction(w http.ResponseWriter, r *http.Request) {
	t, _ := tenantFrom(r.Context())
	s.webhookFormAction(w, r, "/admin/tenant/"+t.Slug+"/webhook", func(status int, out webhookOutcome) {
		s.renderAdminWebhook(w, r, status, out)
	})
}

// webhookFormAction applies the webhook form of the URL's tenant: done, it
// returns to back with a flash; a new secret (shown once) or a refusal renders
// the form's page again through render.
func (s *Server) webhookFormAction(w http.ResponseWriter, r *http.Request, back string, render func(status int, out webhookOutcome)) {
	p, _ := principalFrom(r.Context())
	t, _ := tenantFrom(r.Context())
	out, done, err := s.applyWebhookForm(r, p, t)
	if e, ok := acctInvalid(err); ok {
		out.err, err = e, nil
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if out.secret == "" && out.err == nil {
		s.flash(r.Context(), done)
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	status := http.StatusOK
	if out.err != nil {
		status = http.StatusUnprocessableEntity
	}
	render(status, out)
}
