-- Shared head of every job-store script (after the state table that JobScripts generates from
-- io.cordum.api.job.JobState: STATE_POS, TERMINAL, SLOT, can_transition).
--
-- KEYS (all under the store's hash tag, so every script touches one cluster slot):
--   1 job:recent        lex zset  "<updated 19d>\0<id>"                 every job
--   2 job:timers        zset      id, score = wake_at micros (non-terminal jobs)
--   3 job:deadline      zset      id, score = deadline micros (non-terminal jobs)
--   4 job:index:topic   lex zset  "<esc topic>\0<updated 19d>\0<id>"
--   5 job:index:tenant  lex zset  "<esc tenant>\0<updated 19d>\0<id>"
--   6 job:tenant:active lex zset  "<esc tenant>\0<id>" (jobs holding a worker slot)
--   7 job:traces        lex zset  "<esc trace>\0<created 19d>\0<id>"
--   8..17 job:index:<state> lex zsets "<updated 19d>\0<id>", in JobState order
--  18 job:meta:<id>  19 job:req:<id>  20 job:events:<id>  21 job:decisions:<id>  (per-job scripts)
-- What a job is filed under is read from its own record (job:meta:<id>), so each write moves
-- only the entries that changed. Retention is by update time: job:recent doubles as the expiry
-- index (a job expires `retention` after its last write, by the injected clock).
-- ARGV: 1 now (micros, injected clock)  2 expires_at (now + retention, micros)
--       3 real TTL of every written key (ms)  4 history limit  5 decisions limit
--       6 job id ('' when none)  7 purge batch  8.. the script's own arguments
-- These are set by init() at the start of every call: the library is loaded once (FUNCTION
-- LOAD) and its functions share these upvalues; Redis runs one call at a time.
local KEYS, ARGV
local RECENT, TIMERS, DEADLINES, BY_TOPIC, BY_TENANT, ACTIVE, TRACES
local STATE_KEY0, GLOBAL_KEYS = 7, 17
local META, REQ, EVENTS, DECISIONS
local NOW, EXPIRES, TTL_MS, NOW_N, RETENTION_US
local HISTORY_LIMIT, DECISIONS_LIMIT, ID, PURGE_BATCH
-- The store's hash tag, such as '{cordum}:' (job:recent is '<tag>job:recent').
local TAG
-- The job's record as load() found it (nil: none).
local OLD
-- Keys created by this call have no real TTL yet; commit() gives them one.
local NEW_KEYS
-- Real TTL margin over the retention (micros).
local MARGIN_US

local function init(keys, args)
  KEYS, ARGV = keys, args
  RECENT, TIMERS, DEADLINES = KEYS[1], KEYS[2], KEYS[3]
  BY_TOPIC, BY_TENANT, ACTIVE, TRACES = KEYS[4], KEYS[5], KEYS[6], KEYS[7]
  META, REQ, EVENTS, DECISIONS = KEYS[18], KEYS[19], KEYS[20], KEYS[21]
  NOW, EXPIRES, TTL_MS = ARGV[1], ARGV[2], tonumber(ARGV[3])
  NOW_N = tonumber(NOW)
  RETENTION_US = tonumber(EXPIRES) - NOW_N
  HISTORY_LIMIT, DECISIONS_LIMIT = tonumber(ARGV[4]), tonumber(ARGV[5])
  ID = ARGV[6]
  PURGE_BATCH = tonumber(ARGV[7])
  TAG = string.sub(RECENT, 1, #RECENT - #'job:recent')
  OLD, NEW_KEYS = nil, false
  MARGIN_US = TTL_MS * 1000 - RETENTION_US
end

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

-- The index fields of a job's hash as a table, or nil when it has none.
local function read_fields(meta)
  local v = redis.call('HMGET', meta, unpack(FIELDS))
  if not v[1] then return nil end
  local r = {}
  for i, f in ipairs(FIELDS) do
    if v[i] then r[f] = v[i] end
  end
  return r
end

local function copy(r)
  local c = {}
  for k, v in pairs(r) do c[k] = v end
  return c
end

local function zadd(key, score, member) redis.call('ZADD', key, score, member) end

local function holds_slot(r) return r and SLOT[r.state] and r.tenant ~= '' end
local function timer(r, f) if r and not TERMINAL[r.state] then return r[f] end return nil end

-- Moves job `id`'s index entries from what record `old` was filed under (nil: nothing) to what
-- record `r` needs (nil: nothing), touching only the entries that differ.
local function refile(id, old, r)
  local om = old and (pad(old.updated_at) .. '\0' .. id)
  local nm = r and (pad(r.updated_at) .. '\0' .. id)
  if not (old and r and om == nm and old.state == r.state and old.topic == r.topic
      and old.tenant == r.tenant) then
    if old then
      redis.call('ZREM', RECENT, om)
      if STATE_POS[old.state] then redis.call('ZREM', state_key(old.state), om) end
      redis.call('ZREM', BY_TOPIC, esc(old.topic) .. '\0' .. om)
      redis.call('ZREM', BY_TENANT, esc(old.tenant) .. '\0' .. om)
    end
    if r then
      zadd(RECENT, 0, nm)
      zadd(state_key(r.state), 0, nm)
      zadd(BY_TOPIC, 0, esc(r.topic) .. '\0' .. nm)
      zadd(BY_TENANT, 0, esc(r.tenant) .. '\0' .. nm)
    end
  end
  local was, is = holds_slot(old), holds_slot(r)
  if was and not (is and old.tenant == r.tenant) then
    redis.call('ZREM', ACTIVE, esc(old.tenant) .. '\0' .. id)
  end
  if is and not (was and old.tenant == r.tenant) then
    zadd(ACTIVE, 0, esc(r.tenant) .. '\0' .. id)
  end
  local ot = old and old.trace_id ~= '' and
      (esc(old.trace_id) .. '\0' .. pad(old.created_at) .. '\0' .. id)
  local nt = r and r.trace_id ~= '' and
      (esc(r.trace_id) .. '\0' .. pad(r.created_at) .. '\0' .. id)
  if ot ~= nt then
    if ot then redis.call('ZREM', TRACES, ot) end
    if nt then zadd(TRACES, 0, nt) end
  end
  for _, z in ipairs({{TIMERS, 'wake_at'}, {DEADLINES, 'deadline'}}) do
    local o, n = timer(old, z[2]), timer(r, z[2])
    if n then
      if n ~= o then zadd(z[1], n, id) end
    elseif o then
      redis.call('ZREM', z[1], id)
    end
  end
end

-- Drops job `id` (record r, or nil if its hash is already gone) and its keys.
local function drop(id, r, member)
  if r then
    refile(id, r, nil)
  else
    redis.call('ZREM', RECENT, member)
    redis.call('ZREM', TIMERS, id)
    redis.call('ZREM', DEADLINES, id)
  end
  local p = TAG .. 'job:'
  redis.call('DEL', p .. 'meta:' .. id, p .. 'req:' .. id, p .. 'events:' .. id,
    p .. 'decisions:' .. id)
end

-- Drops up to `limit` jobs whose retention ran out by the injected clock: those last updated at
-- least `retention` ago, oldest first. Entries that a job whose hash is already gone (by its
-- real TTL) left in other indexes are removed lazily by the reads that meet them.
local function purge(limit)
  local cutoff = string.format('%d', NOW_N - RETENTION_US + 1)
  local members = redis.call('ZRANGE', RECENT, '-', '(' .. pad(cutoff), 'BYLEX', 'LIMIT', 0,
    limit)
  for _, m in ipairs(members) do
    local id = string.sub(m, 21)
    drop(id, read_fields(TAG .. 'job:meta:' .. id), m)
  end
  return #members
end

-- The fields of a job's live record that a write needs (FIELDS and ttl_at), or nil. An expired
-- record is dropped first. The rest of the hash is read only when a reply needs it (full()).
-- (Written out: a library's load-time code has no ipairs.)
local LOAD_FIELDS = {'ttl_at', 'state', 'version', 'attempts', 'created_at', 'updated_at',
  'expires_at', 'tenant', 'topic', 'trace_id', 'wake_at', 'deadline'}
local function load()
  local v = redis.call('HMGET', META, unpack(LOAD_FIELDS))
  local r = {}
  for i, f in ipairs(LOAD_FIELDS) do
    if v[i] then r[f] = v[i] end
  end
  if not r.state then return nil end
  if (tonumber(r.expires_at) or 0) <= NOW_N then
    drop(ID, r, nil)
    return nil
  end
  OLD = copy(r)
  return r
end

-- A fresh record (a job with no live record).
local function fresh(state)
  return {state = state, created_at = NOW, updated_at = NOW, attempts = '0', tenant = '',
    topic = '', trace_id = ''}
end

local function append_history(state)
  local n = redis.call('RPUSH', EVENTS, NOW .. '|' .. state)
  if n > HISTORY_LIMIT then redis.call('LTRIM', EVENTS, -HISTORY_LIMIT, -1) end
  if n == 1 then NEW_KEYS = true end
end

local function append_decision(json)
  local n = redis.call('RPUSH', DECISIONS, json)
  if n > DECISIONS_LIMIT then redis.call('LTRIM', DECISIONS, -DECISIONS_LIMIT, -1) end
  if n == 1 then NEW_KEYS = true end
end

-- Real TTLs: every key of the job gets retention + margin when it is created, and again once a
-- write finds half the margin gone since (by `ttl_at` in its hash), so the keys always outlive
-- the record by the injected clock (real time and the injected clock agree outside tests)
-- without a PEXPIRE or PTTL per key and write. The store-wide keys are renewed the same way by
-- saves, marked by job:ttl_mark (saves keep coming while jobs are being submitted).
local function due_renewal(at)
  local t = tonumber(at)
  return not t or t > NOW_N or NOW_N - t >= MARGIN_US / 2
end
local function renew_globals()
  local mark = TAG .. 'job:ttl_mark'
  if not due_renewal(redis.call('GET', mark)) then return end
  for i = 1, GLOBAL_KEYS do redis.call('PEXPIRE', KEYS[i], TTL_MS) end
  redis.call('SET', mark, NOW, 'PX', TTL_MS)
end

-- Writes record r plus the extra field/value pairs, bumps the version, extends the job's life
-- and re-files it.
local function commit(r, extra)
  r.version = string.format('%d', (r.version and tonumber(r.version) or 0) + 1)
  r.expires_at = EXPIRES
  r.id = ID
  local renew = NEW_KEYS or not OLD or due_renewal(r.ttl_at)
  if renew then r.ttl_at = NOW end
  local set, del = {'id', ID, 'ttl_at', r.ttl_at}, {}
  for _, f in ipairs(FIELDS) do
    if r[f] then
      set[#set + 1] = f
      set[#set + 1] = r[f]
    elseif OLD and OLD[f] then
      del[#del + 1] = f
    end
  end
  for i = 1, #extra, 2 do
    set[#set + 1] = extra[i]
    set[#set + 1] = extra[i + 1]
    r[extra[i]] = extra[i + 1]
  end
  redis.call('HSET', META, unpack(set))
  if #del > 0 then redis.call('HDEL', META, unpack(del)) end
  refile(ID, OLD, r)
  if renew then
    redis.call('PEXPIRE', META, TTL_MS)
    redis.call('PEXPIRE', REQ, TTL_MS)
    redis.call('PEXPIRE', EVENTS, TTL_MS)
    redis.call('PEXPIRE', DECISIONS, TTL_MS)
  end
end

-- The reply with the whole stored record (a flat field/value list).
local function ok_record() return {'OK', redis.call('HGETALL', META)} end
