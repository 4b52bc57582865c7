-- ConfigStore.getAll: several documents in one round trip (all keys carry the config tag, so they
-- are in one slot). KEYS: the document hashes. Replies per key {data, revision, updated_at, meta,
-- deleted}, each false when missing.
local out = {}
for i, k in ipairs(KEYS) do
  out[i] = redis.call('HMGET', k, 'data', 'revision', 'updated_at', 'meta', 'deleted')
end
return out
