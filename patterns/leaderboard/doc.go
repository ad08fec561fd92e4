// Package leaderboard keeps scores on a Redis sorted set: increments,
// absolute scores, the top N, 1-based ranks, and the neighbourhood of a
// member.
//
//	board := leaderboard.New(rdb, "game:42:scores")
//	board.Incr(ctx, "ada", 10)
//	top, _ := board.Top(ctx, 10)            // highest first, with scores and ranks
//	rank, ok, _ := board.Rank(ctx, "ada")   // 1 for the leader; ok is false for an unknown member
//
// The highest score ranks first. Ranks are positions (1, 2, 3, ...): two
// members with the same score get different ranks.
//
// # Ties
//
// Equal scores are ordered as Redis's ZREVRANGE and ZREVRANK order them:
// by member, byte-wise, in descending order. With "ann", "bob" and "cat"
// all on 10 points the board reads cat (1), bob (2), ann (3). Top, Page,
// Rank and Around all follow that one order, so they never disagree. To
// rank the member who reached a score first higher instead, fold the time
// into the score (e.g. points*1e7 + (1e7 - seconds since the season
// started)), keeping the total under 2^53 so that scores stay exact.
//
// Every operation touches one key, so a board works unchanged on a Redis
// Cluster; Around is a script so that the rank and the range it reads
// come from the same moment.
package leaderboard
