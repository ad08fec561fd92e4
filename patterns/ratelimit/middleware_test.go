package ratelimit

import (
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"
)

func TestClientIP(t *testing.T) {
	trusted := []netip.Prefix{
		netip.MustParsePrefix("10.0.0.0/8"),
		netip.MustParsePrefix("fd00::/8"),
	}
	tests := []struct {
		name   string
		remote string
		xff    []string
		want   string
	}{
		{"untrusted peer, no header", "198.51.100.7:5000", nil, "198.51.100.7"},
		{"untrusted peer ignores header", "198.51.100.7:5000", []string{"1.2.3.4"}, "198.51.100.7"},
		{"trusted peer, no header", "10.0.0.1:5000", nil, "10.0.0.1"},
		{"one trusted proxy", "10.0.0.1:5000", []string{"203.0.113.9"}, "203.0.113.9"},
		{"spoofed left part ignored", "10.0.0.1:5000", []string{"1.2.3.4, 203.0.113.9"}, "203.0.113.9"},
		{"chain of trusted proxies", "10.0.0.1:5000", []string{"1.2.3.4, 203.0.113.9, 10.0.0.3, 10.0.0.2"}, "203.0.113.9"},
		{"several header lines", "10.0.0.1:5000", []string{"1.2.3.4", "203.0.113.9, 10.0.0.2"}, "203.0.113.9"},
		{"all hops trusted", "10.0.0.1:5000", []string{"10.9.9.9, 10.0.0.2"}, "10.9.9.9"},
		{"malformed hop stops at last trusted", "10.0.0.1:5000", []string{"garbage, 10.0.0.2"}, "10.0.0.2"},
		{"hop with port", "10.0.0.1:5000", []string{"203.0.113.9:1234"}, "203.0.113.9"},
		{"ipv6 peer", "[2001:db8::1]:5000", []string{"1.2.3.4"}, "2001:db8::1"},
		{"ipv6 trusted proxy", "[fd00::1]:5000", []string{"[2001:db8::2]"}, "2001:db8::2"},
		{"ipv4-mapped peer", "[::ffff:198.51.100.7]:5000", nil, "198.51.100.7"},
		{"unparsable remote kept as is", "@", nil, "@"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.remote
			for _, v := range tt.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := ClientIP(r, trusted); got != tt.want {
				t.Errorf("ClientIP = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCeil(t *testing.T) {
	for _, tt := range []struct {
		d    time.Duration
		want int64
	}{{0, 1}, {time.Millisecond, 1}, {time.Second, 1}, {time.Second + 1, 2}, {59*time.Second + 1, 60}} {
		if got := ceilSeconds(tt.d); got != tt.want {
			t.Errorf("ceilSeconds(%v) = %d, want %d", tt.d, got, tt.want)
		}
	}
	if got := ceilUnix(time.Unix(100, 0)); got != 100 {
		t.Errorf("ceilUnix(100s) = %d", got)
	}
	if got := ceilUnix(time.Unix(100, 1)); got != 101 {
		t.Errorf("ceilUnix(100s+1ns) = %d", got)
	}
}
