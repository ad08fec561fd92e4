package cache

import (
	"testing"
	"time"
)

func TestKeySlot(t *testing.T) {
	// Reference values from CLUSTER KEYSLOT on redis-server 7.0.15.
	for _, tc := range []struct {
		key  string
		slot uint16
	}{
		{"foo", 12182},
		{"bar", 5061},
		{"{user1000}.following", 3443},
		{"a{}b", 13694},
		{"x{a}{b}", 15495},
		{"", 0},
		{"123456789", 12739},
		{"{}", 15257},
		{"a{b", 13340},
	} {
		if got := keySlot(tc.key); got != tc.slot {
			t.Errorf("keySlot(%q) = %d, want %d", tc.key, got, tc.slot)
		}
	}
}

func TestTTLWithJitter(t *testing.T) {
	for _, tc := range []struct {
		name        string
		ttl, jitter time.Duration
		r           float64
		want        time.Duration
	}{
		{"no jitter", time.Minute, 0, 0.7, time.Minute},
		{"low end", time.Minute, 10 * time.Second, 0, time.Minute},
		{"middle", time.Minute, 10 * time.Second, 0.5, time.Minute + 5*time.Second},
		{"high end stays below ttl+jitter", time.Minute, 10 * time.Second, 0.9999999, time.Minute + 9999999*time.Microsecond},
		{"negative ttl is no expiry", -1, 10 * time.Second, 0.5, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ttlWithJitter(tc.ttl, tc.jitter, tc.r); got != tc.want {
				t.Errorf("ttlWithJitter(%v, %v, %v) = %v, want %v", tc.ttl, tc.jitter, tc.r, got, tc.want)
			}
		})
	}
}

func TestEscapeGlob(t *testing.T) {
	for in, want := range map[string]string{
		"cache:user:": "cache:user:",
		"a*b?c[d]e\\": `a\*b\?c\[d\]e\\`,
	} {
		if got := escapeGlob(in); got != want {
			t.Errorf("escapeGlob(%q) = %q, want %q", in, got, want)
		}
	}
}
