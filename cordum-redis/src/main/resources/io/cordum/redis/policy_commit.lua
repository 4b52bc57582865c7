-- PolicyBundleStore.commit: compare-and-set of the whole bundle set, with its snapshots and its
-- audit entry, in one step. KEYS 1: <tag>policy:bundles (hash: version, updated_at, data),
-- 2: <tag>policy:snapshots (list, newest first), 3: <tag>policy:audit (list, newest first).
-- ARGV 1: expected version, 2: bundles JSON, 3: updated_at (micros), 4: snapshot limit,
-- 5: audit limit, 6: audit entry JSON ('' for none), 7..: snapshot JSONs, oldest first.
-- Returns {1, new version} or {0, current version} (nothing written).
local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if current ~= tonumber(ARGV[1]) then
  return {0, current}
end
redis.call('HSET', KEYS[1], 'version', current + 1, 'updated_at', ARGV[3], 'data', ARGV[2])
if #ARGV >= 7 then
  for i = 7, #ARGV do
    redis.call('LPUSH', KEYS[2], ARGV[i])
  end
  redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[4]) - 1)
end
if ARGV[6] ~= '' then
  redis.call('LPUSH', KEYS[3], ARGV[6])
  redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[5]) - 1)
end
return {1, current + 1}
