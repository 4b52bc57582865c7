-- Compare-and-set a run and append its timeline events.
-- KEYS 1: the run hash, 2: the timers, 3: the run's timeline, 4: the timeline counters,
-- 5..11: the status indexes in the order pending, running, waiting, succeeded, failed,
-- cancelled, timed_out, 12: the active runs of the tenant named in ARGV 9.
-- ARGV 1: id, 2: expected version, 3: new status, 4: run JSON, 5: now ms, 6: wake ms ('' none),
-- 7: the statuses the new one may be reached from (space-separated), 8: timeline bound,
-- 9: the tenant the caller believes the run has, 10..: event JSONs.
-- Replies {'ok', version, wf, tenant, key, created}, {'missing'}, {'conflict', version},
-- {'invalid', old status} or {'tenant', stored tenant} (call again with that tenant's key).
local STATUSES = {'pending', 'running', 'waiting', 'succeeded', 'failed', 'cancelled',
  'timed_out'}
local function index_of(status)
  for i, s in ipairs(STATUSES) do if s == status then return 4 + i end end
  return nil
end
if redis.call('EXISTS', KEYS[1]) == 0 then return {'missing'} end
local cur = redis.call('HMGET', KEYS[1], 'version', 'status', 'member', 'wf', 'tenant', 'key',
  'created')
if cur[1] ~= ARGV[2] then return {'conflict', cur[1]} end
if cur[5] ~= ARGV[9] then return {'tenant', cur[5]} end
local old = cur[2]
if old ~= ARGV[3] and not string.find(' ' .. ARGV[7] .. ' ', ' ' .. old .. ' ', 1, true) then
  return {'invalid', old}
end
local version = tonumber(cur[1]) + 1
redis.call('HSET', KEYS[1], 'doc', ARGV[4], 'version', version, 'status', ARGV[3],
  'updated', ARGV[5], 'wake', ARGV[6])
if old ~= ARGV[3] then
  redis.call('ZREM', KEYS[index_of(old)], cur[3])
  redis.call('ZADD', KEYS[index_of(ARGV[3])], 0, cur[3])
end
if index_of(ARGV[3]) >= 8 then
  redis.call('SREM', KEYS[12], ARGV[1])
else
  redis.call('SADD', KEYS[12], ARGV[1])
end
if ARGV[6] == '' then
  redis.call('ZREM', KEYS[2], ARGV[1])
else
  redis.call('ZADD', KEYS[2], ARGV[6], ARGV[1])
end
local bound = tonumber(ARGV[8])
for i = 10, #ARGV do
  local seq = redis.call('HINCRBY', KEYS[4], ARGV[1], 1)
  redis.call('ZADD', KEYS[3], seq, string.format('%019d', seq) .. '|' .. ARGV[i])
end
if #ARGV >= 10 then
  redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -(bound + 1))
end
return {'ok', tostring(version), cur[4], cur[5], cur[6], cur[7]}
