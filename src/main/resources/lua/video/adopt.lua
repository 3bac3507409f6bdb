-- Gives one video made before accounts existed to an admin, its size counted on their quota.
-- The caller reads the ids from kinora:videos and calls this once per video.
-- KEYS[1] video: kinora:video:{id}
-- KEYS[2] owner's videos: kinora:user:{owner}:videos
-- KEYS[3] owner: kinora:user:{owner}
-- ARGV[1] owner id, ARGV[2] owner name, ARGV[3] video id, ARGV[4] its created ms (score in kinora:videos)
-- Returns 1 when adopted, 0 when the video has an owner or is gone.
local owner = redis.call('HGET', KEYS[1], 'ownerId')
if (owner and owner ~= '') or redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'ownerId', ARGV[1], 'ownerName', ARGV[2])
if not redis.call('HGET', KEYS[1], 'visibility') then
  redis.call('HSET', KEYS[1], 'visibility', '${visibility.unlisted}')
end
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
redis.call('HINCRBY', KEYS[3], 'usedBytes', tonumber(redis.call('HGET', KEYS[1], 'size') or '0'))
return 1
