-- Delete a workflow: it no longer reads as latest nor lists; its versions stay readable.
-- KEYS 1: the definition hash, 2: the index of all workflows, 3: the tenant index of its latest
-- version (or the same as 2). ARGV 1: the id. Replies 1 if it existed, else 0.
local latest = tonumber(redis.call('HGET', KEYS[1], 'latest') or '0')
if latest == 0 then return 0 end
redis.call('HSET', KEYS[1], 'latest', 0)
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return 1
