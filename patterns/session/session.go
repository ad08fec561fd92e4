package session

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// DefaultTTL is how long a session lives without a Refresh when
// Options.TTL is zero.
const DefaultTTL = 30 * time.Minute

// ErrNotFound is returned for a session that does not exist: never
// created, expired, destroyed, or an ID that is not well formed.
var ErrNotFound = errors.New("session: not found")

// Options configures a Store. The zero value is usable.
type Options struct {
	// Prefix starts every key, "session:" when empty. It must not contain
	// '{'.
	Prefix string
	// TTL is how long a session lives after its Create or last Refresh:
	// DefaultTTL when zero.
	TTL time.Duration
}

// Session is one user's session.
type Session struct {
	ID        string
	UserID    string
	Data      map[string]string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// Store keeps sessions in Redis. It is safe for concurrent use.
type Store struct {
	client redis.UniversalClient
	prefix string
	ttl    time.Duration
}

// New returns a session store on client.
func New(client redis.UniversalClient, opts Options) *Store {
	if opts.Prefix == "" {
		opts.Prefix = "session:"
	}
	if opts.TTL <= 0 {
		opts.TTL = DefaultTTL
	}
	return &Store{client: client, prefix: opts.Prefix, ttl: opts.TTL}
}

// Hash fields: metadata under "_", data under "d:" so the two never meet.
const (
	fieldUser      = "_u"
	fieldCreated   = "_c"
	fieldExpires   = "_e"
	dataFieldStart = "d:"
)

const (
	tagBytes    = 16 // of SHA-256(user ID)
	secretBytes = 24 // from crypto/rand: 192 bits
)

var (
	tagLen    = base64.RawURLEncoding.EncodedLen(tagBytes)
	secretLen = base64.RawURLEncoding.EncodedLen(secretBytes)
)

// userTag is the hash tag shared by a user's session keys and index.
func userTag(userID string) string {
	sum := sha256.Sum256([]byte(userID))
	return base64.RawURLEncoding.EncodeToString(sum[:tagBytes])
}

func newID(userID string) string {
	secret := make([]byte, secretBytes)
	rand.Read(secret) // never fails (it crashes the program instead)
	return userTag(userID) + "." + base64.RawURLEncoding.EncodeToString(secret)
}

// parseID splits a well-formed ID into its user tag and secret. A strict
// check keeps glob and hash-tag characters from a client out of key names.
func parseID(id string) (tag, secret string, ok bool) {
	tag, secret, found := strings.Cut(id, ".")
	if !found || len(tag) != tagLen || len(secret) != secretLen || !isBase64URL(tag) || !isBase64URL(secret) {
		return "", "", false
	}
	return tag, secret, true
}

func isBase64URL(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func (s *Store) sessionKey(tag, secret string) string { return s.prefix + "{" + tag + "}:" + secret }
func (s *Store) indexKey(tag string) string           { return s.prefix + "{" + tag + "}" }

// keys returns the session and index keys of a well-formed ID.
func (s *Store) keys(id string) (sessionKey, indexKey string, ok bool) {
	tag, secret, ok := parseID(id)
	if !ok {
		return "", "", false
	}
	return s.sessionKey(tag, secret), s.indexKey(tag), true
}

// Create starts a session for userID with the given data (which may be
// nil) and returns it.
func (s *Store) Create(ctx context.Context, userID string, data map[string]string) (*Session, error) {
	if userID == "" {
		return nil, errors.New("session: create: empty user ID")
	}
	args := make([]any, 0, 3+2*len(data))
	args = append(args, s.ttl.Milliseconds(), "", userID)
	for k, v := range data {
		args = append(args, dataFieldStart+k, v)
	}
	// A new ID colliding with a live one needs 2^96 tries; the retry is
	// there so that the script's refusal is never silently a success.
	for attempt := 0; attempt < 3; attempt++ {
		id := newID(userID)
		sessionKey, indexKey, _ := s.keys(id)
		args[1] = id
		times, err := createScript.Run(ctx, s.client, []string{sessionKey, indexKey}, args...).Int64Slice()
		if errors.Is(err, redis.Nil) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("session: create: %w", err)
		}
		copied := make(map[string]string, len(data))
		for k, v := range data {
			copied[k] = v
		}
		return &Session{ID: id, UserID: userID, Data: copied,
			CreatedAt: time.UnixMilli(times[0]), ExpiresAt: time.UnixMilli(times[1])}, nil
	}
	return nil, errors.New("session: create: no free session ID")
}

// Get returns the session with the given ID, or ErrNotFound.
func (s *Store) Get(ctx context.Context, id string) (*Session, error) {
	sessionKey, _, ok := s.keys(id)
	if !ok {
		return nil, ErrNotFound
	}
	fields, err := s.client.HGetAll(ctx, sessionKey).Result()
	if err != nil {
		return nil, fmt.Errorf("session: get: %w", err)
	}
	if len(fields) == 0 {
		return nil, ErrNotFound
	}
	sess := &Session{ID: id, Data: make(map[string]string, max(len(fields)-3, 0))}
	for k, v := range fields {
		switch {
		case strings.HasPrefix(k, dataFieldStart):
			sess.Data[k[len(dataFieldStart):]] = v
		case k == fieldUser:
			sess.UserID = v
		case k == fieldCreated:
			sess.CreatedAt = unixMilli(v)
		case k == fieldExpires:
			sess.ExpiresAt = unixMilli(v)
		}
	}
	return sess, nil
}

func unixMilli(s string) time.Time {
	ms, _ := strconv.ParseInt(s, 10, 64)
	return time.UnixMilli(ms)
}

// Refresh starts the session's TTL again from now (a sliding expiry) and
// returns its new expiry, or ErrNotFound.
func (s *Store) Refresh(ctx context.Context, id string) (time.Time, error) {
	sessionKey, indexKey, ok := s.keys(id)
	if !ok {
		return time.Time{}, ErrNotFound
	}
	exp, err := refreshScript.Run(ctx, s.client, []string{sessionKey, indexKey}, s.ttl.Milliseconds(), id).Int64()
	if errors.Is(err, redis.Nil) {
		return time.Time{}, ErrNotFound
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("session: refresh: %w", err)
	}
	return time.UnixMilli(exp), nil
}

// Update sets the given data fields of a live session, leaving its other
// fields and its expiry alone, or returns ErrNotFound.
func (s *Store) Update(ctx context.Context, id string, data map[string]string) error {
	sessionKey, _, ok := s.keys(id)
	if !ok {
		return ErrNotFound
	}
	if len(data) == 0 {
		return nil
	}
	args := make([]any, 0, 2*len(data))
	for k, v := range data {
		args = append(args, dataFieldStart+k, v)
	}
	err := updateScript.Run(ctx, s.client, []string{sessionKey}, args...).Err()
	if errors.Is(err, redis.Nil) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("session: update: %w", err)
	}
	return nil
}

// Destroy ends a session (logout). Destroying a session that does not
// exist is not an error.
func (s *Store) Destroy(ctx context.Context, id string) error {
	sessionKey, indexKey, ok := s.keys(id)
	if !ok {
		return nil
	}
	_, err := s.client.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Unlink(ctx, sessionKey)
		p.ZRem(ctx, indexKey, id)
		return nil
	})
	if err != nil {
		return fmt.Errorf("session: destroy: %w", err)
	}
	return nil
}

// ListForUser returns the IDs of userID's live sessions, soonest to expire
// first, and drops the expired ones from the index.
func (s *Store) ListForUser(ctx context.Context, userID string) ([]string, error) {
	ids, err := listScript.Run(ctx, s.client, []string{s.indexKey(userTag(userID))}).StringSlice()
	if err != nil {
		return nil, fmt.Errorf("session: list: %w", err)
	}
	return ids, nil
}

// destroyAllAttempts bounds the retries of DestroyAllForUser while the
// user keeps creating or refreshing sessions.
const destroyAllAttempts = 20

// DestroyAllForUser ends every session of userID (logout everywhere) and
// returns how many live sessions it ended. It reads the user's index, not
// the keyspace.
func (s *Store) DestroyAllForUser(ctx context.Context, userID string) (int, error) {
	tag := userTag(userID)
	indexKey := s.indexKey(tag)
	for attempt := 0; attempt < destroyAllAttempts; attempt++ {
		var unlinks []*redis.IntCmd
		err := s.client.Watch(ctx, func(tx *redis.Tx) error {
			ids, err := tx.ZRange(ctx, indexKey, 0, -1).Result()
			if err != nil {
				return err
			}
			// EXEC fails if the index changed since WATCH: a session
			// created or refreshed meanwhile is never left behind.
			_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
				unlinks = unlinks[:0]
				for _, id := range ids {
					if t, secret, ok := parseID(id); ok && t == tag {
						unlinks = append(unlinks, p.Unlink(ctx, s.sessionKey(tag, secret)))
					}
				}
				p.Del(ctx, indexKey)
				return nil
			})
			return err
		}, indexKey)
		if errors.Is(err, redis.TxFailedErr) {
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("session: destroy all for user: %w", err)
		}
		n := 0
		for _, cmd := range unlinks {
			n += int(cmd.Val())
		}
		return n, nil
	}
	return 0, fmt.Errorf("session: destroy all for user: index kept changing in %d attempts: %w", destroyAllAttempts, redis.TxFailedErr)
}
