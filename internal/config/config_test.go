package config

import "testing"

// HAKAKSES_WEBHOOK_ALLOW_PRIVATE is off unless set; "1" (as the tests and
// development set it) turns it on; anything else is refused at start-up.
func TestWebhookAllowPrivateIsOffByDefault(t *testing.T) {
	t.Setenv("HAKAKSES_WEBHOOK_ALLOW_PRIVATE", "")
	c, err := FromEnv()
	if err != nil || c.WebhookAllowPrivate {
		t.Fatalf("default: %v, %v", c.WebhookAllowPrivate, err)
	}
	t.Setenv("HAKAKSES_WEBHOOK_ALLOW_PRIVATE", "1")
	if c, err = FromEnv(); err != nil || !c.WebhookAllowPrivate {
		t.Fatalf("set to 1: %v, %v", c.WebhookAllowPrivate, err)
	}
	t.Setenv("HAKAKSES_WEBHOOK_ALLOW_PRIVATE", "ya")
	if _, err = FromEnv(); err == nil {
		t.Fatal("an unreadable value was accepted")
	}
}
