-- SchemaStore.put. KEYS 1: the schema hash ({<prefix>:schema}:body:<id>), 2: the listing zset
-- ({<prefix>:schema}:index). ARGV 1: id, 2: body, 3: registered_at (micros, injected clock).
-- Replies the new revision. Body and listing change together.
local rev = redis.call('HINCRBY', KEYS[1], 'revision', 1)
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'body', ARGV[2], 'registered_at', ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
return rev
