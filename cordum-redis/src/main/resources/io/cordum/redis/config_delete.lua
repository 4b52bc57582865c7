-- ConfigStore.delete. KEYS 1: the document hash. ARGV 1: expected revision (-1 any, 0 absent),
-- 2: now (micros, injected clock). Leaves a tombstone {revision = last + 1, deleted = 1} so that
-- revisions keep increasing when the document is written again.
local cur = redis.call('HMGET', KEYS[1], 'revision', 'deleted')
local rev = 0
if cur[1] then rev = tonumber(cur[1]) end
local observed = rev
if cur[2] then observed = 0 end
local expected = tonumber(ARGV[1])
if expected >= 0 and expected ~= observed then return {'CONFLICT', tostring(observed)} end
if observed == 0 then return {'ABSENT'} end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'revision', tostring(rev + 1), 'deleted', '1', 'updated_at', ARGV[2])
return {'OK'}
