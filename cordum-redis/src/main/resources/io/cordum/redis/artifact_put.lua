-- put. KEYS 1: the artifact hash <prefix>art:<id>. ARGV 1: the bytes, 2: the metadata JSON,
-- 3: expires_at (micros, injected clock), 4: Redis TTL (ms; the retention plus a margin).
-- The tenant index is written before this, by a separate command (it may be in another slot).
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'data', ARGV[1], 'meta', ARGV[2], 'expires_at', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
