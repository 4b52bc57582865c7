-- ApiKeyStore.revoke. KEYS 1: the key hash ({<prefix>:apikey}:key:<id>).
-- ARGV 1: revoked_at (micros). The first revocation time is kept.
-- Replies 0 when there is no such key, 1 otherwise.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSETNX', KEYS[1], 'revoked_at', ARGV[1])
return 1
