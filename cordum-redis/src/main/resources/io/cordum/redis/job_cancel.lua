-- cancel(jobId, reason). ARGV 8: reason.
local r = load()
if not r then return {'NOTFOUND'} end
if TERMINAL[r.state] then return ok_record() end
r.state = 'CANCELLED'
r.updated_at = NOW
r.wake_at = nil
r.deadline = nil
append_history('CANCELLED')
commit(r, {'reason_code', 'cancelled', 'reason', ARGV[8]})
return ok_record()
