-- setDeadlineIfAbsent(jobId, deadline). ARGV 8: deadline (micros).
-- Replies {'OK', deadline in force}, {'TERMINAL'} or {'NOTFOUND'}.
local r = load()
if not r then return {'NOTFOUND'} end
if TERMINAL[r.state] then return {'TERMINAL'} end
if r.deadline then return {'OK', r.deadline} end
r.deadline = ARGV[8]
commit(r, {})
return {'OK', r.deadline}
