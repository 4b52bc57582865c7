-- PolicyBundleStore.addSnapshot: prepend a snapshot (and an audit entry) without touching the
-- bundles. KEYS 1: <tag>policy:snapshots, 2: <tag>policy:audit. ARGV 1: snapshot JSON,
-- 2: snapshot limit, 3: audit entry JSON ('' for none), 4: audit limit.
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
if ARGV[3] ~= '' then
  redis.call('LPUSH', KEYS[2], ARGV[3])
  redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[4]) - 1)
end
return 1
