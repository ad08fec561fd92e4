package session

import (
	"strings"
	"testing"
)

func TestIDFormat(t *testing.T) {
	id := newID("alice@example.com")
	if len(id) != 55 {
		t.Fatalf("len(%q) = %d, want 55", id, len(id))
	}
	tag, secret, ok := parseID(id)
	if !ok || tag != userTag("alice@example.com") || len(secret) != 32 {
		t.Fatalf("parseID(%q) = %q, %q, %v", id, tag, secret, ok)
	}
	if strings.Contains(id, "alice") {
		t.Fatalf("ID %q shows the user ID", id)
	}
	if userTag("alice@example.com") == userTag("bob@example.com") {
		t.Fatal("two users share a tag")
	}
}

func TestParseIDRejects(t *testing.T) {
	good := newID("u")
	tag, secret, _ := parseID(good)
	for _, id := range []string{
		"",
		tag,
		tag + "." + secret + "x",
		tag + "." + secret[1:],
		tag + secret,
		tag + ":" + secret,
		"*" + tag[1:] + "." + secret,
		tag + "." + secret[:31] + "}",
		tag + "." + secret[:31] + "=",
		tag[:21] + "{." + secret,
	} {
		if _, _, ok := parseID(id); ok {
			t.Errorf("parseID(%q) accepted a malformed ID", id)
		}
	}
}

func TestKeysShareTheUsersSlot(t *testing.T) {
	s := New(nil, Options{Prefix: "app:sess:"})
	id := newID("u1")
	sessionKey, indexKey, ok := s.keys(id)
	if !ok {
		t.Fatal("keys of a new ID")
	}
	tag := userTag("u1")
	if sessionKey != "app:sess:{"+tag+"}:"+id[len(tag)+1:] || indexKey != "app:sess:{"+tag+"}" {
		t.Fatalf("keys = %q, %q", sessionKey, indexKey)
	}
}
