package jobs

import "github.com/redis/go-redis/v9"

// Every state move is one Lua script, so a job is always in exactly one
// of wait, delayed, active, completed and failed, and a move made by one
// process can't interleave with another's. Every key a script touches is
// in KEYS (a job's hash and lock key too: the callers name the jobs they
// mean, and the scripts re-check them), and all share the queue's hash
// tag.
//
// Time is ARGV[1] in milliseconds, or the server's TIME when it is "0".
//
// The scripts that change a job's state add an entry to the queue's event
// stream, capped at about maxlen entries (none when maxlen is 0).

const luaNow = `
local function nowMs(arg)
  local now = tonumber(arg)
  if now == 0 then
    local t = redis.call('TIME')
    now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  end
  return now
end
local function emit(key, maxlen, ...)
  maxlen = tonumber(maxlen)
  if maxlen > 0 then
    redis.call('XADD', key, 'MAXLEN', '~', maxlen, '*', ...)
  end
end
`

// timeScript returns the time in ms. KEYS[1] is any key of the queue,
// so that on a cluster it runs on the queue's node.
var timeScript = redis.NewScript(luaNow + `return nowMs(ARGV[1])`)

// addScript adds a job unless its ID exists.
// KEYS: job, wait, delayed, events. ARGV: now, id, delay ms, events
// maxlen, then the hash's field/value pairs (without the timestamp).
// Returns {1 if added else 0, now}.
var addScript = redis.NewScript(luaNow + `
local now = nowMs(ARGV[1])
if redis.call('EXISTS', KEYS[1]) == 1 then return {0, now} end
local fields = {'ts', now, 'attempts', 0, 'stalls', 0}
for i = 5, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], unpack(fields))
local delay = tonumber(ARGV[3])
if delay > 0 then
  redis.call('ZADD', KEYS[3], now + delay, ARGV[2])
  emit(KEYS[4], ARGV[4], 'event', 'delayed', 'jobId', ARGV[2], 'delay', delay)
else
  redis.call('LPUSH', KEYS[2], ARGV[2])
  emit(KEYS[4], ARGV[4], 'event', 'waiting', 'jobId', ARGV[2])
end
return {1, now}
`)

// repeatScript schedules an occurrence of a repeatable job as a delayed
// job with a deterministic ID. The repeat sorted set holds each repeat
// key's next time: the first schedule (prev "") happens only if the key
// has none, and each next one only if the key's time is still prev, so
// that however many processes race, one chain of occurrences exists.
// KEYS: repeat, job, delayed. ARGV: now, repeat key, prev ms or "",
// next ms, id, then the hash's field/value pairs.
// Returns {1 if scheduled else 0, the key's next ms}.
var repeatScript = redis.NewScript(luaNow + `
local now = nowMs(ARGV[1])
local cur = redis.call('ZSCORE', KEYS[1], ARGV[2])
if ARGV[3] == '' then
  if cur then return {0, tonumber(cur)} end
elseif (not cur) or tonumber(cur) ~= tonumber(ARGV[3]) then
  return {0, cur and tonumber(cur) or 0}
end
local nextMs = tonumber(ARGV[4])
redis.call('ZADD', KEYS[1], nextMs, ARGV[2])
if redis.call('EXISTS', KEYS[2]) == 0 then
  local fields = {'ts', now, 'attempts', 0, 'stalls', 0}
  for i = 6, #ARGV do fields[#fields + 1] = ARGV[i] end
  redis.call('HSET', KEYS[2], unpack(fields))
  redis.call('ZADD', KEYS[3], nextMs, ARGV[5])
end
return {1, nextMs}
`)

// removeRepeatScript forgets a repeat key whose next time is still the
// one the caller read, and deletes that occurrence if it is still
// delayed.
// KEYS: repeat, delayed, job of the pending occurrence. ARGV: repeat key,
// next ms, the occurrence's id. Returns 1 if removed, 0 if there was no
// such key, -1 if its next time changed.
var removeRepeatScript = redis.NewScript(`
local cur = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not cur then return 0 end
if tonumber(cur) ~= tonumber(ARGV[2]) then return -1 end
redis.call('ZREM', KEYS[1], ARGV[1])
if redis.call('ZREM', KEYS[2], ARGV[3]) == 1 then redis.call('DEL', KEYS[3]) end
return 1
`)

// claimScript promotes due delayed jobs to wait, then moves the named
// candidates (peeked at the tail of wait) that are still waiting to
// active, each with a fresh lock. A candidate another worker took is
// skipped: LREM finds it no longer.
// KEYS: wait, active, delayed, then job and lock of each candidate.
// ARGV: now, lock ms, promote limit, then id and token of each candidate.
// Returns {now, length of wait, {id, {hash pairs}}...}.
var claimScript = redis.NewScript(luaNow + `
local now = nowMs(ARGV[1])
local due = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(due) do
  redis.call('ZREM', KEYS[3], id)
  redis.call('LPUSH', KEYS[1], id)
end
local claimed = {}
for i = 1, (#KEYS - 3) / 2 do
  local id, token = ARGV[2 + 2 * i], ARGV[3 + 2 * i]
  local jobKey, lockKey = KEYS[2 + 2 * i], KEYS[3 + 2 * i]
  if redis.call('LREM', KEYS[1], -1, id) == 1 and redis.call('EXISTS', jobKey) == 1 then
    redis.call('SADD', KEYS[2], id)
    redis.call('SET', lockKey, token, 'PX', ARGV[2])
    redis.call('HSET', jobKey, 'processedOn', now)
    claimed[#claimed + 1] = id
    claimed[#claimed + 1] = redis.call('HGETALL', jobKey)
  end
end
return {now, redis.call('LLEN', KEYS[1]), claimed}
`)

// extendLockScript renews a lock the caller still holds.
// KEYS: lock. ARGV: token, lock ms. Returns 1, or 0 if the lock is lost.
var extendLockScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`)

// completeScript moves an active job to completed, if the caller still
// holds its lock.
// KEYS: active, completed, job, lock, events. ARGV: now, id, token, keep
// (< 0: delete the job at once), events maxlen.
// Returns {-1} if the lock is lost, else {number of completed jobs, now}.
var completeScript = redis.NewScript(luaNow + `
local now = nowMs(ARGV[1])
if redis.call('GET', KEYS[4]) ~= ARGV[3] then return {-1} end
redis.call('DEL', KEYS[4])
redis.call('SREM', KEYS[1], ARGV[2])
emit(KEYS[5], ARGV[5], 'event', 'completed', 'jobId', ARGV[2])
if tonumber(ARGV[4]) < 0 then
  redis.call('DEL', KEYS[3])
  return {redis.call('ZCARD', KEYS[2]), now}
end
redis.call('HINCRBY', KEYS[3], 'attempts', 1)
redis.call('HSET', KEYS[3], 'finishedOn', now)
redis.call('ZADD', KEYS[2], now, ARGV[2])
return {redis.call('ZCARD', KEYS[2]), now}
`)

// failScript records a failed attempt of an active job whose lock the
// caller holds: the job goes to delayed (or straight to wait) for a
// retry, or to failed.
// KEYS: active, delayed, wait, failed, job, lock, events. ARGV: now, id,
// token, reason, retry delay ms (< 0: no retry), keep (< 0: delete at
// once), events maxlen.
// Returns {-1} if the lock is lost, {0, now} if retrying, {1, number of
// failed jobs, now} if failed.
var failScript = redis.NewScript(luaNow + `
local now = nowMs(ARGV[1])
if redis.call('GET', KEYS[6]) ~= ARGV[3] then return {-1} end
redis.call('DEL', KEYS[6])
redis.call('SREM', KEYS[1], ARGV[2])
redis.call('HINCRBY', KEYS[5], 'attempts', 1)
redis.call('HSET', KEYS[5], 'failedReason', ARGV[4])
local delay = tonumber(ARGV[5])
if delay >= 0 then
  emit(KEYS[7], ARGV[7], 'event', 'retrying', 'jobId', ARGV[2], 'reason', ARGV[4], 'delay', delay)
else
  emit(KEYS[7], ARGV[7], 'event', 'failed', 'jobId', ARGV[2], 'reason', ARGV[4])
end
if delay == 0 then
  redis.call('LPUSH', KEYS[3], ARGV[2])
  return {0, now}
elseif delay > 0 then
  redis.call('ZADD', KEYS[2], now + delay, ARGV[2])
  return {0, now}
end
if tonumber(ARGV[6]) < 0 then
  redis.call('DEL', KEYS[5])
else
  redis.call('HSET', KEYS[5], 'finishedOn', now)
  redis.call('ZADD', KEYS[4], now, ARGV[2])
end
return {1, redis.call('ZCARD', KEYS[4]), now}
`)

// returnScript puts an active job whose lock the caller holds back at
// the head of wait (next to run), without counting an attempt.
// KEYS: active, wait, lock. ARGV: id, token. Returns 1, or 0 if lost.
var returnScript = redis.NewScript(`
if redis.call('GET', KEYS[3]) ~= ARGV[2] then return 0 end
redis.call('DEL', KEYS[3])
redis.call('SREM', KEYS[1], ARGV[1])
redis.call('RPUSH', KEYS[2], ARGV[1])
return 1
`)

// stalledScript moves the named active jobs whose lock has expired back
// to the head of wait, counting a stall, or to failed once they stalled
// more than the limit.
// KEYS: active, wait, failed, events, then job and lock of each
// candidate. ARGV: now, max stalls, reason, events maxlen, then the
// candidates' ids.
// Returns {{ids put back}, {ids failed}}.
var stalledScript = redis.NewScript(luaNow + `
local now = nowMs(ARGV[1])
local back, failed = {}, {}
for i = 1, (#KEYS - 4) / 2 do
  local id, jobKey, lockKey = ARGV[4 + i], KEYS[3 + 2 * i], KEYS[4 + 2 * i]
  if redis.call('SISMEMBER', KEYS[1], id) == 1 and redis.call('EXISTS', lockKey) == 0 then
    redis.call('SREM', KEYS[1], id)
    if redis.call('EXISTS', jobKey) == 1 then
      local stalls = redis.call('HINCRBY', jobKey, 'stalls', 1)
      if stalls > tonumber(ARGV[2]) then
        redis.call('HSET', jobKey, 'failedReason', ARGV[3], 'finishedOn', now)
        redis.call('ZADD', KEYS[3], now, id)
        emit(KEYS[4], ARGV[4], 'event', 'failed', 'jobId', id, 'reason', ARGV[3])
        failed[#failed + 1] = id
      else
        redis.call('RPUSH', KEYS[2], id)
        emit(KEYS[4], ARGV[4], 'event', 'stalled', 'jobId', id)
        back[#back + 1] = id
      end
    end
  end
end
return {back, failed}
`)

// trimScript deletes, of the named members of a completed or failed
// set, those that are not among its newest keep, with their hashes.
// KEYS: set, then each candidate's job. ARGV: keep, then the ids.
// Returns how many it removed.
var trimScript = redis.NewScript(`
local keep, removed = tonumber(ARGV[1]), 0
for i = 2, #KEYS do
  local id = ARGV[i]
  local rank = redis.call('ZRANK', KEYS[1], id)
  if rank and rank < redis.call('ZCARD', KEYS[1]) - keep then
    redis.call('ZREM', KEYS[1], id)
    redis.call('DEL', KEYS[i])
    removed = removed + 1
  end
end
return removed
`)

// stateScript tells where a job is.
// KEYS: job, wait, active, delayed, completed, failed. ARGV: id.
var stateScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 'unknown' end
if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 1 then return 'active' end
if redis.call('ZSCORE', KEYS[4], ARGV[1]) then return 'delayed' end
if redis.call('ZSCORE', KEYS[5], ARGV[1]) then return 'completed' end
if redis.call('ZSCORE', KEYS[6], ARGV[1]) then return 'failed' end
if redis.call('LPOS', KEYS[2], ARGV[1]) then return 'waiting' end
return 'unknown'
`)
