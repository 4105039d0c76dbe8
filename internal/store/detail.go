package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// An application's page shows its row and a dozen lists hanging off it. They
// are read in one statement (issue 14: a page within 8 statements, whatever
// the application's history): each list is an ARRAY(SELECT ROW(…)) subquery,
// which pgx scans into a slice of structs by position, so each ROW lists the
// struct's fields in declaration order. Each subquery keeps the order of the
// store function that reads the same list on its own (Events, DocumentsOf, …);
// TestApplicationDetailReadsWhatTheSingleReadsDo holds the two to each other.

// DetailRows is what an application's page reads from the database.
type DetailRows struct {
	App          Application
	TrackingCode string // empty when not asked for
	Institution  Institution
	HeadNIP      string
	Catalog      []DataElement
	Elements     []Element
	Documents    []Document
	Events       []Event
	Agreements   []AgreementVersion
	Identities   Identities
	Signing      *AgreementSigning    // nil before the signing
	UserIDs      []IssuedUserIDOfKind // every kind, ordered by kind and User ID (UserIDsByKind)
	Comments     []Comment
	Agreed       int         // the latest agreed version, 0 when none (AgreedVersion)
	StaffNotes   []StaffNote // nil when not asked for
	Reports      []SemesterReport
	Sanctions    []Sanction
	Addenda      []AddendumRow
	Deliveries   []Delivery
}

// DetailOptions say what only some viewers read.
type DetailOptions struct {
	TrackingCode bool // the lembaga and the office see the tracking code; the Dirjen does not
	StaffNotes   bool // the office's internal notes (row-level security hides them from others too)
}

// ApplicationDetail reads application id, visible in the transaction's scope s,
// with everything its page shows, in one statement. ErrNotFound when the scope
// does not reach it.
func ApplicationDetail(ctx context.Context, q pgx.Tx, s Scope, id int64, o DetailOptions) (DetailRows, error) {
	var d DetailRows
	a := &d.App
	err := q.QueryRow(ctx, `SELECT a.id, a.tenant_id, a.institution_id, a.number, a.state, a.version, a.renewal_of,
			a.institution_snapshot, a.purpose, a.access_methods, a.return_data, a.term_months, a.eligibility_public_service,
			a.eligibility_no_vertical, a.ip_addresses, a.created_by, a.created_at, a.updated_at, a.state_since, a.submitted_at,
			a.forwarded_at, a.pks_start, a.pks_end, a.receipt_acknowledged_at, a.sla_clock, a.sla_due_at,
			CASE WHEN $4 THEN a.tracking_code ELSE '' END,
			(SELECT ROW(i.id, i.tenant_id, i.jenis, i.nama, i.alamat, i.head_name, i.head_position, i.phone, i.email, i.status,
				i.status_reason, i.verified_at, i.created_at) FROM institutions i WHERE i.tenant_id = a.tenant_id AND i.id = a.institution_id),
			COALESCE((SELECT i.head_nip FROM institutions i WHERE i.tenant_id = a.tenant_id AND i.id = a.institution_id), ''),
			ARRAY(SELECT ROW(de.kode, de.huruf, de.nama, de.dilindungi) FROM data_elements de ORDER BY de.urutan),
			ARRAY(SELECT ROW(ae.element, ae.justification) FROM application_elements ae JOIN data_elements de ON de.kode = ae.element
				WHERE ae.tenant_id = a.tenant_id AND ae.application_id = a.id ORDER BY de.urutan),
			ARRAY(SELECT ROW(d.id, d.tenant_id, d.application_id, d.kind, d.version, d.filename, d.content_type, d.size_bytes,
				d.sha256, d.generated, d.created_by, d.created_at) FROM documents d
				WHERE d.tenant_id = a.tenant_id AND d.application_id = a.id ORDER BY d.created_at DESC, d.id DESC),
			ARRAY(SELECT ROW(e.id, e.tenant_id, e.application_id, e.seq, e.event, e.from_state, e.to_state, e.actor_id, e.actor_role,
				e.actor_name, e.at, e.data, e.document_ids, e.prev_hash, e.hash) FROM application_events e
				WHERE e.tenant_id = a.tenant_id AND e.application_id = a.id ORDER BY e.seq),
			ARRAY(SELECT ROW(v.version, v.pks_clauses, v.juknis_sections, v.pks_document_id, v.juknis_document_id, v.created_by,
				v.created_at) FROM agreement_versions v WHERE v.tenant_id = a.tenant_id AND v.application_id = a.id ORDER BY v.version DESC),
			ROW(a.request_letter_number, a.request_letter_date, a.eligibility_statement_number, a.eligibility_statement_date,
				a.recommendation_number, a.recommendation_date, a.recommended_by, a.closed_network_statement_number,
				a.closed_network_statement_date),
			(SELECT ROW(g.tenant_id, g.application_id, g.signed_on, g.pks_number_disdukcapil, g.pks_number_lembaga,
				g.juknis_number_disdukcapil, g.juknis_number_lembaga, g.kepala_name, g.kepala_nip, g.kepala_rank, g.kepala_acting,
				g.counterparty_name, g.counterparty_position, g.counterparty_nip, g.counterparty_edit_reason, g.recorded_at)
				FROM agreement_signings g WHERE g.tenant_id = a.tenant_id AND g.application_id = a.id),
			ARRAY(SELECT ROW(u.user_id, u.category, u.kind, u.issued_at) FROM issued_user_ids u
				WHERE u.tenant_id = a.tenant_id AND u.application_id = a.id ORDER BY u.kind, u.user_id),
			ARRAY(SELECT ROW(c.id, c.version, c.document, c.pasal, c.body, c.reply_to, c.author_role, c.author_name, c.created_at)
				FROM agreement_comments c WHERE c.tenant_id = a.tenant_id AND c.application_id = a.id ORDER BY c.version, c.id),
			(SELECT COALESCE(max(x.version), 0) FROM agreement_acceptances x WHERE x.tenant_id = a.tenant_id AND x.application_id = a.id),
			CASE WHEN $5 THEN ARRAY(SELECT ROW(n.id, n.body, n.author_name, n.created_at) FROM staff_notes n
				WHERE n.tenant_id = a.tenant_id AND n.application_id = a.id ORDER BY n.id DESC) END,
			ARRAY(SELECT ROW(r.id, r.semester, r.document_id, r.filed_at, r.review, r.review_reason, r.reviewed_at)
				FROM semester_reports r WHERE r.tenant_id = a.tenant_id AND r.application_id = a.id ORDER BY r.id),
			ARRAY(SELECT ROW(k.id, k.kind, k.ground, k.ground_months, k.ground_text, k.user_ids, k.letter_number, k.document_id,
				k.imposed_role, k.imposed_at) FROM sanctions k WHERE k.tenant_id = a.tenant_id AND k.application_id = a.id
				ORDER BY k.imposed_at, k.id),
			ARRAY(SELECT ROW(m.id, m.seq, m.purpose, m.add_elements, m.ip_addresses, m.add_user_ids, m.reason, m.status,
				m.dirjen_approved, m.dwh_approved, m.number, m.document_id, m.requested_at, m.signed_at) FROM addenda m
				WHERE m.tenant_id = a.tenant_id AND m.application_id = a.id ORDER BY m.seq),
			ARRAY(SELECT ROW(b.id, b.period_start, b.period_end, b.channel, b.records, b.recorded_at) FROM data_balikan_deliveries b
				WHERE b.tenant_id = a.tenant_id AND b.application_id = a.id ORDER BY b.period_end DESC, b.id DESC)
		FROM applications a
		WHERE a.id = $1 AND ($2 = 0 OR a.tenant_id = $2) AND ($3 = 0 OR a.institution_id = $3)`,
		id, s.TenantID, s.InstitutionID, o.TrackingCode, o.StaffNotes).Scan(
		&a.ID, &a.TenantID, &a.InstitutionID, &a.Number, &a.State, &a.Version, &a.RenewalOf, &a.InstitutionSnapshot,
		&a.Purpose, &a.AccessMethods, &a.ReturnData, &a.TermMonths, &a.EligPublicService, &a.EligNoVertical, &a.IPAddresses,
		&a.CreatedBy, &a.CreatedAt, &a.UpdatedAt, &a.StateSince, &a.SubmittedAt, &a.ForwardedAt, &a.PKSStart, &a.PKSEnd,
		&a.ReceiptAcknowledgedAt, &a.SLAClock, &a.SLADueAt,
		&d.TrackingCode, &d.Institution, &d.HeadNIP, &d.Catalog, &d.Elements, &d.Documents, &d.Events, &d.Agreements,
		&d.Identities, &d.Signing, &d.UserIDs, &d.Comments, &d.Agreed, &d.StaffNotes, &d.Reports, &d.Sanctions, &d.Addenda,
		&d.Deliveries)
	if err != nil {
		return DetailRows{}, fmt.Errorf("store: application %d with its page: %w", id, notFound(err))
	}
	return d, nil
}
