package web

// WebhookPanel is a tenant's outgoing webhook as its settings page shows it (the
// kepala's, and the platform admin's page for the tenant): the endpoint, the
// secret only on the answer that generated it, and the last deliveries.
type WebhookPanel struct {
	Action     string // where the form posts
	Configured bool
	URL        string // the stored endpoint, or what was typed into a refused form
	Updated    string
	NewSecret  string // shown this once
	Error      string
	Fields     map[string]string
	Rows       []WebhookDeliveryRow
	// OlderHref and NewestHref page the deliveries (keyset: ?sebelum=ID); ""
	// when there is no such page.
	OlderHref, NewestHref string
}

// WebhookDeliveryRow is one event's delivery.
type WebhookDeliveryRow struct {
	At         string
	Number     string
	Href       string // the application's page, for the kepala; "" for the admin
	Event      string
	State      string // the state the application moved to
	Status     string // Terkirim, Menunggu, Gagal
	StatusCls  string // ok, warn, bad
	Attempts   string
	HTTPStatus string
	LastError  string
	MessageID  string
}

// AdminWebhookPage is the platform admin's page for one tenant's webhook.
type AdminWebhookPage struct {
	Page
	Tenant  string
	Webhook WebhookPanel
}
