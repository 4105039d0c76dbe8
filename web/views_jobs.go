package web

// FailedJobsPage lists the background jobs that failed: given up, or waiting to
// retry, for the platform admin.
type FailedJobsPage struct {
	Page
	Jobs []FailedJobRow
}

// FailedJobRow is one failed job.
type FailedJobRow struct {
	ID        int64
	What      string // the kind in words
	State     string // in words
	StateCls  string // pill colour: warn (retrying), bad (given up)
	Attempts  string // "3 dari 10"
	When      string // last attempt
	Next      string // next attempt, if retrying
	LastError string
	RetryHref string
}

// ReminderSettings is the user's choice, per kind of reminder, of e-mail or in-app only.
type ReminderSettings struct {
	Page
	Error string
	Kinds []ReminderChoice
}

// ReminderChoice is one kind of reminder and its channel.
type ReminderChoice struct {
	Kind   string
	Label  string
	InApp  bool // in-app only; otherwise e-mail too
	Fields map[string]string
}
