package compat_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/miniserve-dev/miniserve/patterns/session"
)

// sessionIndexKey is a user's index key as patterns/session documents it.
func sessionIndexKey(prefix, userID string) string {
	sum := sha256.Sum256([]byte(userID))
	return prefix + "{" + base64.RawURLEncoding.EncodeToString(sum[:16]) + "}"
}

func TestPatternSession(t *testing.T) {
	runOnBackends(t, func(t *testing.T, b *patternBackend) {
		ctx := context.Background()

		t.Run("CreateGetRefreshUpdateDestroy", func(t *testing.T) {
			prefix := b.Prefix + "sess:"
			store := session.New(b.Client, session.Options{Prefix: prefix, TTL: time.Hour})
			s, err := store.Create(ctx, "alice", map[string]string{"role": "admin", "_u": "not metadata"})
			if err != nil {
				t.Fatal(err)
			}
			if got := s.ExpiresAt.Sub(s.CreatedAt); got != time.Hour {
				t.Fatalf("ExpiresAt - CreatedAt = %v, want the TTL", got)
			}
			got, err := store.Get(ctx, s.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.UserID != "alice" || got.Data["role"] != "admin" || got.Data["_u"] != "not metadata" || len(got.Data) != 2 ||
				!got.CreatedAt.Equal(s.CreatedAt) || !got.ExpiresAt.Equal(s.ExpiresAt) {
				t.Fatalf("Get = %+v, want %+v", got, s)
			}
			// Both keys in the documented layout, with the same expiry.
			sessionTTL, _ := b.Client.PTTL(ctx, prefix+"{"+s.ID[:22]+"}:"+s.ID[23:]).Result()
			indexTTL, _ := b.Client.PTTL(ctx, sessionIndexKey(prefix, "alice")).Result()
			if sessionTTL <= 59*time.Minute || indexTTL <= 59*time.Minute || sessionTTL > time.Hour || indexTTL > time.Hour {
				t.Fatalf("PTTL of the session = %v and of the index = %v, want about 1h", sessionTTL, indexTTL)
			}

			exp, err := store.Refresh(ctx, s.ID)
			if err != nil || exp.Before(s.ExpiresAt) {
				t.Fatalf("Refresh = %v, %v; want an expiry not before %v", exp, err, s.ExpiresAt)
			}
			if err := store.Update(ctx, s.ID, map[string]string{"role": "user", "cart": "3"}); err != nil {
				t.Fatal(err)
			}
			got, _ = store.Get(ctx, s.ID)
			if got.Data["role"] != "user" || got.Data["cart"] != "3" || !got.ExpiresAt.Equal(exp) {
				t.Fatalf("after Refresh and Update: %+v", got)
			}

			if err := store.Destroy(ctx, s.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := store.Get(ctx, s.ID); !errors.Is(err, session.ErrNotFound) {
				t.Fatalf("Get after Destroy = %v, want ErrNotFound", err)
			}
			if ids, _ := store.ListForUser(ctx, "alice"); len(ids) != 0 {
				t.Fatalf("index after Destroy = %v", ids)
			}
			if err := store.Destroy(ctx, s.ID); err != nil {
				t.Fatalf("second Destroy: %v", err)
			}
			if _, err := store.Refresh(ctx, s.ID); !errors.Is(err, session.ErrNotFound) {
				t.Fatalf("Refresh after Destroy = %v, want ErrNotFound", err)
			}
			if err := store.Update(ctx, s.ID, map[string]string{"x": "y"}); !errors.Is(err, session.ErrNotFound) {
				t.Fatalf("Update after Destroy = %v, want ErrNotFound", err)
			}
			if _, err := store.Get(ctx, s.ID); !errors.Is(err, session.ErrNotFound) {
				t.Fatalf("Update recreated a destroyed session: %v", err)
			}
			for _, bad := range []string{"", "nope", "*", s.ID + "x", s.ID[:22] + "}." + s.ID[23:]} {
				if _, err := store.Get(ctx, bad); !errors.Is(err, session.ErrNotFound) {
					t.Fatalf("Get(%q) = %v, want ErrNotFound", bad, err)
				}
			}
			if _, err := store.Create(ctx, "", nil); err == nil {
				t.Fatal("Create with an empty user ID succeeded")
			}
		})

		t.Run("SlidingExpiry", func(t *testing.T) {
			prefix := b.Prefix + "slide:"
			store := session.New(b.Client, session.Options{Prefix: prefix, TTL: time.Second})
			active, err := store.Create(ctx, "bob", nil)
			if err != nil {
				t.Fatal(err)
			}
			idle, err := store.Create(ctx, "bob", nil)
			if err != nil {
				t.Fatal(err)
			}
			// Delays on a loaded machine only make the idle session more
			// expired; the refreshed one has 700ms to spare.
			b.Advance(900 * time.Millisecond)
			if _, err := store.Refresh(ctx, active.ID); err != nil {
				t.Fatal(err)
			}
			b.Advance(300 * time.Millisecond)

			if _, err := store.Get(ctx, idle.ID); !errors.Is(err, session.ErrNotFound) {
				t.Fatalf("Get of the idle session after its TTL = %v, want ErrNotFound", err)
			}
			if _, err := store.Get(ctx, active.ID); err != nil {
				t.Fatalf("Get of the refreshed session = %v", err)
			}
			if _, err := store.Refresh(ctx, idle.ID); !errors.Is(err, session.ErrNotFound) {
				t.Fatalf("Refresh of an expired session = %v, want ErrNotFound", err)
			}
			// The next Create prunes the expired session from the index.
			fresh, err := store.Create(ctx, "bob", nil)
			if err != nil {
				t.Fatal(err)
			}
			index := sessionIndexKey(prefix, "bob")
			if members, _ := b.Client.ZRange(ctx, index, 0, -1).Result(); !slices.Equal(members, []string{active.ID, fresh.ID}) {
				t.Fatalf("index = %v, want the refreshed and the new session only", members)
			}
			ids, err := store.ListForUser(ctx, "bob")
			if err != nil || !slices.Equal(ids, []string{active.ID, fresh.ID}) {
				t.Fatalf("ListForUser = %v, %v; want the refreshed then the new session", ids, err)
			}
			// The index lives as long as its latest session.
			indexTTL, _ := b.Client.PTTL(ctx, index).Result()
			freshTTL, _ := b.Client.PTTL(ctx, prefix+"{"+fresh.ID[:22]+"}:"+fresh.ID[23:]).Result()
			if indexTTL <= 0 || indexTTL > time.Second || freshTTL <= 0 || indexTTL < freshTTL-50*time.Millisecond {
				t.Fatalf("PTTL of the index = %v, of its latest session = %v; want them equal", indexTTL, freshTTL)
			}
		})

		t.Run("DestroyAllForUser", func(t *testing.T) {
			prefix := b.Prefix + "all:"
			store := session.New(b.Client, session.Options{Prefix: prefix})
			var mine, theirs []string
			for i := 0; i < 5; i++ {
				s, err := store.Create(ctx, "carol", map[string]string{"device": strconv.Itoa(i)})
				if err != nil {
					t.Fatal(err)
				}
				mine = append(mine, s.ID)
			}
			for _, user := range []string{"dave", "carol2", "Carol"} {
				s, err := store.Create(ctx, user, nil)
				if err != nil {
					t.Fatal(err)
				}
				theirs = append(theirs, s.ID)
			}
			// A second process destroys them.
			other := session.New(b.NewClient(), session.Options{Prefix: prefix})
			n, err := other.DestroyAllForUser(ctx, "carol")
			if err != nil || n != len(mine) {
				t.Fatalf("DestroyAllForUser = %d, %v; want %d", n, err, len(mine))
			}
			for _, id := range mine {
				if _, err := store.Get(ctx, id); !errors.Is(err, session.ErrNotFound) {
					t.Fatalf("carol's session %s survived: %v", id, err)
				}
			}
			for _, id := range theirs {
				if _, err := store.Get(ctx, id); err != nil {
					t.Fatalf("another user's session %s: %v", id, err)
				}
			}
			if n, _ := b.Client.Exists(ctx, sessionIndexKey(prefix, "carol")).Result(); n != 0 {
				t.Fatal("carol's index survived")
			}
			if n, err := store.DestroyAllForUser(ctx, "carol"); err != nil || n != 0 {
				t.Fatalf("second DestroyAllForUser = %d, %v; want 0", n, err)
			}
			if n, err := store.DestroyAllForUser(ctx, "nobody"); err != nil || n != 0 {
				t.Fatalf("DestroyAllForUser of a user without sessions = %d, %v", n, err)
			}
		})

		t.Run("UniqueIDs", func(t *testing.T) {
			store := session.New(b.Client, session.Options{Prefix: b.Prefix + "uniq:"})
			urlSafe := regexp.MustCompile(`^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{32}$`)
			seen := map[string]bool{}
			secrets := map[string]bool{}
			for i := 0; i < 300; i++ {
				s, err := store.Create(ctx, "u"+strconv.Itoa(i%3), nil)
				if err != nil {
					t.Fatal(err)
				}
				if !urlSafe.MatchString(s.ID) {
					t.Fatalf("ID %q is not of the documented URL-safe form", s.ID)
				}
				if seen[s.ID] || secrets[s.ID[23:]] {
					t.Fatalf("ID %q repeated after %d creates", s.ID, i)
				}
				seen[s.ID], secrets[s.ID[23:]] = true, true
			}
			for u := 0; u < 3; u++ {
				if ids, err := store.ListForUser(ctx, "u"+strconv.Itoa(u)); err != nil || len(ids) != 100 {
					t.Fatalf("ListForUser(u%d) has %d sessions, %v; want 100", u, len(ids), err)
				}
			}
		})
	})
}
