-- countActiveByTenant(tenant), after purging expired jobs. ARGV 8: tenant.
-- Replies {jobs purged, count}; the caller repeats while a whole batch was purged.
local purged = purge(PURGE_BATCH)
local t = esc(ARGV[8])
return {purged, redis.call('ZLEXCOUNT', ACTIVE, '[' .. t .. '\0', '(' .. t .. '\1')}
