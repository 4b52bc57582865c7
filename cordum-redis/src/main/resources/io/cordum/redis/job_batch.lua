-- batch: several jobs' writes in one call (group commit). Each write is run by the same Lua
-- function that its own FCALL runs (OPS[name], which calls init() first, so no state leaks from
-- one write to the next) and answered on its own: a write that raises an error replies
-- {'ERR', message} and the writes after it still run. Writes run in the order given.
-- KEYS: the 17 global keys, then each write's own keys (job:meta, req, events, decisions, and a
-- save's idempotency key), write after write.
-- ARGV: for each write: its function's name, the number of its own keys, the number of its
-- arguments, then its arguments (the common ones of job_common.lua first).
local out = {}
local k, a, n = GLOBAL_KEYS + 1, 1, #args
while a <= n do
  local op, nk, na = OPS[args[a]], tonumber(args[a + 1]), tonumber(args[a + 2])
  local ks = {unpack(keys, 1, GLOBAL_KEYS)}
  for i = 1, nk do ks[GLOBAL_KEYS + i] = keys[k + i - 1] end
  k = k + nk
  local as = {unpack(args, a + 3, a + 2 + na)}
  a = a + 3 + na
  local ok, reply = pcall(op, ks, as)
  if ok then
    out[#out + 1] = reply
  else
    out[#out + 1] = {'ERR', type(reply) == 'table' and tostring(reply.err) or tostring(reply)}
  end
end
return out
