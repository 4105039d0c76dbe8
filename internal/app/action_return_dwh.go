package app

import "github.com/hakakses/hakakses/internal/workflow"

// ReturnDWH: the Dirjen sends a DWH request back (e.g. the closed network is
// inadequate); the lembaga fixes it and asks for User IDs again.
var _ = define(actionDef{
	Event:   workflow.ReturnDWH,
	Fields:  []Field{reasonField("Alasan (mis. jaringan tertutup belum memadai)")},
	History: []HistoryDetail{reasonDetail},
	facts:   reasonFacts,
	effect:  recordReasonEffect,
	Notice: notice{
		to: always(toLembaga, toStaff),
		text: func(m *messageContext, aud audience) (string, string) {
			next := "perbaiki jaringan tertutup sesuai alasan di atas, lalu kirim ulang permintaan User ID."
			if aud == toStaff {
				next = "tunggu lembaga memperbaiki jaringannya dan mengirim ulang permintaan User ID."
			}
			return "Permohonan akses DWH untuk " + m.app + " dikembalikan oleh Direktur Jenderal Dukcapil.", next
		},
	},
})
