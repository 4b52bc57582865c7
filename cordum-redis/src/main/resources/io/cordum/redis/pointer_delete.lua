-- delete. KEYS 1: the blob key. ARGV 1: now. Deletes it; 1 if it was live by the injected clock.
local exp = redis.call('HGET', KEYS[1], 'expires_at')
redis.call('DEL', KEYS[1])
if exp and tonumber(exp) > tonumber(ARGV[1]) then return 1 end
return 0
