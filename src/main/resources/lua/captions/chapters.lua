-- Sets the chapters a video's owner gave through the API, or clears them.
-- KEYS[1] video: kinora:video:{id}
-- ARGV[1] the chapters as a JSON array of {start, title}, '' to clear them, ARGV[2] updatedAt
-- Returns 1, or -1 when the video is gone (a deleted video never comes back as a bare hash).
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if ARGV[1] == '' then
  redis.call('HDEL', KEYS[1], 'chapters')
  redis.call('HSET', KEYS[1], 'updatedAt', ARGV[2])
else
  redis.call('HSET', KEYS[1], 'chapters', ARGV[1], 'updatedAt', ARGV[2])
end
return 1
