-- Lazy index cleanup after a read met entries of jobs that are gone or expired, plus a purge.
-- KEYS 20..: the job:meta:<id> key of each entry. ARGV 8..: triples (id, index key position
-- 1..19, member). An entry is removed only if its job really is gone or expired now.
local purged = purge(PURGE_BATCH)
local removed = 0
local n = 0
for i = 8, #ARGV, 3 do
  n = n + 1
  local id, pos, member = ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2]
  local exp = redis.call('HGET', KEYS[GLOBAL_KEYS + n], 'expires_at')
  if (not exp or tonumber(exp) <= NOW_N) and pos >= 1 and pos <= GLOBAL_KEYS then
    unindex(id)
    removed = removed + redis.call('ZREM', KEYS[pos], member)
  end
end
return {purged, removed}
