-- Appends a video at the end of a playlist.
-- KEYS[1] playlist: kinora:playlist:{pid}
-- KEYS[2] items: kinora:playlist:{pid}:items
-- KEYS[3] listed cache: kinora:playlist:{pid}:listed
-- ARGV[1] video id, ARGV[2] items allowed, ARGV[3] now (ISO-8601)
-- Returns 1 added, 0 already in it, -1 no playlist, -2 full.
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('ZSCORE', KEYS[2], ARGV[1]) then return 0 end
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[2]) then return -2 end
local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
local position = 1
if last[2] then position = tonumber(last[2]) + 1 end
redis.call('ZADD', KEYS[2], position, ARGV[1])
redis.call('DEL', KEYS[3])
redis.call('HSET', KEYS[1], 'updatedAt', ARGV[3])
return 1
