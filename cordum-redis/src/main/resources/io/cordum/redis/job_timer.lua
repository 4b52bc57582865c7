-- setTimer(jobId, wakeAt, reasonCode, reason, expectedVersion). ARGV 8: wake_at, 9: reason_code,
-- 10: reason (optional: '' absent, '=' .. value present), 11: expected version (-1 for any).
local r = load()
if not r then return {'NOTFOUND'} end
local expected_version = tonumber(ARGV[11])
if expected_version >= 0 and expected_version ~= tonumber(r.version) then
  return {'CONFLICT', 'job ' .. ID .. ' is at version ' .. r.version .. ', expected ' .. ARGV[11]}
end
if TERMINAL[r.state] then return ok_record() end
r.wake_at = opt(ARGV[8])
local extra = {}
local code, reason = opt(ARGV[9]), opt(ARGV[10])
if code then
  extra[#extra + 1] = 'reason_code'
  extra[#extra + 1] = code
end
if reason then
  extra[#extra + 1] = 'reason'
  extra[#extra + 1] = reason
end
commit(r, extra)
return ok_record()
