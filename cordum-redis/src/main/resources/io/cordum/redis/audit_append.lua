-- AuditStore.append. KEYS 1: the list of every entry ({<prefix>:audit}:all), 2: the tenant's
-- list ({<prefix>:audit}:tenant:<tenant>), or the same key as 1 when the entry has no tenant.
-- ARGV 1: the entry (JSON), 2: the capacity of each list. Newest first; the oldest are trimmed.
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
if KEYS[2] ~= KEYS[1] then
  redis.call('LPUSH', KEYS[2], ARGV[1])
  redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[2]) - 1)
end
return 1
