package ratelimit

import (
	"encoding/json"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// MiddlewareOptions configure Limiter.Middleware. The zero value limits
// by the remote address and trusts no proxy.
type MiddlewareOptions struct {
	// TrustedProxies are the networks of the reverse proxies in front of
	// the server. X-Forwarded-For is read only when the immediate peer is
	// in one of them; see ClientIP.
	TrustedProxies []netip.Prefix
	// Key, if set, names the client instead of ClientIP (for example an
	// API key or a user ID).
	Key func(r *http.Request) string
	// FailOpen lets requests through when the limiter cannot reach the
	// server; by default they get 503.
	FailOpen bool
	// OnError, if set, is told about every limiter error (to log it).
	OnError func(r *http.Request, err error)
}

// Middleware returns net/http middleware that lets a request through only
// when the client is within the limit. Every response gets
// X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset (unix
// seconds); a denied request gets 429 Too Many Requests with Retry-After
// (seconds) and the JSON body {"error":"rate limit exceeded","retry_after":N}.
func (l *Limiter) Middleware(opts MiddlewareOptions) func(http.Handler) http.Handler {
	key := opts.Key
	if key == nil {
		trusted := append([]netip.Prefix(nil), opts.TrustedProxies...)
		key = func(r *http.Request) string { return ClientIP(r, trusted) }
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			res, err := l.Allow(r.Context(), key(r))
			if err != nil {
				if opts.OnError != nil {
					opts.OnError(r, err)
				}
				if opts.FailOpen {
					next.ServeHTTP(w, r)
					return
				}
				writeJSON(w, http.StatusServiceUnavailable, map[string]any{"error": "rate limiter unavailable"})
				return
			}
			h := w.Header()
			h.Set("X-RateLimit-Limit", strconv.Itoa(res.Limit))
			h.Set("X-RateLimit-Remaining", strconv.Itoa(res.Remaining))
			h.Set("X-RateLimit-Reset", strconv.FormatInt(ceilUnix(res.Reset), 10))
			if !res.Allowed {
				retry := ceilSeconds(res.RetryAfter)
				h.Set("Retry-After", strconv.FormatInt(retry, 10))
				writeJSON(w, http.StatusTooManyRequests, map[string]any{"error": "rate limit exceeded", "retry_after": retry})
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

func writeJSON(w http.ResponseWriter, status int, body map[string]any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// ceilSeconds rounds d up to whole seconds, at least one: a client told
// "Retry-After: 0" would come back at once and be denied again.
func ceilSeconds(d time.Duration) int64 {
	return max(int64((d+time.Second-1)/time.Second), 1)
}

// ceilUnix is t in unix seconds, rounded up so that the slot is free by
// then.
func ceilUnix(t time.Time) int64 {
	s := t.Unix()
	if t.Nanosecond() > 0 {
		s++
	}
	return s
}

// ClientIP names the client of r for rate limiting. It is the host part of
// r.RemoteAddr, unless that peer is in trusted: then X-Forwarded-For is
// read from the right (each proxy appends the address it received the
// request from) and the client is the rightmost address that is not itself
// a trusted proxy. A client can put anything at the left of the header, but
// not to the right of what its first trusted proxy appended, so it cannot
// choose its identity. If every hop is trusted, the leftmost one is the
// client; a malformed entry stops the walk at the last trusted hop.
func ClientIP(r *http.Request, trusted []netip.Prefix) string {
	peer, ok := parseHost(r.RemoteAddr)
	if !ok {
		return r.RemoteAddr
	}
	if !isTrusted(peer, trusted) {
		return peer.String()
	}
	hops := forwardedFor(r.Header)
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		addr, ok := parseHost(hops[i])
		if !ok {
			break
		}
		client = addr
		if !isTrusted(addr, trusted) {
			break
		}
	}
	return client.String()
}

// forwardedFor is every X-Forwarded-For entry in order; several header
// lines make one list, as RFC 9110 says for repeated fields.
func forwardedFor(h http.Header) []string {
	var hops []string
	for _, line := range h.Values("X-Forwarded-For") {
		for _, hop := range strings.Split(line, ",") {
			hops = append(hops, strings.TrimSpace(hop))
		}
	}
	return hops
}

// parseHost parses "ip", "ip:port", "[ipv6]" or "[ipv6]:port", with IPv4
// mapped IPv6 addresses written as IPv4, so one client has one key.
func parseHost(s string) (netip.Addr, bool) {
	addr, err := netip.ParseAddr(s)
	if err != nil {
		ap, perr := netip.ParseAddrPort(s)
		if perr != nil {
			if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
				return parseHost(s[1 : len(s)-1])
			}
			return netip.Addr{}, false
		}
		addr = ap.Addr()
	}
	return addr.Unmap().WithZone(""), true
}

func isTrusted(addr netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}
