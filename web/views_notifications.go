package web

// Notifications is the logged-in user's notification list, newest first.
type Notifications struct {
	Page
	Items    []NotificationItem
	Unread   int // across all pages
	PageNo   int
	PrevHref string // "" on the first page
	NextHref string // "" on the last page
}

// NotificationItem is one notification in the list.
type NotificationItem struct {
	Title    string
	Body     string
	When     string // "10 Maret 2026 10.00 WIB"
	Unread   bool
	OpenHref string // POST here to mark it read and go to its application
}

// DevMailbox is the development mailbox: the newest e-mails of the outbox, shown
// instead of sent when no SMTP server is configured.
type DevMailbox struct {
	Page
	Messages []DevMail
}

// DevMail is one e-mail in the development mailbox.
type DevMail struct {
	To          string
	Subject     string
	Body        string
	When        string
	Status      string // in words
	StatusClass string // pill colour: ok, warn, bad
	Error       string
}
