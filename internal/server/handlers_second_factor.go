package server

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/web"
)

// Two-factor sign-in. After a right password, a user who has a second factor
// (or whose role must have one) gets a session that is not signed in: it holds
// only who passed the password, under which session epoch, when, and where they
// were going. Nothing behind requireLogin sees that state. It lasts
// pendingLifetime; the code page (or, for a role that must enrol, the enrolment
// page) then completes the sign-in under a fresh session token.

const (
	pendingUserKey   = "pending_user_id"
	pendingEpochKey  = "pending_epoch"
	pendingAtKey     = "pending_at" // app clock, Unix seconds
	pendingNextKey   = "pending_next"
	pendingStepKey   = "pending_step"
	pendingEmailKey  = "pending_email"
	enrolSecretKey   = "enrol_secret" // an enrolment's secret until confirmed; server-side, like every session value
	pendingLifetime  = 5 * time.Minute
	codePath         = "/masuk/verifikasi"
	enrolAtLoginPath = "/masuk/aktivasi-dua-langkah"
)

// pending is a sign-in waiting for its second step.
type pending struct {
	userID, epoch int64
	email, next   string
	step          app.SecondStep
}

// startSecondStep replaces the session (a fresh token, as at every sign-in) with
// the pending state and returns the page of the step.
func (s *Server) startSecondStep(ctx context.Context, p app.Principal, step app.SecondStep, next string) (string, error) {
	if err := s.sessions.RenewToken(ctx); err != nil {
		return "", err
	}
	s.sessions.Remove(ctx, sessionUserKey)
	s.sessions.Remove(ctx, sessionEpochKey)
	s.sessions.Remove(ctx, enrolSecretKey)
	s.sessions.Put(ctx, pendingUserKey, p.UserID)
	s.sessions.Put(ctx, pendingEpochKey, p.SessionEpoch)
	s.sessions.Put(ctx, pendingAtKey, s.app.Clock.Now().Unix())
	s.sessions.Put(ctx, pendingNextKey, next)
	s.sessions.Put(ctx, pendingStepKey, string(step))
	s.sessions.Put(ctx, pendingEmailKey, p.Email)
	if step == app.StepEnrol {
		return enrolAtLoginPath, nil
	}
	return codePath, nil
}

// pendingOf reads the session's pending sign-in of the step; an expired one is
// cleared.
func (s *Server) pendingOf(ctx context.Context, step app.SecondStep) (pending, bool) {
	id := s.sessions.GetInt64(ctx, pendingUserKey)
	if id == 0 || app.SecondStep(s.sessions.GetString(ctx, pendingStepKey)) != step {
		return pending{}, false
	}
	if at := time.Unix(s.sessions.GetInt64(ctx, pendingAtKey), 0); s.app.Clock.Now().Sub(at) > pendingLifetime {
		s.clearPending(ctx)
		return pending{}, false
	}
	return pending{userID: id, epoch: s.sessions.GetInt64(ctx, pendingEpochKey), email: s.sessions.GetString(ctx, pendingEmailKey),
		next: s.sessions.GetString(ctx, pendingNextKey), step: step}, true
}

func (s *Server) clearPending(ctx context.Context) {
	for _, k := range []string{pendingUserKey, pendingEpochKey, pendingAtKey, pendingNextKey, pendingStepKey, pendingEmailKey, enrolSecretKey} {
		s.sessions.Remove(ctx, k)
	}
}

// completeSignIn turns a pending sign-in into a signed-in session.
func (s *Server) completeSignIn(ctx context.Context, p app.Principal) error {
	s.clearPending(ctx)
	return s.signIn(ctx, p)
}

// signInEnded answers a second step whose sign-in is gone: the login page, saying so.
func (s *Server) signInEnded(w http.ResponseWriter, r *http.Request, msg string) {
	s.clearPending(r.Context())
	s.render(w, r, http.StatusUnauthorized, web.LoginView(web.Login{Page: s.page(r, tr(r, "auth.signin")), Error: appText(r, msg)}))
}

// pendingExpired is worded like internal/app's refusals, and translated with
// them (appText).
const pendingExpired = "Waktu untuk langkah kedua sudah habis atau sesi masuk Anda berakhir. Silakan masuk kembali dengan surel dan kata sandi."

// signedInAlready sends a signed-in user home from a sign-in step (a second tab,
// the back button) and reports whether it did.
func (s *Server) signedInAlready(w http.ResponseWriter, r *http.Request) bool {
	if _, ok := principalFrom(r.Context()); ok {
		http.Redirect(w, r, "/beranda", http.StatusSeeOther)
		return true
	}
	return false
}

// pendingPost is the common start of a second-step POST: a signed-in user goes
// home, a missing or expired pending sign-in starts again at /masuk; ok is false
// when the answer is written.
func (s *Server) pendingPost(w http.ResponseWriter, r *http.Request, step app.SecondStep) (pending, bool) {
	if s.signedInAlready(w, r) {
		return pending{}, false
	}
	pd, ok := s.pendingOf(r.Context(), step)
	if !ok {
		s.signInEnded(w, r, pendingExpired)
		return pending{}, false
	}
	return pd, true
}

func (s *Server) secondFactorForm(w http.ResponseWriter, r *http.Request) {
	if s.signedInAlready(w, r) {
		return
	}
	if _, ok := s.pendingOf(r.Context(), app.StepCode); !ok {
		http.Redirect(w, r, "/masuk", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, web.SecondFactorCodeView(web.SecondFactorCode{Page: s.page(r, tr(r, "twofa.code"))}))
}

// verifySecondFactor takes the code (or a recovery code) and completes the sign-in.
func (s *Server) verifySecondFactor(w http.ResponseWriter, r *http.Request) {
	pd, ok := s.pendingPost(w, r, app.StepCode)
	if !ok {
		return
	}
	code := r.PostFormValue("code")
	if code == "" {
		code = r.PostFormValue("recovery")
	}
	p, err := s.app.VerifySecondFactor(r.Context(), pd.userID, pd.epoch, code, s.clientAddr(r))
	if errors.Is(err, app.ErrSignInEnded) {
		s.signInEnded(w, r, app.ErrSignInEnded.Message)
		return
	}
	if e := (*app.Error)(nil); errors.As(err, &e) && (e.Code == app.CodeInvalid || e.Code == app.CodeUnauthorized || e.Code == app.CodeRateLimited) {
		s.render(w, r, statusOf(e.Code), web.SecondFactorCodeView(web.SecondFactorCode{Page: s.page(r, tr(r, "twofa.code")),
			Error: appText(r, e.Message), Fields: map[string]string{"code": appText(r, e.Message)}}))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.completeSignIn(r.Context(), p); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.log.InfoContext(r.Context(), "login", "user_id", p.UserID, "role", p.Role, "second_factor", true)
	http.Redirect(w, r, nextOr(pd.next), http.StatusSeeOther)
}

func nextOr(next string) string {
	if next == "" {
		return "/beranda"
	}
	return next
}

// enrolAtLoginForm is the forced enrolment of a role that must have a second factor.
func (s *Server) enrolAtLoginForm(w http.ResponseWriter, r *http.Request) {
	if s.signedInAlready(w, r) {
		return
	}
	pd, ok := s.pendingOf(r.Context(), app.StepEnrol)
	if !ok {
		http.Redirect(w, r, "/masuk", http.StatusSeeOther)
		return
	}
	s.renderEnrol(w, r, http.StatusOK, pd.email, true, nil)
}

// renderEnrol shows the enrolment page with the session's secret, drawing one
// the first time.
func (s *Server) renderEnrol(w http.ResponseWriter, r *http.Request, status int, email string, forced bool, e *app.Error) {
	key, err := app.NewEnrolmentKey(email, s.sessions.GetString(r.Context(), enrolSecretKey))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), enrolSecretKey, key.Secret)
	v := web.SecondFactorEnrol{Page: s.page(r, tr(r, "twofa.enrol_title")), Secret: groupSecret(key.Secret), QR: key.QR,
		Forced: forced, Action: "/akun/dua-langkah", CancelHref: "/akun"}
	if forced {
		v.Action = enrolAtLoginPath
	}
	if e != nil {
		v.Error, v.Fields = appText(r, e.Message), appFields(r, e.Fields)
	}
	s.render(w, r, status, web.SecondFactorEnrolView(v))
}

// groupSecret prints a secret in groups of four, as apps accept it typed.
func groupSecret(s string) string {
	out := make([]byte, 0, len(s)+len(s)/4)
	for i := range len(s) {
		if i > 0 && i%4 == 0 {
			out = append(out, ' ')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// enrolAtLogin confirms the forced enrolment and completes the sign-in, showing
// the recovery codes once.
func (s *Server) enrolAtLogin(w http.ResponseWriter, r *http.Request) {
	pd, ok := s.pendingPost(w, r, app.StepEnrol)
	if !ok {
		return
	}
	en, err := s.app.EnrolSecondFactor(r.Context(), pd.userID, pd.epoch, s.sessions.GetString(r.Context(), enrolSecretKey), r.PostFormValue("code"), true)
	if errors.Is(err, app.ErrSignInEnded) {
		s.signInEnded(w, r, app.ErrSignInEnded.Message)
		return
	}
	if e, ok := acctInvalid(err); ok {
		s.renderEnrol(w, r, statusOf(e.Code), pd.email, true, e)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.completeSignIn(r.Context(), en.Principal); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.log.InfoContext(r.Context(), "login", "user_id", en.Principal.UserID, "role", en.Principal.Role, "second_factor", "enrolled")
	s.renderRecoveryCodes(w, r, tr(r, "twofa.enrolled_heading"), tr(r, "twofa.enrolled_lead"), en.RecoveryCodes, nextOr(pd.next))
}

func (s *Server) renderRecoveryCodes(w http.ResponseWriter, r *http.Request, heading, lead string, codes []string, next string) {
	w.Header().Set("Cache-Control", "no-store") // the codes are shown once and kept nowhere
	s.render(w, r, http.StatusOK, web.RecoveryCodesView(web.RecoveryCodes{Page: s.page(r, tr(r, "twofa.recovery_codes")),
		Heading: heading, Lead: lead, Codes: codes, ContinueHref: next}))
}

// account is the account page: links, and the second factor's state.
func (s *Server) account(w http.ResponseWriter, r *http.Request) {
	s.renderAccount(w, r, http.StatusOK, "", nil)
}

func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, status int, form string, e *app.Error) {
	p, _ := principalFrom(r.Context())
	st, err := s.app.SecondFactorOf(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := web.Account{Page: s.page(r, tr(r, "account.title")), Email: p.Email, RoleLabel: roleLabel(r, p.Role), Enrolled: st.Enrolled,
		Mandatory: st.Mandatory, RecoveryLeft: st.RecoveryLeft, Form: form, Language: web.Lang(r.Context())}
	if e != nil {
		v.Error, v.Fields = appText(r, e.Message), appFields(r, e.Fields)
	}
	s.render(w, r, status, web.AccountView(v))
}

// enrolForm is the optional enrolment from the account page.
func (s *Server) enrolForm(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	if p.SecondFactor {
		http.Redirect(w, r, "/akun", http.StatusSeeOther)
		return
	}
	s.renderEnrol(w, r, http.StatusOK, p.Email, false, nil)
}

func (s *Server) enrol(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	en, err := s.app.EnrolSecondFactor(r.Context(), p.UserID, p.SessionEpoch, s.sessions.GetString(r.Context(), enrolSecretKey), r.PostFormValue("code"), false)
	if e, ok := acctInvalid(err); ok {
		s.renderEnrol(w, r, statusOf(e.Code), p.Email, false, e)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.sessions.Remove(r.Context(), enrolSecretKey)
	s.renderRecoveryCodes(w, r, tr(r, "twofa.enrolled_heading"), tr(r, "twofa.enrolled_lead"), en.RecoveryCodes, "/akun")
}

// regenerateRecoveryCodes replaces the user's recovery codes after a current code.
func (s *Server) regenerateRecoveryCodes(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	codes, err := s.app.RegenerateRecoveryCodes(r.Context(), p, r.PostFormValue("code"), s.clientAddr(r))
	if e, ok := acctInvalid(err); ok {
		s.renderAccount(w, r, statusOf(e.Code), "regenerate", e)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderRecoveryCodes(w, r, tr(r, "twofa.new_codes"), tr(r, "twofa.old_codes_void"), codes, "/akun")
}

// disableSecondFactor switches off an optional second factor after a current code.
func (s *Server) disableSecondFactor(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	err := s.app.DisableSecondFactor(r.Context(), p, r.PostFormValue("code"), s.clientAddr(r))
	if e, ok := acctInvalid(err); ok {
		s.renderAccount(w, r, statusOf(e.Code), "disable", e)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r.Context(), tr(r, "twofa.disabled"))
	http.Redirect(w, r, "/akun", http.StatusSeeOther)
}
