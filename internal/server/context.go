package server

import (
	"context"

	"github.com/hakakses/hakakses/internal/app"
)

type ctxKey int

const (
	principalKey ctxKey = iota
	tenantKey
	logUserKey
	unreadKey
)

// logUser carries the logged-in user's ID back out to the request log.
type logUser struct{ id int64 }

func withPrincipal(ctx context.Context, p app.Principal) context.Context {
	return context.WithValue(ctx, principalKey, p)
}

// principalFrom returns the logged-in user, if any.
func principalFrom(ctx context.Context) (app.Principal, bool) {
	p, ok := ctx.Value(principalKey).(app.Principal)
	return p, ok
}

func withTenant(ctx context.Context, t app.Tenant) context.Context {
	return context.WithValue(ctx, tenantKey, t)
}

// tenantFrom returns the tenant whose URL this is.
func tenantFrom(ctx context.Context) (app.Tenant, bool) {
	t, ok := ctx.Value(tenantKey).(app.Tenant)
	return t, ok
}

// withUnread keeps the user's unread notifications as the session read counted
// them, for the header's badge.
func withUnread(ctx context.Context, n int) context.Context {
	return context.WithValue(ctx, unreadKey, n)
}

// unreadFrom returns the unread count the session read found, if it counted.
func unreadFrom(ctx context.Context) (int, bool) {
	n, ok := ctx.Value(unreadKey).(int)
	return n, ok
}
