package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/internal/store"
)

// NotificationsPerPage is the length of one page of the notification list.
const NotificationsPerPage = 20

// Notification is one in-app notification of the logged-in user.
type Notification struct {
	ID        int64
	Title     string
	Body      string
	Link      string
	CreatedAt time.Time
	Location  *time.Location // the recipient's tenant's zone (WIB for national accounts)
	Read      bool
}

// NotificationPage is one page of a user's notifications, newest first.
type NotificationPage struct {
	Items   []Notification
	Page    int
	HasNext bool
}

// Notifications lists p's own notifications, page by page (from 1).
func (a *App) Notifications(ctx context.Context, p Principal, page int) (NotificationPage, error) {
	if page < 1 {
		page = 1
	}
	res := NotificationPage{Page: page}
	err := a.DB.ReadTx(ctx, scope(p), func(tx pgx.Tx) error {
		list, err := store.NotificationsOf(ctx, tx, p.UserID, NotificationsPerPage+1, (page-1)*NotificationsPerPage)
		if err != nil {
			return err
		}
		if len(list) > NotificationsPerPage {
			list, res.HasNext = list[:NotificationsPerPage], true
		}
		for _, n := range list {
			res.Items = append(res.Items, Notification{ID: n.ID, Title: n.Title, Body: n.Body, Link: n.Link,
				CreatedAt: n.CreatedAt, Location: zone(n.TimeZone), Read: n.ReadAt != nil})
		}
		return nil
	})
	return res, err
}

// UnreadNotifications counts p's unread notifications (one query, for the header).
func (a *App) UnreadNotifications(ctx context.Context, p Principal) (int, error) {
	var n int
	err := a.DB.ReadTx(ctx, scope(p), func(tx pgx.Tx) error {
		var err error
		n, err = store.UnreadNotifications(ctx, tx, p.UserID)
		return err
	})
	return n, err
}

// MarkNotificationRead marks one of p's notifications read and returns where it
// points. Someone else's notification does not exist for p.
func (a *App) MarkNotificationRead(ctx context.Context, p Principal, id int64) (string, error) {
	var link string
	now := a.Clock.Now()
	err := a.DB.Tx(ctx, scope(p), func(tx pgx.Tx) error {
		var err error
		link, err = store.MarkNotificationRead(ctx, tx, p.UserID, id, now)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return "", NotFound("Notifikasi")
	}
	return link, err
}

// MarkAllNotificationsRead marks every unread notification of p read.
func (a *App) MarkAllNotificationsRead(ctx context.Context, p Principal) (int, error) {
	var n int64
	now := a.Clock.Now()
	err := a.DB.Tx(ctx, scope(p), func(tx pgx.Tx) error {
		var err error
		n, err = store.MarkAllNotificationsRead(ctx, tx, p.UserID, now)
		return err
	})
	return int(n), err
}

// zone resolves a tenant's IANA zone name, falling back to WIB.
func zone(name string) *time.Location {
	return calendar.Zone(strings.TrimSpace(name))
}
