-- delete. KEYS 1: the artifact hash. Deletes it and replies its metadata JSON and expires_at
-- (nil, nil if it was absent), so that the caller can unindex it and say whether it was live.
local v = redis.call('HMGET', KEYS[1], 'meta', 'expires_at')
redis.call('DEL', KEYS[1])
return v
