-- delete. KEYS: the blob key and its sidecar on a single server; on Redis Cluster, where the two
-- are in different slots, RedisPointerStore runs it once per key (blob first). Deletes every
-- key and replies their values as they were, in order: nil for a missing key or one that is not
-- a string (as GET/MGET would read it). RedisPointerStore decides whether the blob was live.
local out = {}
for i, key in ipairs(KEYS) do
  local v = false
  if redis.call('TYPE', key).ok == 'string' then v = redis.call('GET', key) end
  out[i] = v
end
redis.call('DEL', unpack(KEYS))
return out
