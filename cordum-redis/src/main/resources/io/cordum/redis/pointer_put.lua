-- putContext / putResult. KEYS 1: ctx:<id> or res:<id>, a hash {data, expires_at}.
-- ARGV 1: the bytes, 2: expires_at (micros, injected clock), 3: TTL (ms).
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'data', ARGV[1], 'expires_at', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
