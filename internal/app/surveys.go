package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/i18n"
	"github.com/hakakses/hakakses/internal/skm"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Survei Kepuasan Masyarakat. The reminder sweep invites the institution once its
// application ends (active, rejected, withdrawn); the lembaga answers the nine
// elements once; each tenant, and the Dirjen nationally, see the IKM per semester.

// surveys is the sweep's step that creates the invitations and tells the lembaga,
// in one transaction: the survey row is the invitation, made once per application.
func (s *sweep) surveys(ctx context.Context) error {
	err := s.app.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		list, err := store.InviteEndedApplications(ctx, tx, s.now, 1000)
		if err != nil {
			return fmt.Errorf("invite: %w", err)
		}
		for _, inv := range list {
			tc, err := s.tenantIn(ctx, tx, inv.TenantID)
			if err != nil {
				return err
			}
			tid, slug, id, number := inv.TenantID, tc.t.Slug, inv.ID, inv.Number
			m := message{tenantID: &tid, institution: inv.InstitutionID, roles: rolesLembaga, appID: inv.ApplicationID,
				link:   func(string) string { return "/" + slug + "/lembaga/survei/" + strconv.FormatInt(id, 10) },
				sender: "Disdukcapil " + tc.t.Name,
				text: func(loc *i18n.Localizer) (string, string) {
					return loc.T("rem.survey.title", "Number", number), loc.T("rem.survey.body", "Number", number)
				}}
			if err := s.app.writeReminder(ctx, tx, m, s.now); err != nil {
				return err
			}
			s.sent++
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("survey invitations: %w", err)
	}
	return nil
}

// tenantIn is tenant for a step already inside a transaction.
func (s *sweep) tenantIn(ctx context.Context, tx pgx.Tx, id int64) (tenantCal, error) {
	if tc, ok := s.tenants[id]; ok {
		return tc, nil
	}
	t, err := tenantByID(ctx, tx, id)
	if err != nil {
		return tenantCal{}, fmt.Errorf("tenant %d: %w", id, err)
	}
	cal, err := calendarFor(ctx, tx, t)
	if err != nil {
		return tenantCal{}, fmt.Errorf("tenant %d calendar: %w", id, err)
	}
	s.tenants[id] = tenantCal{t: t, cal: cal}
	return s.tenants[id], nil
}

// SurveyView is one survey as its lembaga sees it.
type SurveyView struct {
	ID         int64
	Number     string
	EndedState string
	InvitedAt  time.Time
	Answered   bool
	Answers    [9]int
	Suggestion string
}

// Survey reads one of the caller's institution's surveys.
func (a *App) Survey(ctx context.Context, p Principal, id int64) (SurveyView, error) {
	if p.Role != workflow.RoleLembaga {
		return SurveyView{}, NotFound("Survei")
	}
	var v SurveyView
	err := a.DB.ReadTx(ctx, p.Scope(), func(tx pgx.Tx) error {
		s, err := store.SurveyByID(ctx, tx, p.TenantID, id)
		if err != nil {
			return err
		}
		v = SurveyView{ID: s.ID, Number: s.Number, EndedState: s.EndedState, InvitedAt: s.InvitedAt,
			Answered: s.AnsweredAt != nil, Suggestion: s.Suggestion}
		for i, x := range s.Answers {
			if i < len(v.Answers) {
				v.Answers[i] = int(x)
			}
		}
		return nil
	})
	if errors.Is(err, store.ErrNotFound) {
		return SurveyView{}, NotFound("Survei")
	}
	if err != nil {
		return SurveyView{}, fmt.Errorf("read survey %d: %w", id, err)
	}
	return v, nil
}

// AnswerSurvey records the lembaga's answers (each 1–4) and suggestion, once.
func (a *App) AnswerSurvey(ctx context.Context, p Principal, id int64, answers [9]int, suggestion string) error {
	if _, err := a.Survey(ctx, p, id); err != nil {
		return err
	}
	fields := map[string]string{}
	vals := make([]int16, len(answers))
	for i, x := range answers {
		if x < 1 || x > 4 {
			fields[strings.ToLower(skm.Elements[i].Code)] = "Pilih salah satu nilai 1 sampai 4."
		}
		vals[i] = int16(x)
	}
	suggestion = strings.TrimSpace(suggestion)
	if utf8.RuneCountInString(suggestion) > 2000 || len(suggestion) > 2000 {
		fields["suggestion"] = "Saran paling banyak 2000 karakter."
	}
	if len(fields) > 0 {
		return Invalid("Lengkapi penilaian untuk kesembilan unsur.", fields)
	}
	err := a.DB.Tx(ctx, p.Scope(), func(tx pgx.Tx) error {
		return store.AnswerSurvey(ctx, tx, p.TenantID, id, p.UserID, vals, suggestion, a.Clock.Now())
	})
	if errors.Is(err, store.ErrConflict) {
		return Conflict("Survei ini sudah diisi. Terima kasih.")
	}
	if err != nil {
		return fmt.Errorf("answer survey %d: %w", id, err)
	}
	return nil
}

// SemesterIndex is the IKM of one semester.
type SemesterIndex struct {
	Year     int
	Semester int // 1: January–June, 2: July–December
	skm.Result
}

// SatisfactionIndex computes the IKM per semester, newest first: of the caller's
// tenant for its staff, of every tenant for the Dirjen and the platform admin.
func (a *App) SatisfactionIndex(ctx context.Context, p Principal) ([]SemesterIndex, error) {
	scope, tenant := p.Scope(), p.TenantID
	switch {
	case p.IsStaff():
	case p.Role == workflow.RoleDirjen || p.Role == workflow.RoleAdmin:
		scope, tenant = store.System(), 0 // answers' totals only, no content
	default:
		return nil, Forbidden("")
	}
	var totals []store.SurveyTotals
	err := a.DB.ReadTx(ctx, scope, func(tx pgx.Tx) error {
		var err error
		totals, err = store.SurveyTotalsBySemester(ctx, tx, tenant)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("survey totals: %w", err)
	}
	var out []SemesterIndex
	for _, st := range totals {
		var t skm.Totals
		for i := range min(len(st.Sums), 9) {
			t.Sum[i], t.Count[i] = int(st.Sums[i]), int(st.Counts[i])
		}
		if r, ok := skm.Compute(t); ok {
			out = append(out, SemesterIndex{Year: st.Year, Semester: st.Semester, Result: r})
		}
	}
	return out, nil
}
