-- Append one timeline event. KEYS 1: the run's timeline, 2: the timeline counters.
-- ARGV 1: run id, 2: bound, 3: event JSON. Replies the event's sequence number.
local seq = redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
redis.call('ZADD', KEYS[1], seq, string.format('%019d', seq) .. '|' .. ARGV[3])
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[2]) + 1))
return seq
