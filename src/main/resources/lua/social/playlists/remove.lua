-- Takes a video out of a playlist.
-- KEYS[1] playlist: kinora:playlist:{pid}
-- KEYS[2] items: kinora:playlist:{pid}:items
-- KEYS[3] listed cache: kinora:playlist:{pid}:listed
-- ARGV[1] video id, ARGV[2] now (ISO-8601)
-- Returns 1 removed, 0 not in it, -1 no playlist.
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local removed = redis.call('ZREM', KEYS[2], ARGV[1])
if removed == 1 then
  redis.call('DEL', KEYS[3])
  redis.call('HSET', KEYS[1], 'updatedAt', ARGV[2])
end
return removed
