-- renew. KEYS 1: the lock hash. ARGV 1: now, 2: the hold's new expiry, 3: owner,
-- 4: fence retention (ms). Replies the lock, or 0 when the owner holds no live hold.
local now = tonumber(ARGV[1])
local L = load_lock(KEYS[1], now)
local mine = L.owners[ARGV[3]]
if not mine then return 0 end
mine.e = tonumber(ARGV[2])
return save_lock(KEYS[1], L, now, tonumber(ARGV[4]))
