-- Lists a video in the public catalogue if it is public and ready now, else takes it out: decided
-- from the record as it is, so the latest change wins whatever order announcements arrive in.
-- KEYS[1] video: kinora:video:{id}
-- KEYS[2] catalogue: kinora:catalogue
-- KEYS[3] owner's catalogue: kinora:user:{owner}:catalogue
-- KEYS[4] all videos: kinora:videos (creation ms)
-- ARGV[1] id
-- Returns 1 when listed, 0 when not.
local vis = redis.call('HGET', KEYS[1], 'visibility')
local status = redis.call('HGET', KEYS[1], 'status')
local created = redis.call('ZSCORE', KEYS[4], ARGV[1])
if vis == '${visibility.public}' and status == '${status.ready}' and created then
  redis.call('ZADD', KEYS[2], created, ARGV[1])
  redis.call('ZADD', KEYS[3], created, ARGV[1])
  return 1
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return 0
