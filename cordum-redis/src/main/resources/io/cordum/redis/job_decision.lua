-- appendSafetyDecision(jobId, decision). ARGV 8: the decision's JSON.
local r = load()
if not r then return {'NOTFOUND'} end
append_decision(ARGV[8])
commit(r, {'safety', ARGV[8]})
return ok_record()
