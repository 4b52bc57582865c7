-- Files the listing entries of up to ARGV 8 jobs of job:dirty where their records say (see
-- index_one in job_common.lua): run in batches when job:dirty grows, and before every listing
-- read, so a listing never misses a write that finished before it started.
-- Replies {jobs filed, jobs left in job:dirty}.
local ids = redis.call('SPOP', DIRTY, tonumber(ARGV[8]))
for _, id in ipairs(ids) do
  index_one(id, read_fields(TAG .. 'job:meta:' .. id))
end
return {#ids, redis.call('SCARD', DIRTY)}
