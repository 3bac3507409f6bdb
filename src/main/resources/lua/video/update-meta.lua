-- Edits a video; never creates a record that the delete script removed.
-- KEYS[1] video: kinora:video:{id}
-- KEYS[2] public videos: kinora:videos:public
-- KEYS[3] all videos: kinora:videos
-- ARGV[1] id, ARGV[2..] field, value pairs (named by VideoFields)
-- Returns 1, or 0 when the video is gone.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
if redis.call('HGET', KEYS[1], 'visibility') == '${visibility.public}' then
  local score = redis.call('ZSCORE', KEYS[3], ARGV[1])
  if score then redis.call('ZADD', KEYS[2], score, ARGV[1]) end
else
  redis.call('ZREM', KEYS[2], ARGV[1])
end
return 1
