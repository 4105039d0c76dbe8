package app

import (
	"context"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Agreement documents a preview renders.
const (
	PreviewPKS    = "pks"
	PreviewJuknis = "juknis"
)

// PreviewAgreement renders the PKS (or, with doc PreviewJuknis, the Juknis) as
// the agreement editor's form stands, unsaved: the same input reading, limits
// and generator as prepare_agreement and revise_agreement, in a read-only
// transaction, so no version, document, letter number or history entry comes of
// it. Every page is marked as an unsaved preview of the draft version it would
// become. It is offered to whoever may fire the editor's event now.
func (a *App) PreviewAgreement(ctx context.Context, p Principal, appID int64, act Action, doc string) ([]byte, error) {
	if act.Event != workflow.PrepareAgreement && act.Event != workflow.ReviseAgreement {
		return nil, NotFound("Pratinjau")
	}
	if doc != PreviewJuknis {
		doc = PreviewPKS
	}
	def := actions[act.Event]
	in, bad := def.read(act.Form)
	if len(bad) > 0 {
		return nil, Invalid("Pratinjau belum dapat dibuat. Periksa isian yang ditandai.", bad)
	}
	if fields := def.limits(in); len(fields) > 0 {
		return nil, Invalid("Isian terlalu panjang atau terlalu banyak untuk dipratinjau. Periksa isian yang ditandai.", fields)
	}
	var out []byte
	err := a.DB.ReadTx(ctx, scope(p), func(tx pgx.Tx) error {
		c := &fireCtx{a: a, ctx: ctx, tx: tx, p: p, def: def, in: in, now: a.Clock.Now(), details: map[string]any{}}
		if err := c.load(appID, Action{Event: act.Event, TenantID: act.TenantID}); err != nil {
			return err
		}
		if !slices.Contains(workflow.Available(c.ap.State, p.Role), act.Event) {
			return Conflict("Pratinjau PKS dan Juknis hanya tersedia selama Anda dapat menyusun drafnya; permohonan " +
				c.ap.Number + " kini pada tahap " + c.ap.State.Label() + ". Muat ulang halaman permohonan.")
		}
		version, err := store.NextAgreementVersion(ctx, tx, c.t.ID, c.ap.ID)
		if err != nil {
			return err
		}
		approval, err := c.approvalReference()
		if err != nil {
			return err
		}
		meta := letters.AgreementMeta{Approval: approval, DraftVersion: version, Preview: true}
		if doc == PreviewJuknis {
			out, err = letters.Juknis(c.office(), c.letterApp(), meta, letters.Reference{}, in["juknis"].Sections)
		} else {
			out, err = letters.PKS(c.office(), c.letterApp(), meta, in["clause"].Clauses)
		}
		if err != nil {
			return generationError(err)
		}
		return nil
	})
	if err != nil {
		return nil, mapStoreErr(err, "Permohonan")
	}
	return out, nil
}
