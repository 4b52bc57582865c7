-- ConfigStore.put. KEYS 1: the document hash ({<prefix>:cfg}:<scope>:<id>).
-- ARGV 1: expected revision (-1 any, 0 absent), 2: data (JSON), 3: meta (JSON), 4: updated_at
-- (micros, injected clock). A tombstone (field deleted) counts as absent but keeps its revision,
-- so the new revision continues from it.
local cur = redis.call('HMGET', KEYS[1], 'revision', 'deleted')
local rev = 0
if cur[1] then rev = tonumber(cur[1]) end
local observed = rev
if cur[2] then observed = 0 end
local expected = tonumber(ARGV[1])
if expected >= 0 and expected ~= observed then return {'CONFLICT', tostring(observed)} end
rev = rev + 1
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'data', ARGV[2], 'meta', ARGV[3], 'revision', tostring(rev),
  'updated_at', ARGV[4])
return {'OK', tostring(rev)}
