// Package clock is the one source of "now" in the product. Everything that needs the
// time takes a Clock, so tests (and a demo) can stand on any date.
package clock

import (
	"sync"
	"time"
)

// Clock tells the current instant.
type Clock interface {
	Now() time.Time
}

// System is the real wall clock.
type System struct{}

// Now returns the current time.
func (System) Now() time.Time { return time.Now() }

// Offset is a clock that runs at real speed but starts at a chosen instant: a demo
// can stand on a Tuesday morning before a holiday and still see time move.
type Offset struct {
	mu    sync.Mutex
	delta time.Duration
}

// StartingAt returns a clock whose Now is start at the moment of the call.
func StartingAt(start time.Time) *Offset { return &Offset{delta: time.Until(start)} }

// Now returns the shifted current time.
func (o *Offset) Now() time.Time {
	o.mu.Lock()
	defer o.mu.Unlock()
	return time.Now().Add(o.delta)
}

// Jump moves the clock to t, from where it runs on at real speed: a browser
// test stands on a later date (a semester's due day, the months before the end
// of a PKS) without restarting the server.
func (o *Offset) Jump(t time.Time) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.delta = time.Until(t)
}

// Manual is a clock for tests: it stands still until moved.
type Manual struct {
	mu  sync.Mutex
	now time.Time
}

// NewManual returns a clock standing at t.
func NewManual(t time.Time) *Manual { return &Manual{now: t} }

// Now returns the clock's current instant.
func (m *Manual) Now() time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.now
}

// Set moves the clock to t.
func (m *Manual) Set(t time.Time) {
	m.mu.Lock()
	m.now = t
	m.mu.Unlock()
}

// Advance moves the clock forward by d.
func (m *Manual) Advance(d time.Duration) {
	m.mu.Lock()
	m.now = m.now.Add(d)
	m.mu.Unlock()
}
