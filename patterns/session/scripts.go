package session

import "github.com/redis/go-redis/v9"

// The scripts share these helpers. Times are the server's, in Unix
// milliseconds: an index score and its session's PEXPIREAT are the same
// number. Redis deletes a key when now > its expiry, so the index drops
// scores < now (exclusive), never a session that still exists.
const scriptHelpers = `
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function ms(n) return string.format('%d', n) end
-- prune drops expired sessions from the index and lets the index key
-- live exactly as long as its latest session.
local function prune(index, now)
  redis.call('ZREMRANGEBYSCORE', index, '-inf', '(' .. ms(now))
  local last = redis.call('ZRANGE', index, -1, -1, 'WITHSCORES')
  if last[2] then redis.call('PEXPIREAT', index, last[2]) end
end
`

// createScript: KEYS = session, index; ARGV = ttl ms, id, user ID, then
// field/value pairs. Returns {created, expires}, or nil if the ID exists.
var createScript = redis.NewScript(scriptHelpers + `
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local now = now_ms()
local exp = now + tonumber(ARGV[1])
redis.call('HSET', KEYS[1], '_u', ARGV[3], '_c', ms(now), '_e', ms(exp))
for i = 4, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('PEXPIREAT', KEYS[1], ms(exp))
redis.call('ZADD', KEYS[2], ms(exp), ARGV[2])
prune(KEYS[2], now)
return {now, exp}
`)

// refreshScript: KEYS = session, index; ARGV = ttl ms, id. Returns the
// new expiry, or nil if the session does not exist.
var refreshScript = redis.NewScript(scriptHelpers + `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local now = now_ms()
local exp = now + tonumber(ARGV[1])
redis.call('HSET', KEYS[1], '_e', ms(exp))
redis.call('PEXPIREAT', KEYS[1], ms(exp))
redis.call('ZADD', KEYS[2], ms(exp), ARGV[2])
prune(KEYS[2], now)
return exp
`)

// updateScript: KEYS = session; ARGV = field/value pairs. Returns 1, or
// nil if the session does not exist (HSET alone would create it).
var updateScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
-- One pair per call: unpack would overflow Lua's stack on a large map.
for i = 1, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
return 1
`)

// listScript: KEYS = index. Returns the live session IDs.
var listScript = redis.NewScript(scriptHelpers + `
prune(KEYS[1], now_ms())
return redis.call('ZRANGE', KEYS[1], 0, -1)
`)
