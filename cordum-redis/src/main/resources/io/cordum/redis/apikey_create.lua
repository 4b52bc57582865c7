-- ApiKeyStore.create. KEYS 1: the key hash ({<prefix>:apikey}:key:<id>), 2: the listing zset
-- ({<prefix>:apikey}:index), 3: the tenant's listing zset ({<prefix>:apikey}:tenant:<tenant>).
-- ARGV 1: id, 2: created_at (micros), then field/value pairs of the hash.
-- Replies 1 when stored, 0 when a key with that id exists (nothing is written then).
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
local fields = {}
for i = 3, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
return 1
