-- add. KEYS: see dlq_common. ARGV 1: job id, 2: '<created 19 digits>|<JSON>', 3: the age bound
-- (<cutoff 19 digits>\1: members below it are too old), 4: max entries, 5: Redis TTL (ms).
-- Replaces any entry of the job (and its index member), then trims by age and by count, removing
-- trimmed entries too (Cordum left them behind).
local id = ARGV[1]
local old = redis.call('HGET', KEYS[1], id)
if old then redis.call('ZREM', KEYS[2], member_of(id, old)) end
redis.call('HSET', KEYS[1], id, ARGV[2])
redis.call('ZADD', KEYS[2], 0, member_of(id, ARGV[2]))
trim_age(ARGV[3])
local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
if over > 0 then drop(redis.call('ZRANGE', KEYS[2], 0, over - 1)) end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return 1
