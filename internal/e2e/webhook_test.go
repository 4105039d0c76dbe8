package e2e

import (
	"net/http"
	"strings"
	"testing"
)

// TestKepalaSetsAWebhookOnAPhone: the settings page's webhook section on a
// 390×844 phone (every screen fits the width and passes axe-core, a reload
// after each form is a page): a plain-HTTP address is refused at its field in
// Bahasa Indonesia, an HTTPS one is saved and its secret shown this once, and
// the events three transitions queued are listed.
func TestKepalaSetsAWebhookOnAPhone(t *testing.T) {
	e := startPhone(t)
	f := newFixtures(t)
	e.as("kepala")
	e.visit("/oki/kantor/pengaturan")
	e.must(testID("webhook-deliveries-empty"), "no deliveries yet")

	e.fill("#webhook_url", "http://sistem.dinas.go.id/hakakses")
	e.clickExpect(testID("webhook-save"), "webhook-refused", http.StatusUnprocessableEntity)
	if msg := js[string](e, `document.querySelector('[data-testid="error-webhook_url"]').textContent`); !strings.Contains(msg, "harus diawali https://") {
		e.errorf("refused address: the field says %q", msg)
	}
	e.fill("#webhook_url", "https://sistem.dinas.go.id/hakakses")
	e.click(testID("webhook-save"), "webhook-saved")
	if secret := js[string](e, `document.querySelector('[data-testid="webhook-secret"] code').textContent`); !strings.HasPrefix(secret, "whsec_") {
		e.errorf("the new secret shows as %q", secret)
	}

	e.setup(f).approved() // submit, forward, approve: three events (no queue works them here)
	e.visit("/oki/kantor/pengaturan")
	if n := js[int](e, `document.querySelectorAll('[data-testid="webhook-delivery"]').length`); n != 3 {
		e.errorf("%d deliveries listed, want 3", n)
	}
	if e.has(testID("webhook-secret")) {
		e.errorf("the secret is shown again")
	}
}
