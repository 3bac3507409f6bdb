-- Creates a video for its owner if it fits their quota, reserving its declared size.
-- KEYS[1] video: kinora:video:{id}
-- KEYS[2] all videos: kinora:videos
-- KEYS[3] owner's videos: kinora:user:{owner}:videos
-- KEYS[4] public videos: kinora:videos:public
-- KEYS[5] owner: kinora:user:{owner} (quotaBytes, usedBytes)
-- KEYS[6] awaiting upload: kinora:videos:awaiting-upload
-- ARGV[1] id, ARGV[2] created ms, ARGV[3] visibility, ARGV[4] size,
-- ARGV[5..] field, value pairs of the new record (named by VideoFields)
-- Returns {1, 0}, or {0, bytes left} when it does not fit.
local quota = tonumber(redis.call('HGET', KEYS[5], 'quotaBytes') or '0')
local used = tonumber(redis.call('HGET', KEYS[5], 'usedBytes') or '0')
local size = tonumber(ARGV[4])
if used + size > quota then return {0, math.max(0, quota - used)} end
redis.call('HINCRBY', KEYS[5], 'usedBytes', size)
for i = 5, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
if ARGV[3] == '${visibility.public}' then redis.call('ZADD', KEYS[4], ARGV[2], ARGV[1]) end
redis.call('ZADD', KEYS[6], ARGV[2], ARGV[1])
return {1, 0}
