-- releaseIdempotencyKey: compare-and-delete. KEYS 1: the scoped key. ARGV 1: now, 2: job id.
local v = redis.call('GET', KEYS[1])
if not v then return 0 end
local sep = string.find(v, '|', 1, true)
if not sep or (tonumber(string.sub(v, 1, sep - 1)) or 0) <= tonumber(ARGV[1])
    or string.sub(v, sep + 1) ~= ARGV[2] then
  return 0
end
redis.call('DEL', KEYS[1])
return 1
