-- ApiKeyStore.rotate. KEYS 1: the key hash ({<prefix>:apikey}:key:<id>).
-- ARGV 1: the new secret hash (hex SHA-256), 2: rotated_at (micros).
-- Replies 0 when there is no such key, -1 when it is revoked (nothing written), 1 when replaced.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
if redis.call('HEXISTS', KEYS[1], 'revoked_at') == 1 then
  return -1
end
redis.call('HSET', KEYS[1], 'secret_hash', ARGV[1], 'rotated_at', ARGV[2])
return 1
