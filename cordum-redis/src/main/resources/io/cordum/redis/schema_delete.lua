-- SchemaStore.delete. KEYS 1: the schema hash, 2: the listing zset. ARGV 1: id.
-- Replies 1 if a schema was removed, else 0.
local n = redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return n
