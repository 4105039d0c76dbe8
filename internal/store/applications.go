package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/workflow"
)

// Application is one request for access rights, with its current state.
type Application struct {
	ID                    int64           `db:"id"`
	TenantID              int64           `db:"tenant_id"`
	InstitutionID         int64           `db:"institution_id"`
	Number                string          `db:"number"`
	State                 workflow.State  `db:"state"`
	Version               int             `db:"version"`
	RenewalOf             *int64          `db:"renewal_of"`
	InstitutionSnapshot   json.RawMessage `db:"institution_snapshot"`
	Purpose               string          `db:"purpose"`
	AccessMethods         []string        `db:"access_methods"`
	ReturnData            string          `db:"return_data"`
	TermMonths            *int            `db:"term_months"`
	EligPublicService     bool            `db:"eligibility_public_service"`
	EligNoVertical        bool            `db:"eligibility_no_vertical"`
	IPAddresses           []string        `db:"ip_addresses"`
	CreatedBy             int64           `db:"created_by"`
	CreatedAt             time.Time       `db:"created_at"`
	UpdatedAt             time.Time       `db:"updated_at"`
	StateSince            time.Time       `db:"state_since"`
	SubmittedAt           *time.Time      `db:"submitted_at"`
	ForwardedAt           *time.Time      `db:"forwarded_at"`
	PKSStart              *time.Time      `db:"pks_start"`
	PKSEnd                *time.Time      `db:"pks_end"`
	ReceiptAcknowledgedAt *time.Time      `db:"receipt_acknowledged_at"`
	SLAClock              *string         `db:"sla_clock"`
	SLADueAt              *time.Time      `db:"sla_due_at"`
}

const applicationColumns = `id, tenant_id, institution_id, number, state, version, renewal_of, institution_snapshot,
	purpose, access_methods, return_data, term_months, eligibility_public_service, eligibility_no_vertical,
	ip_addresses, created_by, created_at, updated_at, state_since, submitted_at, forwarded_at, pks_start, pks_end,
	receipt_acknowledged_at, sla_clock, sla_due_at`

// NewApplication is a fresh draft.
type NewApplication struct {
	TenantID      int64
	InstitutionID int64
	Number        string
	TrackingCode  string
	CreatedBy     int64
	RenewalOf     *int64
	Draft         Draft
}

// Draft is what the lembaga edits before submitting (items 2b–2f).
type Draft struct {
	Purpose           string
	AccessMethods     []string
	ReturnData        string
	TermMonths        *int
	EligPublicService bool
	EligNoVertical    bool
}

// CreateApplication inserts a draft and returns its ID.
func CreateApplication(ctx context.Context, q pgx.Tx, a NewApplication, now time.Time) (int64, error) {
	var id int64
	d := a.Draft
	if d.AccessMethods == nil {
		d.AccessMethods = []string{}
	}
	err := q.QueryRow(ctx, `INSERT INTO applications (tenant_id, institution_id, number, tracking_code, state, renewal_of,
		purpose, access_methods, return_data, term_months, eligibility_public_service, eligibility_no_vertical,
		created_by, created_at, updated_at, state_since)
		VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $13) RETURNING id`,
		a.TenantID, a.InstitutionID, a.Number, a.TrackingCode, a.RenewalOf, d.Purpose, d.AccessMethods, d.ReturnData,
		d.TermMonths, d.EligPublicService, d.EligNoVertical, a.CreatedBy, now).Scan(&id)
	return id, err
}

// UpdateDraft saves the editable fields while the application is a draft or returned.
func UpdateDraft(ctx context.Context, q pgx.Tx, tenantID, id int64, version int, d Draft, now time.Time) error {
	if d.AccessMethods == nil {
		d.AccessMethods = []string{}
	}
	tag, err := q.Exec(ctx, `UPDATE applications SET purpose = $4, access_methods = $5, return_data = $6, term_months = $7,
		eligibility_public_service = $8, eligibility_no_vertical = $9, updated_at = $10, version = version + 1
		WHERE tenant_id = $1 AND id = $2 AND version = $3 AND state IN ('draft', 'returned')`,
		tenantID, id, version, d.Purpose, d.AccessMethods, d.ReturnData, d.TermMonths, d.EligPublicService, d.EligNoVertical, now)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return ErrConflict
	}
	return nil
}

// ApplicationByID finds an application visible in the transaction's scope.
func ApplicationByID(ctx context.Context, q pgx.Tx, s Scope, id int64) (Application, error) {
	rows, err := q.Query(ctx, `SELECT `+applicationColumns+` FROM applications
		WHERE id = $1 AND ($2 = 0 OR tenant_id = $2) AND ($3 = 0 OR institution_id = $3)`, id, s.TenantID, s.InstitutionID)
	if err != nil {
		return Application{}, fmt.Errorf("store: application %d: %w", id, err)
	}
	a, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Application])
	return a, notFound(err)
}

// ApplicationByTracking finds an application by its number and tracking code
// (public tracking, system scope); the caller compares the code in constant time.
func ApplicationByTracking(ctx context.Context, q pgx.Tx, number string) (Application, string, error) {
	var code string
	if err := q.QueryRow(ctx, `SELECT tracking_code FROM applications WHERE number = $1`, number).Scan(&code); err != nil {
		return Application{}, "", notFound(err)
	}
	rows, err := q.Query(ctx, `SELECT `+applicationColumns+` FROM applications WHERE number = $1`, number)
	if err != nil {
		return Application{}, "", err
	}
	a, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Application])
	return a, code, notFound(err)
}

// TrackingCode returns an application's tracking code (for its own lembaga and staff).
func TrackingCode(ctx context.Context, q pgx.Tx, s Scope, id int64) (string, error) {
	var code string
	err := q.QueryRow(ctx, `SELECT tracking_code FROM applications
		WHERE id = $1 AND ($2 = 0 OR tenant_id = $2) AND ($3 = 0 OR institution_id = $3)`, id, s.TenantID, s.InstitutionID).Scan(&code)
	return code, notFound(err)
}

// SetApplicationNumber gives a new application its number, once its ID is known.
func SetApplicationNumber(ctx context.Context, q pgx.Tx, tenantID, id int64, number string) error {
	if _, err := q.Exec(ctx, `UPDATE applications SET number = $3 WHERE tenant_id = $1 AND id = $2`, tenantID, id, number); err != nil {
		return fmt.Errorf("store: number application %d: %w", id, err)
	}
	return nil
}

// ApplicationTenant is the tenant of an application the scope can see.
func ApplicationTenant(ctx context.Context, q pgx.Tx, id int64) (int64, error) {
	var tenantID int64
	err := q.QueryRow(ctx, `SELECT tenant_id FROM applications WHERE id = $1`, id).Scan(&tenantID)
	return tenantID, notFound(err)
}

// Change is what a transition writes to the application row besides the state.
type Change struct {
	ID          int64
	TenantID    int64
	From        string
	To          string
	Version     int // the version the actor saw: compare-and-set
	At          time.Time
	Submitted   bool // set submitted_at
	Forwarded   bool // set forwarded_at (once)
	Snapshot    json.RawMessage
	IPAddresses []string
	PKSStart    *time.Time
	PKSEnd      *time.Time
	Acknowledge bool
}

// Transition moves the application from c.From to c.To if — and only if — it is
// still in c.From at c.Version. Of concurrent attempts exactly one succeeds; the
// others get ErrConflict and change nothing.
func Transition(ctx context.Context, q pgx.Tx, c Change) (int, error) {
	var version int
	err := q.QueryRow(ctx, `UPDATE applications SET state = $5, version = version + 1, updated_at = $6,
		state_since = CASE WHEN state = $5 THEN state_since ELSE $6 END,
		submitted_at = CASE WHEN $7 THEN $6 ELSE submitted_at END,
		forwarded_at = CASE WHEN $8 THEN COALESCE(forwarded_at, $6) ELSE forwarded_at END,
		institution_snapshot = COALESCE($9, institution_snapshot),
		ip_addresses = COALESCE($10, ip_addresses),
		pks_start = COALESCE($11, pks_start), pks_end = COALESCE($12, pks_end),
		receipt_acknowledged_at = CASE WHEN $13 THEN $6 ELSE receipt_acknowledged_at END
		WHERE tenant_id = $1 AND id = $2 AND state = $3 AND version = $4
		RETURNING version`,
		c.TenantID, c.ID, c.From, c.Version, c.To, c.At, c.Submitted, c.Forwarded, nullJSON(c.Snapshot),
		c.IPAddresses, c.PKSStart, c.PKSEnd, c.Acknowledge).Scan(&version)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, ErrConflict
	}
	if err == nil && c.Forwarded {
		// From now on the Dirjen liaison may read this institution (row-level security).
		_, err = q.Exec(ctx, `UPDATE institutions SET dirjen_visible = true
			WHERE tenant_id = $1 AND id = (SELECT institution_id FROM applications WHERE tenant_id = $1 AND id = $2) AND NOT dirjen_visible`, c.TenantID, c.ID)
	}
	return version, err
}

// SetSLA stores the running Disdukcapil clock's due instant (nil when none runs).
func SetSLA(ctx context.Context, q pgx.Tx, tenantID, id int64, clock *string, due *time.Time) error {
	_, err := q.Exec(ctx, `UPDATE applications SET sla_clock = $3, sla_due_at = $4 WHERE tenant_id = $1 AND id = $2`, tenantID, id, clock, due)
	return err
}

func nullJSON(b json.RawMessage) any {
	if len(b) == 0 {
		return nil
	}
	return []byte(b)
}

// Element is one requested data element with its justification.
type Element struct {
	Code          string `db:"element"`
	Justification string `db:"justification"`
}

// SetElements replaces the requested elements of a draft.
func SetElements(ctx context.Context, q pgx.Tx, tenantID, appID int64, els []Element) error {
	if _, err := q.Exec(ctx, `DELETE FROM application_elements WHERE tenant_id = $1 AND application_id = $2`, tenantID, appID); err != nil {
		return err
	}
	for _, e := range els {
		if _, err := q.Exec(ctx, `INSERT INTO application_elements (tenant_id, application_id, element, justification) VALUES ($1, $2, $3, $4)`,
			tenantID, appID, e.Code, e.Justification); err != nil {
			return err
		}
	}
	return nil
}

// Elements lists an application's requested elements in catalogue order.
func Elements(ctx context.Context, q pgx.Tx, tenantID, appID int64) ([]Element, error) {
	rows, err := q.Query(ctx, `SELECT ae.element, ae.justification FROM application_elements ae
		JOIN data_elements de ON de.kode = ae.element
		WHERE ae.tenant_id = $1 AND ae.application_id = $2 ORDER BY de.urutan`, tenantID, appID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[Element])
}

// DataElement is one entry of the catalogue of 31.
type DataElement struct {
	Code      string `db:"kode"`
	Letter    string `db:"huruf"`
	Name      string `db:"nama"`
	Protected bool   `db:"dilindungi"`
}

// DataElements returns the catalogue in order a … ee.
func DataElements(ctx context.Context, q pgx.Tx) ([]DataElement, error) {
	rows, err := q.Query(ctx, `SELECT kode, huruf, nama, dilindungi FROM data_elements ORDER BY urutan`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[DataElement])
}

// IssueUserIDs records the DWH User IDs the Dirjen issued.
func IssueUserIDs(ctx context.Context, q pgx.Tx, tenantID, appID int64, ids [][2]string, now time.Time) error {
	for _, id := range ids {
		_, err := q.Exec(ctx, `INSERT INTO issued_user_ids (tenant_id, application_id, user_id, category, issued_at) VALUES ($1, $2, $3, $4, $5)`,
			tenantID, appID, id[0], id[1], now)
		if IsUniqueViolation(err, "") {
			return ErrConflict
		}
		if err != nil {
			return err
		}
	}
	return nil
}
