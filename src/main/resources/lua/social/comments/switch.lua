-- The owner turns comments on or off.
-- KEYS[1] video: kinora:video:{id}
-- ARGV[1] '1' (off) or '0'
-- Returns 1, or 0 when the video is gone.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'commentsOff', ARGV[1])
return 1
