package main

import (
	"context"
	"fmt"
	"io"

	"github.com/hakakses/hakakses/internal/app"
)

// verifyHistory proves every application's history and the audit trail intact,
// printing each break to w; any break is an error (a non-zero exit), so a cron
// job or an operator's script notices.
func verifyHistory(ctx context.Context, a *app.App, w io.Writer) error {
	brk, n, err := a.VerifyHistory(ctx)
	if err != nil {
		return err
	}
	for _, b := range brk {
		fmt.Fprintf(w, "history broken: tenant %d, application %d, entry %d: %s\n", b.TenantID, b.ApplicationID, b.Seq, b.Reason)
	}
	seq, reason, an, err := a.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if seq != 0 {
		fmt.Fprintf(w, "audit trail broken at entry %d: %s\n", seq, reason)
	}
	if len(brk) > 0 || seq != 0 {
		return fmt.Errorf("history broken in %d applications (%d entries checked), audit trail %s (%d entries checked)",
			len(brk), n, map[bool]string{true: "intact", false: "broken"}[seq == 0], an)
	}
	fmt.Fprintf(w, "audit trail intact: %d entries checked\n", an)
	fmt.Fprintf(w, "history intact: %d entries checked\n", n)
	return nil
}
