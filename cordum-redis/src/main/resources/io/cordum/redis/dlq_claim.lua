-- claim / delete. KEYS: see dlq_common. ARGV 1: job id, 2: the age bound (as in dlq_add).
-- Removes the job's entry and replies its stored value, or nil if there was none or it was too
-- old. Atomic, so of concurrent claims exactly one gets the entry.
local id = ARGV[1]
trim_age(ARGV[2])
local v = redis.call('HGET', KEYS[1], id)
if not v then return false end
redis.call('HDEL', KEYS[1], id)
redis.call('ZREM', KEYS[2], member_of(id, v))
return v
