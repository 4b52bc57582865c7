-- save(request, traceId). ARGV 8: request JSON, 9: trace id ('' for none), 10..: field/value
-- pairs of the metadata derived from the request.
purge(PURGE_BATCH)
local r = load()
if r and TERMINAL[r.state] then return ok_record() end
-- The same request saved again (the scheduler re-saves what a client saved before publishing
-- it): nothing changes, so nothing is written.
if r and (ARGV[9] == '' or ARGV[9] == r.trace_id) and redis.call('GET', REQ) == ARGV[8] then
  return ok_record()
end
if not r then
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
local out = commit(r, extra)
renew_globals()
return {'OK', out}
