-- Save a new version of a workflow definition.
-- KEYS 1: the definition hash, 2: the listing index of all workflows, 3: the tenant's listing
-- index (or the same as 2 for no tenant).
-- ARGV 1: expected latest version (-1 any, 0 new), 2: definition JSON, 3: now (ms), 4: the id.
-- Hash fields: latest (0 when deleted), max, created, v:<n> (JSON), u:<n> (saved at, ms).
-- Replies {version, created ms} or {'conflict', latest}.
local latest = tonumber(redis.call('HGET', KEYS[1], 'latest') or '0')
local expected = tonumber(ARGV[1])
if expected >= 0 and expected ~= latest then
  return {'conflict', tostring(latest)}
end
local n = tonumber(redis.call('HGET', KEYS[1], 'max') or '0') + 1
if latest == 0 then
  redis.call('HSET', KEYS[1], 'created', ARGV[3])
end
redis.call('HSET', KEYS[1], 'v:' .. n, ARGV[2], 'u:' .. n, ARGV[3], 'latest', n, 'max', n)
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
if KEYS[3] ~= KEYS[2] then
  redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
end
return {tostring(n), redis.call('HGET', KEYS[1], 'created')}
