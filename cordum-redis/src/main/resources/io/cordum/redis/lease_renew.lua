-- renew: compare-and-extend. KEYS 1: the lease key. ARGV 1: now, 2: new expires_at,
-- 3: TTL (ms), 4: token. Only a live lease held by the token is extended.
local v = redis.call('GET', KEYS[1])
if not v then return 0 end
local sep = string.find(v, '|', 1, true)
if not sep or (tonumber(string.sub(v, 1, sep - 1)) or 0) <= tonumber(ARGV[1])
    or string.sub(v, sep + 1) ~= ARGV[4] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2] .. '|' .. ARGV[4], 'PX', ARGV[3])
return 1
