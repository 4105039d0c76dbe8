package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// This file holds the SQL of the agreement's life after signing (migration
// 000012): negotiation comments and acceptances, staff notes, semester reports
// and their review, sanctions, addenda, data balikan deliveries and the
// semester evaluation recap. Every function takes the tenant first.

// Comment is one remark on a pasal of one draft version.
type Comment struct {
	ID         int64     `db:"id"`
	Version    int       `db:"version"`
	Document   string    `db:"document"` // "pks" or "juknis"
	Pasal      int       `db:"pasal"`    // 0: the document as a whole
	Body       string    `db:"body"`
	ReplyTo    *int64    `db:"reply_to"`
	AuthorRole string    `db:"author_role"`
	AuthorName string    `db:"author_name"`
	CreatedAt  time.Time `db:"created_at"`
}

// NewComment is a comment to write.
type NewComment struct {
	TenantID, ApplicationID int64
	Version                 int
	Document                string
	Pasal                   int
	Body                    string
	ReplyTo                 *int64
	AuthorID                int64
	AuthorRole, AuthorName  string
}

// AddComment writes a comment on a draft version.
func AddComment(ctx context.Context, q pgx.Tx, c NewComment, now time.Time) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `INSERT INTO agreement_comments (tenant_id, application_id, version, document, pasal, body,
		reply_to, author_id, author_role, author_name, created_at)
		VALUES (@tenant, @app, @version, @document, @pasal, @body, @reply_to, @author, @role, @name, @now) RETURNING id`,
		pgx.NamedArgs{"tenant": c.TenantID, "app": c.ApplicationID, "version": c.Version, "document": c.Document,
			"pasal": c.Pasal, "body": c.Body, "reply_to": c.ReplyTo, "author": c.AuthorID, "role": c.AuthorRole,
			"name": c.AuthorName, "now": now}).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("add comment on version %d: %w", c.Version, err)
	}
	return id, nil
}

// Comments lists an application's comments, oldest first.
func Comments(ctx context.Context, q pgx.Tx, tenantID, appID int64) ([]Comment, error) {
	rows, err := q.Query(ctx, `SELECT id, version, document, pasal, body, reply_to, author_role, author_name, created_at
		FROM agreement_comments WHERE tenant_id = @tenant AND application_id = @app ORDER BY version, id`,
		pgx.NamedArgs{"tenant": tenantID, "app": appID})
	if err != nil {
		return nil, fmt.Errorf("list comments: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Comment])
	if err != nil {
		return nil, fmt.Errorf("list comments: %w", err)
	}
	return out, nil
}

// CountComments counts the lembaga's comments on one version, which a change
// request needs.
func CountComments(ctx context.Context, q pgx.Tx, tenantID, appID int64, version int, role string) (int, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT count(*) FROM agreement_comments WHERE tenant_id = @tenant AND application_id = @app
		AND version = @version AND author_role = @role`,
		pgx.NamedArgs{"tenant": tenantID, "app": appID, "version": version, "role": role}).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count comments: %w", err)
	}
	return n, nil
}

// AcceptAgreement records the lembaga's agreement to a draft version; a
// version is agreed at most once.
func AcceptAgreement(ctx context.Context, q pgx.Tx, tenantID, appID int64, version int, by int64, name string, now time.Time) error {
	_, err := q.Exec(ctx, `INSERT INTO agreement_acceptances (tenant_id, application_id, version, accepted_by, accepted_name, accepted_at)
		VALUES (@tenant, @app, @version, @by, @name, @now)`,
		pgx.NamedArgs{"tenant": tenantID, "app": appID, "version": version, "by": by, "name": name, "now": now})
	if IsUniqueViolation(err, "") {
		return fmt.Errorf("accept version %d: %w", version, ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("accept version %d: %w", version, err)
	}
	return nil
}

// AgreedVersion is the latest version the lembaga agreed to, 0 when none.
func AgreedVersion(ctx context.Context, q pgx.Tx, tenantID, appID int64) (int, error) {
	var v int
	err := q.QueryRow(ctx, `SELECT COALESCE(max(version), 0) FROM agreement_acceptances
		WHERE tenant_id = @tenant AND application_id = @app`, pgx.NamedArgs{"tenant": tenantID, "app": appID}).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("agreed version: %w", err)
	}
	return v, nil
}

// StaffNote is an office-internal note; row-level security keeps it from the
// lembaga and the Dirjen.
type StaffNote struct {
	ID         int64     `db:"id"`
	Body       string    `db:"body"`
	AuthorName string    `db:"author_name"`
	CreatedAt  time.Time `db:"created_at"`
}

// AddStaffNote writes a note; only a staff scope may.
func AddStaffNote(ctx context.Context, q pgx.Tx, tenantID, appID, authorID int64, authorName, body string, now time.Time) error {
	_, err := q.Exec(ctx, `INSERT INTO staff_notes (tenant_id, application_id, body, author_id, author_name, created_at)
		VALUES (@tenant, @app, @body, @author, @name, @now)`,
		pgx.NamedArgs{"tenant": tenantID, "app": appID, "body": body, "author": authorID, "name": authorName, "now": now})
	if err != nil {
		return fmt.Errorf("add staff note: %w", err)
	}
	return nil
}

// StaffNotes lists an application's notes, newest first (none outside a staff scope).
func StaffNotes(ctx context.Context, q pgx.Tx, tenantID, appID int64) ([]StaffNote, error) {
	rows, err := q.Query(ctx, `SELECT id, body, author_name, created_at FROM staff_notes
		WHERE tenant_id = @tenant AND application_id = @app ORDER BY id DESC`, pgx.NamedArgs{"tenant": tenantID, "app": appID})
	if err != nil {
		return nil, fmt.Errorf("list staff notes: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[StaffNote])
	if err != nil {
		return nil, fmt.Errorf("list staff notes: %w", err)
	}
	return out, nil
}

// SemesterReport is one filed report with its review.
type SemesterReport struct {
	ID           int64      `db:"id"`
	Semester     string     `db:"semester"`
	DocumentID   int64      `db:"document_id"`
	FiledAt      time.Time  `db:"filed_at"`
	Review       string     `db:"review"`
	ReviewReason string     `db:"review_reason"`
	ReviewedAt   *time.Time `db:"reviewed_at"`
}

// InsertSemesterReport records a filed report for its semester. A semester with
// a report pending or accepted refuses another (ErrConflict).
func InsertSemesterReport(ctx context.Context, q pgx.Tx, tenantID, appID int64, semester string, docID int64, now time.Time) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `INSERT INTO semester_reports (tenant_id, application_id, semester, document_id, filed_at)
		VALUES (@tenant, @app, @semester, @doc, @now) RETURNING id`,
		pgx.NamedArgs{"tenant": tenantID, "app": appID, "semester": semester, "doc": docID, "now": now}).Scan(&id)
	if IsUniqueViolation(err, "semester_reports_one_standing") {
		return 0, fmt.Errorf("file report for %s: %w", semester, ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("file report for %s: %w", semester, err)
	}
	return id, nil
}

// ReviewSemesterReport accepts or returns a pending report, compare-and-set on
// its pending review: a report judged meanwhile is ErrConflict.
func ReviewSemesterReport(ctx context.Context, q pgx.Tx, tenantID, appID, reportID int64, review, reason string, by int64, now time.Time) (SemesterReport, error) {
	var r SemesterReport
	rows, err := q.Query(ctx, `UPDATE semester_reports SET review = @review, review_reason = @reason, reviewed_by = @by, reviewed_at = @now
		WHERE tenant_id = @tenant AND application_id = @app AND id = @id AND review = 'pending'
		RETURNING id, semester, document_id, filed_at, review, review_reason, reviewed_at`,
		pgx.NamedArgs{"tenant": tenantID, "app": appID, "id": reportID, "review": review, "reason": reason, "by": by, "now": now})
	if err != nil {
		return r, fmt.Errorf("review report %d: %w", reportID, err)
	}
	r, err = pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[SemesterReport])
	if errors.Is(err, pgx.ErrNoRows) {
		return r, fmt.Errorf("review report %d: %w", reportID, ErrConflict)
	}
	if err != nil {
		return r, fmt.Errorf("review report %d: %w", reportID, err)
	}
	return r, nil
}

// SemesterReports lists an application's reports in filing order.
func SemesterReports(ctx context.Context, q pgx.Tx, tenantID, appID int64) ([]SemesterReport, error) {
	rows, err := q.Query(ctx, `SELECT id, semester, document_id, filed_at, review, review_reason, reviewed_at
		FROM semester_reports WHERE tenant_id = @tenant AND application_id = @app ORDER BY id`,
		pgx.NamedArgs{"tenant": tenantID, "app": appID})
	if err != nil {
		return nil, fmt.Errorf("list reports: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[SemesterReport])
	if err != nil {
		return nil, fmt.Errorf("list reports: %w", err)
	}
	return out, nil
}

// Sanction is one recorded sanction or reinstatement.
type Sanction struct {
	ID           int64     `db:"id"`
	Kind         string    `db:"kind"`
	Ground       *string   `db:"ground"`
	GroundMonths *int      `db:"ground_months"`
	GroundText   string    `db:"ground_text"`
	UserIDs      []string  `db:"user_ids"`
	LetterNumber string    `db:"letter_number"`
	DocumentID   *int64    `db:"document_id"`
	ImposedRole  string    `db:"imposed_role"`
	ImposedAt    time.Time `db:"imposed_at"`
}

// NewSanction is a sanction to record.
type NewSanction struct {
	TenantID, ApplicationID int64
	Kind                    string
	Ground                  string // empty for a reinstatement
	GroundMonths            int
	GroundText              string
	UserIDs                 []string
	LetterNumber            string
	DocumentID              *int64
	ImposedBy               *int64
	ImposedRole             string
}

// InsertSanction records a sanction with its letter.
func InsertSanction(ctx context.Context, q pgx.Tx, s NewSanction, now time.Time) (int64, error) {
	var ground *string
	if s.Ground != "" {
		ground = &s.Ground
	}
	var months *int
	if s.GroundMonths > 0 {
		months = &s.GroundMonths
	}
	if s.UserIDs == nil {
		s.UserIDs = []string{}
	}
	var id int64
	err := q.QueryRow(ctx, `INSERT INTO sanctions (tenant_id, application_id, kind, ground, ground_months, ground_text,
		user_ids, letter_number, document_id, imposed_by, imposed_role, imposed_at)
		VALUES (@tenant, @app, @kind, @ground, @months, @text, @ids, @number, @doc, @by, @role, @now) RETURNING id`,
		pgx.NamedArgs{"tenant": s.TenantID, "app": s.ApplicationID, "kind": s.Kind, "ground": ground, "months": months,
			"text": s.GroundText, "ids": s.UserIDs, "number": s.LetterNumber, "doc": s.DocumentID, "by": s.ImposedBy,
			"role": s.ImposedRole, "now": now}).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("record %s: %w", s.Kind, err)
	}
	return id, nil
}

// Sanctions lists an application's sanctions, oldest first.
func Sanctions(ctx context.Context, q pgx.Tx, tenantID, appID int64) ([]Sanction, error) {
	rows, err := q.Query(ctx, `SELECT id, kind, ground, ground_months, ground_text, user_ids, letter_number, document_id,
		imposed_role, imposed_at FROM sanctions WHERE tenant_id = @tenant AND application_id = @app ORDER BY imposed_at, id`,
		pgx.NamedArgs{"tenant": tenantID, "app": appID})
	if err != nil {
		return nil, fmt.Errorf("list sanctions: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Sanction])
	if err != nil {
		return nil, fmt.Errorf("list sanctions: %w", err)
	}
	return out, nil
}

// AddendumRow is one addendum of a PKS.
type AddendumRow struct {
	ID             int64           `db:"id"`
	Seq            int             `db:"seq"`
	Purpose        string          `db:"purpose"`
	AddElements    json.RawMessage `db:"add_elements"`
	IPAddresses    []string        `db:"ip_addresses"`
	AddUserIDs     int             `db:"add_user_ids"`
	Reason         string          `db:"reason"`
	Status         string          `db:"status"`
	DirjenApproved bool            `db:"dirjen_approved"`
	DWHApproved    bool            `db:"dwh_approved"`
	Number         string          `db:"number"`
	DocumentID     *int64          `db:"document_id"`
	RequestedAt    time.Time       `db:"requested_at"`
	SignedAt       *time.Time      `db:"signed_at"`
}

// NewAddendum is the lembaga's amendment request.
type NewAddendum struct {
	TenantID, ApplicationID int64
	Purpose                 string
	AddElements             json.RawMessage
	IPAddresses             []string // nil: unchanged
	AddUserIDs              int
	Reason                  string
}

// InsertAddendum opens the next addendum; one in progress at a time (ErrConflict).
func InsertAddendum(ctx context.Context, q pgx.Tx, a NewAddendum, now time.Time) (int64, error) {
	if a.AddElements == nil {
		a.AddElements = json.RawMessage(`[]`)
	}
	var id int64
	err := q.QueryRow(ctx, `INSERT INTO addenda (tenant_id, application_id, seq, purpose, add_elements, ip_addresses,
		add_user_ids, reason, requested_at)
		SELECT @tenant, @app, COALESCE(max(seq), 0) + 1, @purpose, @elements, @ips, @users, @reason, @now
		FROM addenda WHERE tenant_id = @tenant AND application_id = @app RETURNING id`,
		pgx.NamedArgs{"tenant": a.TenantID, "app": a.ApplicationID, "purpose": a.Purpose, "elements": []byte(a.AddElements),
			"ips": a.IPAddresses, "users": a.AddUserIDs, "reason": a.Reason, "now": now}).Scan(&id)
	if IsUniqueViolation(err, "") {
		return 0, fmt.Errorf("open addendum: %w", ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("open addendum: %w", err)
	}
	return id, nil
}

// OpenAddendum is the addendum in progress, or ErrNotFound.
func OpenAddendum(ctx context.Context, q pgx.Tx, tenantID, appID int64) (AddendumRow, error) {
	rows, err := q.Query(ctx, addendumSelect+` WHERE tenant_id = @tenant AND application_id = @app AND status = 'requested'`,
		pgx.NamedArgs{"tenant": tenantID, "app": appID})
	if err != nil {
		return AddendumRow{}, fmt.Errorf("open addendum: %w", err)
	}
	a, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[AddendumRow])
	if err != nil {
		return a, fmt.Errorf("open addendum: %w", notFound(err))
	}
	return a, nil
}

// Addenda lists an application's addenda in order.
func Addenda(ctx context.Context, q pgx.Tx, tenantID, appID int64) ([]AddendumRow, error) {
	rows, err := q.Query(ctx, addendumSelect+` WHERE tenant_id = @tenant AND application_id = @app ORDER BY seq`,
		pgx.NamedArgs{"tenant": tenantID, "app": appID})
	if err != nil {
		return nil, fmt.Errorf("list addenda: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[AddendumRow])
	if err != nil {
		return nil, fmt.Errorf("list addenda: %w", err)
	}
	return out, nil
}

const addendumSelect = `SELECT id, seq, purpose, add_elements, ip_addresses, add_user_ids, reason, status, dirjen_approved,
	dwh_approved, number, document_id, requested_at, signed_at FROM addenda`

// AddendumUpdate moves an open addendum on: approvals, or its end (returned,
// rejected, signed with its number and document).
type AddendumUpdate struct {
	DirjenApproved, DWHApproved bool
	Status                      string // "requested" while it goes on
	Number                      string
	DocumentID                  *int64
	SignedAt                    *time.Time
}

// UpdateAddendum writes u to the open addendum id (compare-and-set on status).
func UpdateAddendum(ctx context.Context, q pgx.Tx, tenantID, appID, id int64, u AddendumUpdate) error {
	tag, err := q.Exec(ctx, `UPDATE addenda SET dirjen_approved = dirjen_approved OR @dirjen, dwh_approved = dwh_approved OR @dwh,
		status = @status, number = CASE WHEN @number = '' THEN number ELSE @number END,
		document_id = COALESCE(@doc, document_id), signed_at = COALESCE(@signed, signed_at)
		WHERE tenant_id = @tenant AND application_id = @app AND id = @id AND status = 'requested'`,
		pgx.NamedArgs{"tenant": tenantID, "app": appID, "id": id, "dirjen": u.DirjenApproved, "dwh": u.DWHApproved,
			"status": u.Status, "number": u.Number, "doc": u.DocumentID, "signed": u.SignedAt})
	if err != nil {
		return fmt.Errorf("update addendum %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("update addendum %d: %w", id, ErrConflict)
	}
	return nil
}

// Delivery is one recorded data balikan delivery.
type Delivery struct {
	ID          int64     `db:"id"`
	PeriodStart time.Time `db:"period_start"`
	PeriodEnd   time.Time `db:"period_end"`
	Channel     string    `db:"channel"`
	Records     int       `db:"records"`
	RecordedAt  time.Time `db:"recorded_at"`
}

// InsertDelivery records a delivery.
func InsertDelivery(ctx context.Context, q pgx.Tx, tenantID, appID int64, d Delivery, by int64, now time.Time) error {
	_, err := q.Exec(ctx, `INSERT INTO data_balikan_deliveries (tenant_id, application_id, period_start, period_end, channel,
		records, recorded_by, recorded_at) VALUES (@tenant, @app, @from, @to, @channel, @records, @by, @now)`,
		pgx.NamedArgs{"tenant": tenantID, "app": appID, "from": d.PeriodStart, "to": d.PeriodEnd, "channel": d.Channel,
			"records": d.Records, "by": by, "now": now})
	if err != nil {
		return fmt.Errorf("record data balikan: %w", err)
	}
	return nil
}

// Deliveries lists an application's deliveries, latest period first.
func Deliveries(ctx context.Context, q pgx.Tx, tenantID, appID int64) ([]Delivery, error) {
	rows, err := q.Query(ctx, `SELECT id, period_start, period_end, channel, records, recorded_at FROM data_balikan_deliveries
		WHERE tenant_id = @tenant AND application_id = @app ORDER BY period_end DESC, id DESC`,
		pgx.NamedArgs{"tenant": tenantID, "app": appID})
	if err != nil {
		return nil, fmt.Errorf("list deliveries: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Delivery])
	if err != nil {
		return nil, fmt.Errorf("list deliveries: %w", err)
	}
	return out, nil
}

// BehindRow is an agreement in force whose data balikan is not delivered up to
// a date: staff see who is behind.
type BehindRow struct {
	ApplicationID int64      `db:"application_id"`
	Number        string     `db:"number"`
	Institution   string     `db:"institution"`
	LastPeriodEnd *time.Time `db:"last_period_end"` // nil: never delivered
}

// DataBalikanBehind lists the tenant's agreements in force whose last recorded
// delivery ends before covered (or that never delivered), oldest gap first,
// keyset-paged after (last period end, id).
func DataBalikanBehind(ctx context.Context, q pgx.Tx, tenantID int64, covered time.Time, limit int) ([]BehindRow, error) {
	rows, err := q.Query(ctx, `SELECT a.id AS application_id, a.number, i.nama AS institution, d.last AS last_period_end
		FROM applications a JOIN institutions i ON i.tenant_id = a.tenant_id AND i.id = a.institution_id
		LEFT JOIN LATERAL (SELECT max(period_end) AS last FROM data_balikan_deliveries x
			WHERE x.tenant_id = a.tenant_id AND x.application_id = a.id) d ON true
		WHERE a.tenant_id = @tenant AND a.state IN ('active', 'suspended', 'addendum_requested', 'addendum_forwarded',
			'addendum_dwh_requested', 'addendum_approved')
		  AND (d.last IS NULL OR d.last < @covered)
		ORDER BY d.last NULLS FIRST, a.id LIMIT @limit`,
		pgx.NamedArgs{"tenant": tenantID, "covered": covered, "limit": limit})
	if err != nil {
		return nil, fmt.Errorf("data balikan behind: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[BehindRow])
	if err != nil {
		return nil, fmt.Errorf("data balikan behind: %w", err)
	}
	return out, nil
}

// InsertRecap stores a semester evaluation recap with its letter; one per
// tenant and semester (ErrConflict).
func InsertRecap(ctx context.Context, q pgx.Tx, tenantID int64, semester, number string, figures json.RawMessage, pdf, sha []byte, by int64, now time.Time) error {
	_, err := q.Exec(ctx, `INSERT INTO evaluation_recaps (tenant_id, semester, letter_number, figures, content, sha256, created_by, created_at)
		VALUES (@tenant, @semester, @number, @figures, @content, @sha, @by, @now)`,
		pgx.NamedArgs{"tenant": tenantID, "semester": semester, "number": number, "figures": []byte(figures),
			"content": pdf, "sha": sha, "by": by, "now": now})
	if IsUniqueViolation(err, "") {
		return fmt.Errorf("recap %s: %w", semester, ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("recap %s: %w", semester, err)
	}
	return nil
}

// ApplyAddendum writes a signed addendum's changes to the application: a new
// purpose (when not empty), added elements, a new IP LAN list (when not nil).
func ApplyAddendum(ctx context.Context, q pgx.Tx, tenantID, appID int64, purpose string, add []Element, ips []string) error {
	if _, err := q.Exec(ctx, `UPDATE applications SET purpose = CASE WHEN @purpose = '' THEN purpose ELSE @purpose END,
		ip_addresses = COALESCE(@ips, ip_addresses) WHERE tenant_id = @tenant AND id = @app`,
		pgx.NamedArgs{"tenant": tenantID, "app": appID, "purpose": purpose, "ips": ips}); err != nil {
		return fmt.Errorf("apply addendum: %w", err)
	}
	for _, e := range add {
		if _, err := q.Exec(ctx, `INSERT INTO application_elements (tenant_id, application_id, element, justification)
			VALUES (@tenant, @app, @code, @why) ON CONFLICT (tenant_id, application_id, element) DO NOTHING`,
			pgx.NamedArgs{"tenant": tenantID, "app": appID, "code": e.Code, "why": e.Justification}); err != nil {
			return fmt.Errorf("apply addendum element %s: %w", e.Code, err)
		}
	}
	return nil
}

// SetCopyOf links a copy-as-new draft to the rejected or withdrawn application
// it was copied from.
func SetCopyOf(ctx context.Context, q pgx.Tx, tenantID, appID, copyOf int64) error {
	if _, err := q.Exec(ctx, `UPDATE applications SET copy_of = @copy WHERE tenant_id = @tenant AND id = @app`,
		pgx.NamedArgs{"tenant": tenantID, "app": appID, "copy": copyOf}); err != nil {
		return fmt.Errorf("link copy of %d: %w", copyOf, err)
	}
	return nil
}
