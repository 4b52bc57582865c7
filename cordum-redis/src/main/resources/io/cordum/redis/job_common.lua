-- Shared head of every job-store script (after the state table that JobScripts generates from
-- io.cordum.api.job.JobState: STATE_POS, TERMINAL, SLOT, can_transition).
--
-- KEYS (all under the store's hash tag, so every script touches one cluster slot):
--   1 job:recent        lex zset  "<updated 19d>\0<id>"                 every job
--   2 job:ix            hash      id -> msgpack {state, updated, created, tenant, topic, trace}
--                                 (what the job is indexed under, so it can be unindexed
--                                 without reading its own keys)
--   3 job:expiry        zset      id, score = expires_at micros (injected clock)
--   4 job:timers        zset      id, score = wake_at micros (non-terminal jobs)
--   5 job:deadline      zset      id, score = deadline micros (non-terminal jobs)
--   6 job:index:topic   lex zset  "<esc topic>\0<updated 19d>\0<id>"
--   7 job:index:tenant  lex zset  "<esc tenant>\0<updated 19d>\0<id>"
--   8 job:tenant:active lex zset  "<esc tenant>\0<id>" (jobs holding a worker slot)
--   9 job:traces        lex zset  "<esc trace>\0<created 19d>\0<id>"
--  10..19 job:index:<state> lex zsets "<updated 19d>\0<id>", in JobState order
--  20 job:meta:<id>  21 job:req:<id>  22 job:events:<id>  23 job:decisions:<id>  (per-job scripts)
-- ARGV: 1 now (micros, injected clock)  2 expires_at (now + retention, micros)
--       3 real TTL of every written key (ms)  4 history limit  5 decisions limit
--       6 job id ('' when none)  7 purge batch  8.. the script's own arguments
local RECENT, IX, EXPIRY, TIMERS, DEADLINES = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local BY_TOPIC, BY_TENANT, ACTIVE, TRACES = KEYS[6], KEYS[7], KEYS[8], KEYS[9]
local STATE_KEY0, GLOBAL_KEYS = 9, 19
local META, REQ, EVENTS, DECISIONS = KEYS[20], KEYS[21], KEYS[22], KEYS[23]
local NOW, EXPIRES, TTL_MS = ARGV[1], ARGV[2], ARGV[3]
local NOW_N = tonumber(NOW)
local HISTORY_LIMIT, DECISIONS_LIMIT = tonumber(ARGV[4]), tonumber(ARGV[5])
local ID = ARGV[6]
local PURGE_BATCH = tonumber(ARGV[7])

-- Index fields of job:meta:<id>, read by load() and written by commit().
local FIELDS = {'state', 'version', 'attempts', 'created_at', 'updated_at', 'expires_at',
  'tenant', 'topic', 'trace_id', 'wake_at', 'deadline'}

-- Micros as 19 zero-padded digits, so that lexicographic order is numeric order.
local function pad(s) return string.rep('0', 19 - #s) .. s end
-- Escapes a name so it holds no NUL (\1 -> \1\1, \0 -> \1\2): NUL then ends every name.
local function esc(s) return (string.gsub(string.gsub(s, '\1', '\1\1'), '%z', '\1\2')) end
-- An optional argument: '' is absent, '=' .. v is the value v.
local function opt(a) if a == '' then return nil end return string.sub(a, 2) end
local function state_key(state) return KEYS[STATE_KEY0 + STATE_POS[state]] end

-- Removes a job from every index, using what job:ix says it was indexed under.
local function unindex(id)
  local packed = redis.call('HGET', IX, id)
  if packed then
    local t = cmsgpack.unpack(packed)
    local state, updated, created, tenant, topic, trace = t[1], t[2], t[3], t[4], t[5], t[6]
    local m = pad(updated) .. '\0' .. id
    redis.call('ZREM', RECENT, m)
    if STATE_POS[state] then redis.call('ZREM', state_key(state), m) end
    redis.call('ZREM', BY_TOPIC, esc(topic) .. '\0' .. m)
    redis.call('ZREM', BY_TENANT, esc(tenant) .. '\0' .. m)
    redis.call('ZREM', ACTIVE, esc(tenant) .. '\0' .. id)
    if trace ~= '' then
      redis.call('ZREM', TRACES, esc(trace) .. '\0' .. pad(created) .. '\0' .. id)
    end
    redis.call('HDEL', IX, id)
  end
  redis.call('ZREM', TIMERS, id)
  redis.call('ZREM', DEADLINES, id)
  redis.call('ZREM', EXPIRY, id)
end

-- Adds a job to every index its record r needs.
local function index(id, r)
  local m = pad(r.updated_at) .. '\0' .. id
  redis.call('ZADD', RECENT, 0, m)
  redis.call('ZADD', state_key(r.state), 0, m)
  redis.call('ZADD', BY_TOPIC, 0, esc(r.topic) .. '\0' .. m)
  redis.call('ZADD', BY_TENANT, 0, esc(r.tenant) .. '\0' .. m)
  if SLOT[r.state] and r.tenant ~= '' then
    redis.call('ZADD', ACTIVE, 0, esc(r.tenant) .. '\0' .. id)
  end
  if r.trace_id ~= '' then
    redis.call('ZADD', TRACES, 0, esc(r.trace_id) .. '\0' .. pad(r.created_at) .. '\0' .. id)
  end
  if not TERMINAL[r.state] then
    if r.wake_at then redis.call('ZADD', TIMERS, r.wake_at, id) end
    if r.deadline then redis.call('ZADD', DEADLINES, r.deadline, id) end
  end
  redis.call('ZADD', EXPIRY, r.expires_at, id)
  redis.call('HSET', IX, id,
    cmsgpack.pack({r.state, r.updated_at, r.created_at, r.tenant, r.topic, r.trace_id}))
end

-- Unindexes up to `limit` jobs whose retention ran out by the injected clock. Their own keys
-- are left to their real TTL (reads already treat them as absent; a write drops them).
local function purge(limit)
  local ids = redis.call('ZRANGEBYSCORE', EXPIRY, '-inf', NOW, 'LIMIT', 0, limit)
  for _, id in ipairs(ids) do unindex(id) end
  return #ids
end

-- The job's live record (index fields), or nil. An expired record is dropped first.
local function load()
  local v = redis.call('HMGET', META, unpack(FIELDS))
  if not v[1] then return nil end
  if (tonumber(v[6]) or 0) <= NOW_N then
    unindex(ID)
    redis.call('DEL', META, REQ, EVENTS, DECISIONS)
    return nil
  end
  local r = {}
  for i, f in ipairs(FIELDS) do
    if v[i] then r[f] = v[i] end
  end
  return r
end

-- A fresh record (a job with no live record).
local function fresh(state)
  return {state = state, created_at = NOW, updated_at = NOW, attempts = '0', tenant = '',
    topic = '', trace_id = ''}
end

local function append_history(state)
  redis.call('RPUSH', EVENTS, NOW .. '|' .. state)
  redis.call('LTRIM', EVENTS, -HISTORY_LIMIT, -1)
end

local function append_decision(json)
  redis.call('RPUSH', DECISIONS, json)
  redis.call('LTRIM', DECISIONS, -DECISIONS_LIMIT, -1)
end

-- Writes record r plus the extra field/value pairs, bumps the version, extends the job's life
-- (by the injected clock and by real TTLs) and re-indexes it. Returns the stored hash.
-- The 19 store-wide index keys get their real TTL refreshed only by writes that create or
-- re-save a job (REFRESH_GLOBALS), not by every state change: that halves the commands of a
-- transition, and while jobs are being submitted the indexes keep being refreshed anyway.
local REFRESH_GLOBALS = false
local function commit(r, extra)
  r.version = string.format('%d', (r.version and tonumber(r.version) or 0) + 1)
  r.expires_at = EXPIRES
  local set, del = {'id', ID}, {}
  for _, f in ipairs(FIELDS) do
    if r[f] then
      set[#set + 1] = f
      set[#set + 1] = r[f]
    else
      del[#del + 1] = f
    end
  end
  for i = 1, #extra do set[#set + 1] = extra[i] end
  redis.call('HSET', META, unpack(set))
  if #del > 0 then redis.call('HDEL', META, unpack(del)) end
  unindex(ID)
  index(ID, r)
  redis.call('PEXPIRE', META, TTL_MS)
  redis.call('PEXPIRE', REQ, TTL_MS)
  redis.call('PEXPIRE', EVENTS, TTL_MS)
  redis.call('PEXPIRE', DECISIONS, TTL_MS)
  if REFRESH_GLOBALS then
    for i = 1, GLOBAL_KEYS do redis.call('PEXPIRE', KEYS[i], TTL_MS) end
  end
  return redis.call('HGETALL', META)
end

local function ok_record() return {'OK', redis.call('HGETALL', META)} end
