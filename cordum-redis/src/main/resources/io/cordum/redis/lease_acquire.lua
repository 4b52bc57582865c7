-- tryAcquire. KEYS 1: the lease key, value "<expires_at micros>|<token>", PX = the TTL.
-- ARGV 1: now (micros, injected clock), 2: expires_at, 3: TTL (ms), 4: new token.
-- A key whose expiry by the injected clock has passed is free even if Redis still holds it.
local v = redis.call('GET', KEYS[1])
if v then
  local sep = string.find(v, '|', 1, true)
  if sep and (tonumber(string.sub(v, 1, sep - 1)) or 0) > tonumber(ARGV[1]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2] .. '|' .. ARGV[4], 'PX', ARGV[3])
return 1
