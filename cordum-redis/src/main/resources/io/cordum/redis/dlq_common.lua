-- Shared by the DLQ scripts. KEYS 1: {<prefix>:dlq}:entries, a hash job id -> '<created 19
-- digits>|<entry JSON>'; KEYS 2: {<prefix>:dlq}:index, a lex zset of '<created 19 digits>\0<id>'.
-- Both carry one hash tag, so every script is single-slot on a Redis Cluster.

-- The index member of a stored value (its first 19 characters are the creation time).
local function member_of(id, v)
  return string.sub(v, 1, 19) .. '\0' .. id
end

-- Removes index members (and their entries), given as a list.
local function drop(members)
  for _, m in ipairs(members) do
    redis.call('HDEL', KEYS[1], string.sub(m, 21))
    redis.call('ZREM', KEYS[2], m)
  end
end

-- Drops every entry created at or before the cutoff: its members sort below ARGV bound.
local function trim_age(bound)
  drop(redis.call('ZRANGE', KEYS[2], '-', '(' .. bound, 'BYLEX'))
end
