package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// SurveyInvitation is a survey just created for an application that ended.
type SurveyInvitation struct {
	ID            int64  `db:"id"`
	TenantID      int64  `db:"tenant_id"`
	ApplicationID int64  `db:"application_id"`
	InstitutionID int64  `db:"institution_id"`
	EndedState    string `db:"ended_state"`
	Number        string `db:"number"`
}

// InviteEndedApplications creates, once per application, the survey of every
// application that ended (active, rejected, withdrawn) and has none, up to limit,
// and returns those created (system scope). Concurrent runs create each once.
func InviteEndedApplications(ctx context.Context, q pgx.Tx, now time.Time, limit int) ([]SurveyInvitation, error) {
	rows, err := q.Query(ctx, `WITH ended AS (
			SELECT a.tenant_id, a.id, a.institution_id, a.state, a.number FROM applications a
			WHERE a.state IN ('active', 'rejected', 'withdrawn') AND a.submitted_at IS NOT NULL -- a draft withdrawn was never served
			  AND NOT EXISTS (SELECT 1 FROM satisfaction_surveys s WHERE s.application_id = a.id)
			ORDER BY a.state_since, a.id LIMIT @limit
		), created AS (
			INSERT INTO satisfaction_surveys (tenant_id, application_id, institution_id, ended_state, invited_at)
			SELECT tenant_id, id, institution_id, state, @now FROM ended
			ON CONFLICT (application_id) DO NOTHING
			RETURNING id, tenant_id, application_id, institution_id, ended_state
		)
		SELECT c.id, c.tenant_id, c.application_id, c.institution_id, c.ended_state, e.number
		FROM created c JOIN ended e ON e.id = c.application_id ORDER BY c.id`,
		pgx.NamedArgs{"now": now, "limit": limit})
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[SurveyInvitation])
}

// Survey is one survey as its institution sees it.
type Survey struct {
	ID            int64      `db:"id"`
	TenantID      int64      `db:"tenant_id"`
	ApplicationID int64      `db:"application_id"`
	InstitutionID int64      `db:"institution_id"`
	Number        string     `db:"number"`
	EndedState    string     `db:"ended_state"`
	InvitedAt     time.Time  `db:"invited_at"`
	AnsweredAt    *time.Time `db:"answered_at"`
	Answers       []int16    `db:"answers"`
	Suggestion    string     `db:"suggestion"`
}

// SurveyByID reads one survey of a tenant (within the transaction's scope).
func SurveyByID(ctx context.Context, q pgx.Tx, tenantID, id int64) (Survey, error) {
	rows, err := q.Query(ctx, `SELECT s.id, s.tenant_id, s.application_id, s.institution_id, a.number, s.ended_state,
			s.invited_at, s.answered_at, s.answers, s.suggestion
		FROM satisfaction_surveys s JOIN applications a ON a.tenant_id = s.tenant_id AND a.id = s.application_id
		WHERE s.tenant_id = $1 AND s.id = $2`, tenantID, id)
	if err != nil {
		return Survey{}, err
	}
	s, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Survey])
	return s, notFound(err)
}

// AnswerSurvey records the answers of a survey not answered yet; ErrConflict if it
// was answered already.
func AnswerSurvey(ctx context.Context, q pgx.Tx, tenantID, id, userID int64, answers []int16, suggestion string, now time.Time) error {
	tag, err := q.Exec(ctx, `UPDATE satisfaction_surveys SET answered_at = @now, answered_by = @user, answers = @answers,
			suggestion = @suggestion
		WHERE tenant_id = @tenant AND id = @id AND answered_at IS NULL`,
		pgx.NamedArgs{"now": now, "user": userID, "answers": answers, "suggestion": suggestion, "tenant": tenantID, "id": id})
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return ErrConflict
	}
	return nil
}

// SurveyTotals are the sums and counts of the answers to each element in one
// semester (of one tenant, or all).
type SurveyTotals struct {
	Year     int     `db:"year"`
	Semester int     `db:"semester"` // 1: January–June, 2: July–December (local time)
	Sums     []int64 `db:"sums"`
	Counts   []int64 `db:"counts"`
}

// SurveyTotalsBySemester sums the answers per element and semester, newest first,
// in one query: of one tenant, or of every tenant when tenantID is 0 (system scope).
// Semesters follow each tenant's local calendar.
func SurveyTotalsBySemester(ctx context.Context, q pgx.Tx, tenantID int64) ([]SurveyTotals, error) {
	rows, err := q.Query(ctx, `WITH answered AS (
			SELECT (s.answered_at AT TIME ZONE t.zona_waktu) AS local, s.answers
			FROM satisfaction_surveys s JOIN tenants t ON t.id = s.tenant_id
			WHERE s.answered_at IS NOT NULL AND (@tenant = 0 OR s.tenant_id = @tenant)
		), per AS (
			SELECT extract(year FROM local)::int AS year, CASE WHEN extract(month FROM local) <= 6 THEN 1 ELSE 2 END AS semester,
				u.i, sum(u.v)::bigint AS total, count(*)::bigint AS n
			FROM answered, unnest(answers) WITH ORDINALITY AS u(v, i)
			GROUP BY 1, 2, 3
		)
		SELECT year, semester, array_agg(total ORDER BY i) AS sums, array_agg(n ORDER BY i) AS counts
		FROM per GROUP BY year, semester ORDER BY year DESC, semester DESC`, pgx.NamedArgs{"tenant": tenantID})
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[SurveyTotals])
}
