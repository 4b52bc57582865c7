-- save(request, traceId). ARGV 8: request JSON, 9: trace id ('' for none), 10..: field/value
-- pairs of the metadata derived from the request. KEYS 22 (optional): the idempotency key.
-- Replies {'NEW'} for a job it created, else {'OK', the stored record}.
purge(PURGE_BATCH)
local r = load()
if r and TERMINAL[r.state] then return ok_record() end
-- The same request saved again (the scheduler re-saves what a client saved before publishing
-- it): nothing changes, so nothing is written.
-- Only the job's life is extended (every write does that), unless its keys' real TTLs are due
-- for renewal too, which a full write below does.
if r and (ARGV[9] == '' or ARGV[9] == r.trace_id) and redis.call('GET', REQ) == ARGV[8]
    and not due_renewal(r.ttl_at) then
  if r.expires_at ~= EXPIRES then redis.call('HSET', META, 'expires_at', EXPIRES) end
  return ok_record()
end
local created = not r
if created then
  -- KEYS[22], when given: the request's idempotency key. A new job is created only together
  -- with taking it: free, expired, already ours, or held by a job that does not exist (a submit
  -- that reserved it and failed before saving); another live job's key refuses the save.
  local idem = KEYS[22]
  if idem then
    local v = redis.call('GET', idem)
    local sep = v and string.find(v, '|', 1, true)
    if sep and (tonumber(string.sub(v, 1, sep - 1)) or 0) > NOW_N then
      local holder = string.sub(v, sep + 1)
      if holder ~= ID then
        local h = redis.call('HMGET', TAG .. 'job:meta:' .. holder, 'state', 'expires_at')
        if h[1] and (tonumber(h[2]) or 0) > NOW_N then
          return {'CONFLICT', 'idempotency key held by job ' .. holder}
        end
      end
    end
    redis.call('SET', idem, EXPIRES .. '|' .. ID, 'PX', TTL_MS)
  end
  r = fresh('PENDING')
  redis.call('DEL', EVENTS, DECISIONS)
  append_history('PENDING')
end
local extra = {}
for i = 10, #ARGV, 2 do
  local f, v = ARGV[i], ARGV[i + 1]
  if f == 'tenant' or f == 'topic' then
    r[f] = v
  else
    extra[#extra + 1] = f
    extra[#extra + 1] = v
  end
end
if ARGV[9] ~= '' then r.trace_id = ARGV[9] end
redis.call('SET', REQ, ARGV[8])
NEW_KEYS = true
commit(r, extra)
renew_globals()
-- A new job is exactly what the caller sent (version 1, PENDING, created now): it builds the
-- record itself. Otherwise the stored record.
if created then return {'NEW'} end
return ok_record()
