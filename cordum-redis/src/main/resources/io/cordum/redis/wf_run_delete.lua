-- Delete a run with its indexes, timer, timeline and idempotency key.
-- KEYS 1: the run hash, 2: all runs, 3: the workflow's runs, 4: the status index, 5: timers,
-- 6: the idempotency hash, 7: the timeline, 8: the timeline counters, 9: the tenant's runs,
-- 10: the tenant's active runs.
-- ARGV 1: id, 2: the version read, 3: the index member, 4: the idempotency field ('' none).
-- Replies 1 if deleted, 0 if missing, -1 if it changed since it was read.
local v = redis.call('HGET', KEYS[1], 'version')
if not v then return 0 end
if v ~= ARGV[2] then return -1 end
redis.call('DEL', KEYS[1], KEYS[7])
redis.call('ZREM', KEYS[2], ARGV[3])
redis.call('ZREM', KEYS[3], ARGV[3])
redis.call('ZREM', KEYS[4], ARGV[3])
redis.call('ZREM', KEYS[9], ARGV[3])
redis.call('SREM', KEYS[10], ARGV[1])
redis.call('ZREM', KEYS[5], ARGV[1])
redis.call('HDEL', KEYS[8], ARGV[1])
if ARGV[4] ~= '' and redis.call('HGET', KEYS[6], ARGV[4]) == ARGV[1] then
  redis.call('HDEL', KEYS[6], ARGV[4])
end
return 1
