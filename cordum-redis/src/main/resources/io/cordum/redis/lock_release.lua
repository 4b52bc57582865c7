-- release. KEYS 1: the lock hash. ARGV 1: now, 2: owner, 3: fence retention (ms).
-- Replies the lock afterwards (mode '' when free), or 0 when the owner holds no live hold.
local now = tonumber(ARGV[1])
local L = load_lock(KEYS[1], now)
local mine = L.owners[ARGV[2]]
if not mine then return 0 end
if mine.c > 1 then
  mine.c = mine.c - 1
else
  L.owners[ARGV[2]] = nil
end
return save_lock(KEYS[1], L, now, tonumber(ARGV[3]))
