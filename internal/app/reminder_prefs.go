package app

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// ReminderKind is a kind of reminder a user chooses a channel for.
type ReminderKind struct {
	Kind  string
	Label string // in Bahasa Indonesia
	Roles []workflow.Role
}

// ReminderKinds lists the kinds, each with the roles it concerns.
var ReminderKinds = []ReminderKind{
	{PrefDeadline, "Tenggat layanan: hampir jatuh tempo, terlampaui, eskalasi", []workflow.Role{workflow.RolePetugas, workflow.RoleKepala}},
	{PrefRegistration, "Pendaftaran lembaga baru", []workflow.Role{workflow.RolePetugas, workflow.RoleKepala}},
	{PrefPKSEnd, "PKS akan berakhir (90, 30 dan 7 hari sebelumnya)", []workflow.Role{workflow.RoleLembaga, workflow.RolePetugas, workflow.RoleKepala}},
	{PrefReport, "Laporan semester jatuh tempo atau terlambat", []workflow.Role{workflow.RoleLembaga, workflow.RolePetugas, workflow.RoleKepala}},
	{PrefDirjenDigest, "Ringkasan harian permohonan yang menunggu", []workflow.Role{workflow.RoleDirjen}},
}

// ReminderChannels returns the caller's channel ("email" or "inapp") for each kind
// of reminder that concerns their role.
func (a *App) ReminderChannels(ctx context.Context, p Principal) (map[string]string, error) {
	out := map[string]string{}
	err := a.DB.ReadTx(ctx, p.Scope(), func(tx pgx.Tx) error {
		chosen, err := store.NotificationPreferences(ctx, tx, p.UserID)
		if err != nil {
			return fmt.Errorf("read reminder channels: %w", err)
		}
		for _, k := range ReminderKinds {
			if slices.Contains(k.Roles, p.Role) {
				out[k.Kind] = "email"
				if c, ok := chosen[k.Kind]; ok {
					out[k.Kind] = c
				}
			}
		}
		return nil
	})
	return out, err
}

// SetReminderChannel stores the caller's channel for one kind of reminder: "email"
// (in-app and e-mail) or "inapp" (in-app only).
func (a *App) SetReminderChannel(ctx context.Context, p Principal, kind, channel string) error {
	i := slices.IndexFunc(ReminderKinds, func(k ReminderKind) bool { return k.Kind == kind })
	if i < 0 || !slices.Contains(ReminderKinds[i].Roles, p.Role) {
		return Invalid("Jenis pengingat tidak dikenal.", map[string]string{"kind": "Pilih jenis pengingat dari daftar."})
	}
	if channel != "email" && channel != "inapp" {
		return Invalid("Saluran pengingat tidak dikenal.", map[string]string{kind: "Pilih e-mail atau hanya di aplikasi."})
	}
	return a.DB.Tx(ctx, p.Scope(), func(tx pgx.Tx) error {
		if err := store.SetNotificationPreference(ctx, tx, p.UserID, kind, channel); err != nil {
			return fmt.Errorf("save reminder channel: %w", err)
		}
		return nil
	})
}
