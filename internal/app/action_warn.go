package app

import "github.com/hakakses/hakakses/internal/workflow"

// Warn: teguran tertulis — a recorded warning letter with its typed ground;
// access stays.
var _ = define(actionDef{
	Event:   workflow.Warn,
	Help:    workflow.SanctionTeguran.Effect(),
	Fields:  groundFields(false),
	History: sanctionHistory,
	facts:   sanctionFacts,
	effect:  sanctionEffect,
	Notice:  sanctionNotice("Teguran tertulis diberikan", "selesaikan dasar teguran tersebut; pengulangan dapat berujung penghentian sementara."),
})

// sanctionNotice tells the lembaga and the office of a sanction.
func sanctionNotice(what, next string) notice {
	return notice{
		to:   []audience{toLembaga, toStaff},
		what: what + " untuk {app} oleh {actor}.",
		next: map[audience]string{toLembaga: next, anyone: "pantau penyelesaiannya."},
	}
}
