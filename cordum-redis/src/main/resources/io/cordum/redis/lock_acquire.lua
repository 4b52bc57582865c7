-- tryAcquire. KEYS 1: the lock hash. ARGV 1: now (micros), 2: the hold's expiry (now + TTL),
-- 3: 'shared' | 'exclusive', 4: owner, 5: how long a free lock's fence is kept (ms).
-- Replies the lock (flat hash) on a grant, 0 when it is held incompatibly.
local now = tonumber(ARGV[1])
local hold_until = tonumber(ARGV[2])
local want = ARGV[3]
local owner = ARGV[4]
local L = load_lock(KEYS[1], now)
local mine = L.owners[owner]
local mode
if L.n == 0 then
  mode = want
elseif L.mode == 'exclusive' then
  if not mine then return 0 end
  mode = 'exclusive' -- reentrant, whatever was asked
elseif want == 'shared' then
  mode = 'shared'
elseif mine and L.n == 1 then
  mode = 'exclusive' -- the sole shared owner upgrades
else
  return 0
end
if mine then
  mine.c = mine.c + 1
  if hold_until > mine.e then mine.e = hold_until end
else
  L.owners[owner] = {c = 1, e = hold_until}
end
if want == 'exclusive' then
  -- Never below now: tokens keep increasing even after a forgotten lock's hash expired.
  L.fence = math.max(L.fence + 1, now)
end
L.mode = mode
return save_lock(KEYS[1], L, now, tonumber(ARGV[5]))
