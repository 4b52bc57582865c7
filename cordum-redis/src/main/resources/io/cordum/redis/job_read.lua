-- Reads one of a live job's secondary keys atomically with its expiry check.
-- KEYS 1: job:meta:<id>, 2: the key to read. ARGV 1: now (micros), 2: 'get' or 'tail',
-- 3: for 'tail', how many list entries from the end (0: all). Nil when the job is absent.
local exp = redis.call('HGET', KEYS[1], 'expires_at')
if not exp or tonumber(exp) <= tonumber(ARGV[1]) then return false end
if ARGV[2] == 'get' then return redis.call('GET', KEYS[2]) end
local n = tonumber(ARGV[3])
return redis.call('LRANGE', KEYS[2], n > 0 and -n or 0, -1)
