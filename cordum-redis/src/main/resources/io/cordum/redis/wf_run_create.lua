-- Create a run. KEYS 1: the run hash, 2: the index of all runs, 3: the workflow's run index,
-- 4: the status index, 5: the timers, 6: the idempotency hash, 7: the tenant's run index,
-- 8: the tenant's set of active (non-terminal) runs.
-- ARGV 1: id, 2: run JSON, 3: status, 4: workflow id, 5: tenant, 6: idempotency key,
-- 7: idempotency field ('' for none), 8: created ms, 9: index member, 10: wake ms ('' none),
-- 11: the tenant's limit of active runs (0: none), 12: '1' if the status is terminal.
-- Replies {'ok'}, {'held', run id}, {'exists'} or {'limit', active count}.
if ARGV[7] ~= '' then
  local holder = redis.call('HGET', KEYS[6], ARGV[7])
  if holder then return {'held', holder} end
end
if redis.call('EXISTS', KEYS[1]) == 1 then return {'exists'} end
local max = tonumber(ARGV[11])
if max > 0 then
  local n = redis.call('SCARD', KEYS[8])
  if n >= max then return {'limit', tostring(n)} end
end
redis.call('HSET', KEYS[1], 'doc', ARGV[2], 'version', 1, 'status', ARGV[3], 'wf', ARGV[4],
  'tenant', ARGV[5], 'key', ARGV[6], 'created', ARGV[8], 'updated', ARGV[8],
  'member', ARGV[9], 'wake', ARGV[10])
redis.call('ZADD', KEYS[2], 0, ARGV[9])
redis.call('ZADD', KEYS[3], 0, ARGV[9])
redis.call('ZADD', KEYS[4], 0, ARGV[9])
redis.call('ZADD', KEYS[7], 0, ARGV[9])
if ARGV[12] ~= '1' then redis.call('SADD', KEYS[8], ARGV[1]) end
if ARGV[10] ~= '' then redis.call('ZADD', KEYS[5], ARGV[10], ARGV[1]) end
if ARGV[7] ~= '' then redis.call('HSET', KEYS[6], ARGV[7], ARGV[1]) end
return {'ok'}
