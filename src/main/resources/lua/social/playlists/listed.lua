-- A page of the entries everyone may see: those in the public catalogue, by position, from the
-- listed cache, rebuilt when missing (one ZINTERSTORE) and kept ARGV[3] ms. A sentinel member at
-- score -1 marks an empty result as computed.
-- KEYS[1] items: kinora:playlist:{pid}:items
-- KEYS[2] catalogue: kinora:catalogue
-- KEYS[3] listed cache: kinora:playlist:{pid}:listed
-- ARGV[1] start, ARGV[2] stop, ARGV[3] cache ms
-- Returns {total, ids}.
if redis.call('EXISTS', KEYS[3]) == 0 then
  redis.call('ZINTERSTORE', KEYS[3], 2, KEYS[1], KEYS[2], 'WEIGHTS', 1, 0)
  redis.call('ZADD', KEYS[3], -1, '~')
  redis.call('PEXPIRE', KEYS[3], ARGV[3])
end
local ids = redis.call('ZRANGE', KEYS[3], tonumber(ARGV[1]) + 1, tonumber(ARGV[2]) + 1)
return {redis.call('ZCARD', KEYS[3]) - 1, ids}
