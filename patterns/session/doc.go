// Package session keeps server-side web sessions in Redis: Create, Get,
// Refresh (a sliding TTL), Update, Destroy, and DestroyAllForUser, which
// logs a user out everywhere without scanning the keyspace.
//
//	sessions := session.New(rdb, session.Options{TTL: 30 * time.Minute})
//	s, err := sessions.Create(ctx, "user-42", map[string]string{"role": "admin"})
//	http.SetCookie(w, &http.Cookie{Name: "sid", Value: s.ID, HttpOnly: true, Secure: true})
//	...
//	s, err = sessions.Get(ctx, cookie.Value) // session.ErrNotFound once expired or destroyed
//	sessions.Refresh(ctx, s.ID)              // on activity: the TTL starts again
//
// # Data
//
// A session's data is a map[string]string, kept as the fields of a Redis
// hash next to the session's metadata (user ID, creation and expiry
// times), so that Update changes a few fields without reading and
// rewriting the rest. Store richer values encoded (JSON) in a field.
//
// # IDs and keys
//
// Every session belongs to a user. A session ID is
//
//	<user tag>.<secret>
//
// both base64url without padding: the user tag is the first 128 bits of
// SHA-256 of the user ID (22 characters), and the secret is 192 bits from
// crypto/rand (32 characters), 55 characters in all, safe in URLs and
// cookies. The tag lets the ID name its user's keys without a second
// lookup and without putting the user ID itself (often an e-mail address)
// into cookies and logs; it is a hash, not a secret, so the secret alone
// is what makes an ID unguessable.
//
// The keys, under Options.Prefix, are
//
//	<prefix>{<user tag>}:<secret>   a hash: the session (TTL = its expiry)
//	<prefix>{<user tag>}            a sorted set: the user's session IDs,
//	                                scored by expiry in Unix milliseconds
//
// Both carry the user tag as their hash tag, so a user's sessions and index
// live in one Redis Cluster slot and every change to a session and the
// index is one atomic script or transaction. Options.Prefix must not
// contain '{', which would move the hash tag.
//
// # Expiry and the index
//
// Times are the server's (TIME inside the scripts), so clients with skewed
// clocks agree. A session key expires with PEXPIREAT at its expiry, and
// its score in the index is the same number. Expired sessions leave the
// index on the next Create, Refresh or ListForUser for that user, which
// remove scores in the past (ZREMRANGEBYSCORE), and the index key itself
// expires with the latest of its sessions, so an idle user leaves nothing
// behind. DestroyAllForUser reads the index and deletes the sessions and
// the index in one transaction under WATCH, retried if a session is
// created or refreshed meanwhile, so no session of the user survives it.
package session
