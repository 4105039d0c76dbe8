package app

import "github.com/riverqueue/river"

// reminderSchedule is the schedule of reminder sweeps (none yet).
func reminderSchedule() []periodicWork { return nil }

// addReminderWorkers registers the reminder sweeps' workers (none yet).
func addReminderWorkers(*App, *river.Workers) {}
