-- Lazy index cleanup after a read met entries of jobs that are gone or expired, plus a purge.
-- KEYS 19..: the job:meta:<id> key of each entry. ARGV 8..: triples (id, index key position
-- 1..17, member). An entry is removed only if its job really is gone or expired now.
local TIMERS_POS, DEADLINES_POS, ACTIVE_POS, TRACES_POS = 2, 3, 6, 7
local purged = purge(PURGE_BATCH)
local removed = 0
local n = 0
for i = 8, #ARGV, 3 do
  n = n + 1
  local id, pos, member = ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2]
  local r = read_fields(KEYS[GLOBAL_KEYS + n])
  if (not r or (tonumber(r.expires_at) or 0) <= NOW_N) and pos >= 1 and pos <= STATE_LAST then
    if r then
      drop(id, r, nil)
    elseif pos ~= ACTIVE_POS and pos ~= TRACES_POS and pos ~= TIMERS_POS
        and pos ~= DEADLINES_POS then
      -- Every listing member ends "<updated 19d>\0<id>": the job's entries in job:recent and
      -- the state indexes are known without its record (topic and tenant entries are not).
      local m = string.sub(member, -(20 + #id))
      redis.call('ZREM', RECENT, m)
      for s = STATE_KEY0 + 1, STATE_LAST do redis.call('ZREM', KEYS[s], m) end
      redis.call('ZREM', TIMERS, id)
      redis.call('ZREM', DEADLINES, id)
    end
    redis.call('SREM', DIRTY, id)
    removed = removed + redis.call('ZREM', KEYS[pos], member)
  end
end
return {purged, removed}
