-- Shared by the lock scripts. A lock is one hash, KEYS[1] = <prefix>lock:<resource>:
--   mode        'shared' | 'exclusive' | '' (free)
--   fence       the fencing token of the latest exclusive grant (decimal)
--   updated_at  micros (injected clock)
--   o:<owner>   '<count>|<expires_at micros>' per owner: each owner's hold lapses on its own.
-- Times come from the caller (ARGV), never from the server clock. Holds whose expiry has passed
-- are ignored when read and dropped by the next write. A free lock keeps its hash (and fence)
-- for the retention passed in, so fencing tokens keep increasing across idle periods.
local function fmt(n) return string.format('%.0f', n) end

local function load_lock(key, now)
  local h = redis.call('HGETALL', key)
  local L = {mode = '', fence = 0, owners = {}, n = 0}
  for i = 1, #h, 2 do
    local f, v = h[i], h[i + 1]
    if f == 'mode' then
      L.mode = v
    elseif f == 'fence' then
      L.fence = tonumber(v) or 0
    elseif string.sub(f, 1, 2) == 'o:' then
      local sep = string.find(v, '|', 1, true)
      if sep then
        local c = tonumber(string.sub(v, 1, sep - 1)) or 0
        local e = tonumber(string.sub(v, sep + 1)) or 0
        if e > now and c > 0 then
          L.owners[string.sub(f, 3)] = {c = c, e = e}
          L.n = L.n + 1
        end
      end
    end
  end
  if L.n == 0 then L.mode = '' end
  return L
end

-- Rewrites the hash from L (dropping lapsed holds) and replies it, flat as HGETALL.
local function save_lock(key, L, now, retain_ms)
  local args = {'mode', '', 'fence', fmt(L.fence), 'updated_at', fmt(now)}
  local maxe = now
  local n = 0
  for o, h in pairs(L.owners) do
    args[#args + 1] = 'o:' .. o
    args[#args + 1] = fmt(h.c) .. '|' .. fmt(h.e)
    if h.e > maxe then maxe = h.e end
    n = n + 1
  end
  if n > 0 then args[2] = L.mode end
  redis.call('DEL', key)
  redis.call('HSET', key, unpack(args))
  local ms = math.floor((maxe - now) / 1000) + 1
  if ms < retain_ms then ms = retain_ms end
  redis.call('PEXPIRE', key, fmt(ms))
  return args
end
