-- reserveIdempotencyKey. KEYS 1: the scoped key, value "<expires_at micros>|<job id>".
-- ARGV 1: now (micros, injected clock), 2: expires_at, 3: real TTL (ms), 4: job id.
-- Replies {1, job id} when reserved, {0, holder} when the key is held.
local v = redis.call('GET', KEYS[1])
if v then
  local sep = string.find(v, '|', 1, true)
  if sep and (tonumber(string.sub(v, 1, sep - 1)) or 0) > tonumber(ARGV[1]) then
    return {0, string.sub(v, sep + 1)}
  end
end
redis.call('SET', KEYS[1], ARGV[2] .. '|' .. ARGV[4], 'PX', ARGV[3])
return {1, ARGV[4]}
