package app

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// DataElement is one element of the population data catalogue (UU 24/2013
// Pasal 58(2), docs/domain.md §3).
type DataElement struct {
	Code      string // e.g. "nik", "sidik_jari"
	Letter    string // its letter in the published list, a … ee
	Name      string
	Protected bool // Pasal 84(1): a request must say why it needs it
}

// Catalog is the whole catalogue in its published order.
type Catalog []DataElement

// Lookup returns the element with code; an unknown code gives the zero element.
func (c Catalog) Lookup(code string) DataElement {
	for _, d := range c {
		if d.Code == code {
			return d
		}
	}
	return DataElement{}
}

// RequestedElement is an element an application asks for (item 2c), with the
// justification a protected one needs.
type RequestedElement struct {
	DataElement
	Justification string
}

// fact is the element as the workflow guards check it.
func (e RequestedElement) fact() workflow.DataElement {
	return workflow.DataElement{Code: e.Code, Name: e.Name, Protected: e.Protected, Justification: e.Justification}
}

// letter is the element as the letters list it.
func (e RequestedElement) letter() letters.Element {
	return letters.Element{Letter: e.Letter, Name: e.Name, Protected: e.Protected, Justification: e.Justification}
}

// requested joins an application's element rows with the catalogue, in the
// rows' order; a code the catalogue lacks keeps its code and no name.
func (c Catalog) requested(rows []store.Element) []RequestedElement {
	out := make([]RequestedElement, 0, len(rows))
	for _, r := range rows {
		d := c.Lookup(r.Code)
		d.Code = r.Code
		out = append(out, RequestedElement{DataElement: d, Justification: r.Justification})
	}
	return out
}

// loadCatalog reads the catalogue.
func loadCatalog(ctx context.Context, tx pgx.Tx) (Catalog, error) {
	rows, err := store.DataElements(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("data element catalogue: %w", err)
	}
	return catalogOf(rows), nil
}

// catalogOf types the catalogue's rows.
func catalogOf(rows []store.DataElement) Catalog {
	out := make(Catalog, len(rows))
	for i, r := range rows {
		out[i] = DataElement{Code: r.Code, Letter: r.Letter, Name: r.Name, Protected: r.Protected}
	}
	return out
}

// loadRequested reads an application's requested elements joined with catalog.
func loadRequested(ctx context.Context, tx pgx.Tx, catalog Catalog, tenantID, appID int64) ([]RequestedElement, error) {
	rows, err := store.Elements(ctx, tx, tenantID, appID)
	if err != nil {
		return nil, fmt.Errorf("requested elements: %w", err)
	}
	return catalog.requested(rows), nil
}
