package app

import "github.com/hakakses/hakakses/internal/workflow"

// ReturnDWH: the Dirjen sends a DWH request back (e.g. the closed network is
// inadequate); the lembaga fixes it and asks for User IDs again.
var _ = define(withReason("Alasan (mis. jaringan tertutup belum memadai)", actionDef{
	Event: workflow.ReturnDWH,
	Notice: notice{
		to:   []audience{toLembaga, toStaff},
		what: "Permohonan akses DWH untuk {app} dikembalikan oleh Direktur Jenderal Dukcapil.",
		next: map[audience]string{
			toStaff: "tunggu lembaga memperbaiki jaringannya dan mengirim ulang permintaan User ID.",
			anyone:  "perbaiki jaringan tertutup sesuai alasan di atas, lalu kirim ulang permintaan User ID.",
		},
	},
}))
