-- Removes every record of a video and gives its size back to its owner's quota.
-- KEYS[1] video: kinora:video:{id}
-- KEYS[2] playlists: kinora:video:{id}:playlists
-- KEYS[3] all videos: kinora:videos
-- KEYS[4] public videos: kinora:videos:public
-- KEYS[5] owner's videos: kinora:user:{owner}:videos
-- KEYS[6] owner: kinora:user:{owner}
-- KEYS[7] awaiting upload: kinora:videos:awaiting-upload
-- KEYS[8] caption files: kinora:video:{id}:captions
-- ARGV[1] id, ARGV[2] owner id ('' for none)
-- Returns 1, or 0 when the video was gone already.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local size = tonumber(redis.call('HGET', KEYS[1], 'size') or '0')
if ARGV[2] ~= '' and redis.call('EXISTS', KEYS[6]) == 1 then
  local used = tonumber(redis.call('HGET', KEYS[6], 'usedBytes') or '0')
  redis.call('HSET', KEYS[6], 'usedBytes', tostring(math.max(0, used - size)))
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[8])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('ZREM', KEYS[5], ARGV[1])
redis.call('ZREM', KEYS[7], ARGV[1])
return 1
