package leaderboard

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/redis/go-redis/v9"
)

// Leaderboard is a board of scores kept in one sorted set. It is safe for
// concurrent use.
type Leaderboard struct {
	client redis.UniversalClient
	key    string
}

// Entry is a member's place on the board.
type Entry struct {
	Member string
	Score  float64
	Rank   int64 // 1 for the highest score
}

// New returns the leaderboard kept in the sorted set at key.
func New(client redis.UniversalClient, key string) *Leaderboard {
	return &Leaderboard{client: client, key: key}
}

// Key returns the key of the board's sorted set.
func (l *Leaderboard) Key() string { return l.key }

// Incr adds delta (which may be negative or fractional) to member's score,
// starting from 0 for a new member, and returns the new score.
func (l *Leaderboard) Incr(ctx context.Context, member string, delta float64) (float64, error) {
	score, err := l.client.ZIncrBy(ctx, l.key, delta, member).Result()
	if err != nil {
		return 0, fmt.Errorf("leaderboard: incr %q: %w", member, err)
	}
	return score, nil
}

// Set sets member's score.
func (l *Leaderboard) Set(ctx context.Context, member string, score float64) error {
	if err := l.client.ZAdd(ctx, l.key, redis.Z{Score: score, Member: member}).Err(); err != nil {
		return fmt.Errorf("leaderboard: set %q: %w", member, err)
	}
	return nil
}

// SetIfHigher sets member's score only if it beats the current one (or the
// member is new), for boards of best results, and reports whether it did.
func (l *Leaderboard) SetIfHigher(ctx context.Context, member string, score float64) (bool, error) {
	changed, err := l.client.ZAddArgs(ctx, l.key, redis.ZAddArgs{GT: true, Ch: true,
		Members: []redis.Z{{Score: score, Member: member}}}).Result()
	if err != nil {
		return false, fmt.Errorf("leaderboard: set if higher %q: %w", member, err)
	}
	return changed == 1, nil
}

// Score returns member's score; ok is false if member is not on the board.
func (l *Leaderboard) Score(ctx context.Context, member string) (score float64, ok bool, err error) {
	score, err = l.client.ZScore(ctx, l.key, member).Result()
	if errors.Is(err, redis.Nil) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("leaderboard: score %q: %w", member, err)
	}
	return score, true, nil
}

// Rank returns member's 1-based rank (1 for the highest score); ok is
// false if member is not on the board.
func (l *Leaderboard) Rank(ctx context.Context, member string) (rank int64, ok bool, err error) {
	r, err := l.client.ZRevRank(ctx, l.key, member).Result()
	if errors.Is(err, redis.Nil) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("leaderboard: rank %q: %w", member, err)
	}
	return r + 1, true, nil
}

// Top returns the n highest entries, best first (fewer if the board is
// smaller).
func (l *Leaderboard) Top(ctx context.Context, n int64) ([]Entry, error) {
	return l.Page(ctx, 0, n)
}

// Page returns up to count entries starting at the 0-based offset in
// rank order: Page(ctx, 20, 10) holds ranks 21 to 30.
func (l *Leaderboard) Page(ctx context.Context, offset, count int64) ([]Entry, error) {
	if offset < 0 || count <= 0 {
		return nil, nil
	}
	zs, err := l.client.ZRevRangeWithScores(ctx, l.key, offset, offset+count-1).Result()
	if err != nil {
		return nil, fmt.Errorf("leaderboard: range: %w", err)
	}
	entries := make([]Entry, len(zs))
	for i, z := range zs {
		entries[i] = Entry{Member: z.Member.(string), Score: z.Score, Rank: offset + int64(i) + 1}
	}
	return entries, nil
}

// aroundScript: KEYS = board; ARGV = member, n. Returns {first 0-based
// rank, ZREVRANGE ... WITHSCORES}, or nil for an unknown member.
var aroundScript = redis.NewScript(`
local rank = redis.call('ZREVRANK', KEYS[1], ARGV[1])
if not rank then return false end
local n = tonumber(ARGV[2])
local first = math.max(rank - n, 0)
return {first, redis.call('ZREVRANGE', KEYS[1], first, rank + n, 'WITHSCORES')}
`)

// Around returns member's entry with up to n entries on each side of it,
// in rank order; ok is false if member is not on the board.
func (l *Leaderboard) Around(ctx context.Context, member string, n int64) (entries []Entry, ok bool, err error) {
	if n < 0 {
		n = 0
	}
	reply, err := aroundScript.Run(ctx, l.client, []string{l.key}, member, n).Slice()
	if errors.Is(err, redis.Nil) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("leaderboard: around %q: %w", member, err)
	}
	first, _ := reply[0].(int64)
	flat, _ := reply[1].([]any)
	entries = make([]Entry, 0, len(flat)/2)
	for i := 0; i+1 < len(flat); i += 2 {
		m, _ := flat[i].(string)
		s, _ := flat[i+1].(string)
		score, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, false, fmt.Errorf("leaderboard: around %q: score %q: %w", member, s, err)
		}
		entries = append(entries, Entry{Member: m, Score: score, Rank: first + int64(i/2) + 1})
	}
	return entries, true, nil
}

// Remove takes members off the board.
func (l *Leaderboard) Remove(ctx context.Context, members ...string) error {
	if len(members) == 0 {
		return nil
	}
	args := make([]any, len(members))
	for i, m := range members {
		args[i] = m
	}
	if err := l.client.ZRem(ctx, l.key, args...).Err(); err != nil {
		return fmt.Errorf("leaderboard: remove: %w", err)
	}
	return nil
}

// Len returns how many members are on the board.
func (l *Leaderboard) Len(ctx context.Context) (int64, error) {
	n, err := l.client.ZCard(ctx, l.key).Result()
	if err != nil {
		return 0, fmt.Errorf("leaderboard: len: %w", err)
	}
	return n, nil
}
