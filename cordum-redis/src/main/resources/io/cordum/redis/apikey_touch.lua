-- ApiKeyStore.touch. KEYS 1: the key hash ({<prefix>:apikey}:key:<id>).
-- ARGV 1: used_at (micros). The last-used time never moves back, and a missing key is not
-- created. Replies 1 when written, 0 otherwise.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
local last = redis.call('HGET', KEYS[1], 'last_used_at')
if last and tonumber(last) >= tonumber(ARGV[1]) then
  return 0
end
redis.call('HSET', KEYS[1], 'last_used_at', ARGV[1])
return 1
