-- transition(jobId, t). ARGV 8: to, 9: expected states, comma-separated ('' for any; the job must
-- be in one of them), 10: expected version (-1 for any), 11: wake_at, 12: result_ptr,
-- 13: worker_id, 14: reason_code, 15: reason, 16: safety JSON (11-16 optional: '' absent, '=' .. value present), 17: the version and 18: the creation time
-- of the record the caller holds ('' for none). Replies {'DELTA', version, attempts} when the
-- job was that record before this write (the caller applies the transition to it itself),
-- else {'OK', the stored record}.
local to, expected_state, expected_version = ARGV[8], ARGV[9], tonumber(ARGV[10])
local r = load()
local from = r and r.state or nil
if expected_state ~= '' and (not from
    or not string.find(',' .. expected_state .. ',', ',' .. from .. ',', 1, true)) then
  return {'CONFLICT', 'job ' .. ID .. ' is in state ' .. (from or '(none)') .. ', expected '
    .. string.gsub(expected_state, ',', ' or ')}
end
local version = r and tonumber(r.version) or 0
if expected_version >= 0 and expected_version ~= version then
  return {'CONFLICT', 'job ' .. ID .. ' is at version ' .. string.format('%d', version)
    .. ', expected ' .. ARGV[10]}
end
if not can_transition(from, to) then return {'INVALID', from or ''} end
if not r then
  r = fresh(to)
  redis.call('DEL', REQ, EVENTS, DECISIONS)
end
if to == 'SCHEDULED' and from ~= 'SCHEDULED' then
  r.attempts = string.format('%d', (tonumber(r.attempts) or 0) + 1)
end
r.wake_at = opt(ARGV[11])
local extra = {}
local names = {[12] = 'result_ptr', [13] = 'worker_id', [14] = 'reason_code', [15] = 'reason'}
for i = 12, 15 do
  local v = opt(ARGV[i])
  if v then
    extra[#extra + 1] = names[i]
    extra[#extra + 1] = v
  end
end
local safety = opt(ARGV[16])
if safety then
  extra[#extra + 1] = 'safety'
  extra[#extra + 1] = safety
  append_decision(safety)
end
r.state = to
r.updated_at = NOW
if TERMINAL[to] then
  r.wake_at = nil
  r.deadline = nil
end
local base = OLD and ARGV[17] ~= '' and OLD.version == ARGV[17] and OLD.created_at == ARGV[18]
append_history(to)
commit(r, extra)
if base then return {'DELTA', r.version, r.attempts or '0'} end
return ok_record()
