package compat_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/miniserve-dev/miniserve/patterns/leaderboard"
)

func leaderboardMembers(entries []leaderboard.Entry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.Member
	}
	return out
}

func TestPatternLeaderboard(t *testing.T) {
	runOnBackends(t, func(t *testing.T, b *patternBackend) {
		ctx := context.Background()

		t.Run("ScoresAndRanks", func(t *testing.T) {
			board := leaderboard.New(b.Client, b.Prefix+"scores")
			if _, ok, err := board.Rank(ctx, "ann"); ok || err != nil {
				t.Fatalf("Rank on an empty board = %v, %v", ok, err)
			}
			if top, err := board.Top(ctx, 5); err != nil || len(top) != 0 {
				t.Fatalf("Top of an empty board = %v, %v", top, err)
			}
			if s, err := board.Incr(ctx, "ann", 10); err != nil || s != 10 {
				t.Fatalf("Incr = %v, %v", s, err)
			}
			if s, err := board.Incr(ctx, "ann", 2.5); err != nil || s != 12.5 {
				t.Fatalf("Incr = %v, %v", s, err)
			}
			if s, err := board.Incr(ctx, "bob", -3); err != nil || s != -3 {
				t.Fatalf("Incr of a new member = %v, %v", s, err)
			}
			if err := board.Set(ctx, "cat", 20); err != nil {
				t.Fatal(err)
			}
			if err := board.Set(ctx, "dan", 7); err != nil {
				t.Fatal(err)
			}
			if changed, err := board.SetIfHigher(ctx, "dan", 5); err != nil || changed {
				t.Fatalf("SetIfHigher with a lower score = %v, %v", changed, err)
			}
			if changed, err := board.SetIfHigher(ctx, "dan", 15); err != nil || !changed {
				t.Fatalf("SetIfHigher with a higher score = %v, %v", changed, err)
			}
			if changed, err := board.SetIfHigher(ctx, "eve", 1); err != nil || !changed {
				t.Fatalf("SetIfHigher of a new member = %v, %v", changed, err)
			}

			want := []leaderboard.Entry{{Member: "cat", Score: 20, Rank: 1}, {Member: "dan", Score: 15, Rank: 2}, {Member: "ann", Score: 12.5, Rank: 3}, {Member: "eve", Score: 1, Rank: 4}, {Member: "bob", Score: -3, Rank: 5}}
			top, err := board.Top(ctx, 10)
			if err != nil || !slices.Equal(top, want) {
				t.Fatalf("Top(10) = %v, %v; want %v", top, err, want)
			}
			if top, _ := board.Top(ctx, 2); !slices.Equal(top, want[:2]) {
				t.Fatalf("Top(2) = %v", top)
			}
			if top, _ := board.Top(ctx, 0); len(top) != 0 {
				t.Fatalf("Top(0) = %v, want nothing", top)
			}
			if page, _ := board.Page(ctx, 2, 2); !slices.Equal(page, want[2:4]) {
				t.Fatalf("Page(2, 2) = %v", page)
			}
			for _, e := range want {
				rank, ok, err := board.Rank(ctx, e.Member)
				if err != nil || !ok || rank != e.Rank {
					t.Fatalf("Rank(%s) = %d, %v, %v; want %d", e.Member, rank, ok, err, e.Rank)
				}
				score, ok, err := board.Score(ctx, e.Member)
				if err != nil || !ok || score != e.Score {
					t.Fatalf("Score(%s) = %v, %v, %v", e.Member, score, ok, err)
				}
			}
			if _, ok, err := board.Rank(ctx, "zed"); ok || err != nil {
				t.Fatalf("Rank of an unknown member = %v, %v; want not ok", ok, err)
			}
			if _, ok, err := board.Score(ctx, "zed"); ok || err != nil {
				t.Fatalf("Score of an unknown member = %v, %v; want not ok", ok, err)
			}

			if err := board.Remove(ctx, "cat", "zed"); err != nil {
				t.Fatal(err)
			}
			if n, err := board.Len(ctx); err != nil || n != 4 {
				t.Fatalf("Len after Remove = %d, %v", n, err)
			}
			if rank, _, _ := board.Rank(ctx, "dan"); rank != 1 {
				t.Fatalf("Rank(dan) after the leader left = %d, want 1", rank)
			}
		})

		t.Run("Around", func(t *testing.T) {
			board := leaderboard.New(b.Client, b.Prefix+"around")
			names := []string{"a", "b", "c", "d", "e", "f", "g"}
			for i, m := range names {
				board.Set(ctx, m, float64(100-i))
			}
			for _, tc := range []struct {
				member    string
				n         int64
				want      []string
				firstRank int64
			}{
				{"d", 2, []string{"b", "c", "d", "e", "f"}, 2},
				{"a", 2, []string{"a", "b", "c"}, 1},
				{"g", 2, []string{"e", "f", "g"}, 5},
				{"d", 0, []string{"d"}, 4},
				{"d", 10, names, 1},
			} {
				got, ok, err := board.Around(ctx, tc.member, tc.n)
				if err != nil || !ok || !slices.Equal(leaderboardMembers(got), tc.want) || got[0].Rank != tc.firstRank {
					t.Fatalf("Around(%s, %d) = %v, %v, %v; want %v from rank %d", tc.member, tc.n, got, ok, err, tc.want, tc.firstRank)
				}
				for _, e := range got {
					if e.Score != float64(100-int(e.Rank)+1) {
						t.Fatalf("Around(%s, %d): entry %v has the wrong score or rank", tc.member, tc.n, e)
					}
				}
			}
			if got, ok, err := board.Around(ctx, "zed", 2); ok || err != nil || got != nil {
				t.Fatalf("Around of an unknown member = %v, %v, %v", got, ok, err)
			}
		})

		// Equal scores come in descending byte order of the member, on both
		// encodings of a sorted set (listpack up to 128 members, skiplist
		// beyond), and Top, Rank and Around agree on it.
		for _, size := range []int{6, 200} {
			t.Run(fmt.Sprintf("Ties/%d", size), func(t *testing.T) {
				board := leaderboard.New(b.Client, b.Prefix+fmt.Sprintf("ties%d", size))
				members := []string{"ann", "Bob", "bob", "a", "ab", "b\xc3\xa9"}
				for i := len(members); i < size; i++ {
					members = append(members, fmt.Sprintf("m%03d", i))
				}
				for _, m := range members {
					if err := board.Set(ctx, m, 42); err != nil {
						t.Fatal(err)
					}
				}
				// The leader and the last place are not tied.
				board.Set(ctx, "zzz-last", 1)
				board.Set(ctx, "aaa-first", 99)

				want := slices.Clone(members)
				slices.SortFunc(want, func(x, y string) int { return strings.Compare(y, x) })
				want = append(append([]string{"aaa-first"}, want...), "zzz-last")

				top, err := board.Top(ctx, int64(len(want)))
				if err != nil {
					t.Fatal(err)
				}
				if got := leaderboardMembers(top); !slices.Equal(got, want) {
					t.Fatalf("Top = %q\nwant  %q (ties in descending byte order)", got[:min(len(got), 10)], want[:min(len(want), 10)])
				}
				for i, m := range want {
					rank, ok, err := board.Rank(ctx, m)
					if err != nil || !ok || rank != int64(i+1) {
						t.Fatalf("Rank(%q) = %d, %v, %v; want %d", m, rank, ok, err, i+1)
					}
				}
				near, _, err := board.Around(ctx, want[3], 1)
				if err != nil || !slices.Equal(leaderboardMembers(near), want[2:5]) || near[0].Rank != 3 {
					t.Fatalf("Around(%q, 1) = %v, %v; want %q from rank 3", want[3], near, err, want[2:5])
				}
			})
		}

		t.Run("ConcurrentIncr", func(t *testing.T) {
			board := leaderboard.New(b.Client, b.Prefix+"concurrent")
			var wg sync.WaitGroup
			for w := 0; w < 8; w++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					other := leaderboard.New(b.NewClient(), board.Key())
					for i := 0; i < 25; i++ {
						if _, err := other.Incr(ctx, "shared", 1); err != nil {
							t.Error(err)
							return
						}
					}
				}()
			}
			wg.Wait()
			if s, _, err := board.Score(ctx, "shared"); err != nil || s != 200 {
				t.Fatalf("score after 8x25 concurrent Incr = %v, %v; want 200", s, err)
			}
		})
	})
}
