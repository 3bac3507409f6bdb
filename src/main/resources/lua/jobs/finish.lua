-- Ends a job (ready or failed, or abandoned with no fields) if this worker still holds it. A
-- failed one joins the failed jobs an administrator sees; either outcome is counted in this
-- minute's statistics (see JobStats).
-- KEYS[1] lease: kinora:jobs:lease:{id}
-- KEYS[2] running: kinora:jobs:running
-- KEYS[3] video: kinora:video:{id}
-- KEYS[4] playlists: kinora:video:{id}:playlists
-- KEYS[5] failed jobs: kinora:jobs:failed
-- KEYS[6] this minute's counts: kinora:stats:jobs:{minute}
-- KEYS[7] this minute's ready times: kinora:stats:jobs:{minute}:ready-seconds
-- KEYS[8] all videos: kinora:videos (creation ms, for the time to ready)
-- ARGV[1] worker, ARGV[2] id, ARGV[3] JSON of the video fields (VideoRepository.readyFields or
-- failedFields, and updatedAt), ARGV[4] JSON of rendition -> playlist, ARGV[5] now ms,
-- ARGV[6] statistics TTL ms, ARGV[7] ready times kept per minute
-- Returns the new seq; -2 when the lease was lost, -1 when the video is gone.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -2 end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[2])
if redis.call('EXISTS', KEYS[3]) == 0 then return -1 end
local fields = cjson.decode(ARGV[3])
for k, v in pairs(fields) do redis.call('HSET', KEYS[3], k, v) end
local playlists = cjson.decode(ARGV[4])
-- the finished run's playlists replace the ones it stored while it ran
if next(playlists) ~= nil then redis.call('DEL', KEYS[4]) end
for k, v in pairs(playlists) do redis.call('HSET', KEYS[4], k, v) end
local status = fields['status']
if status == '${status.failed}' then redis.call('ZADD', KEYS[5], ARGV[5], ARGV[2]) end
if status == '${status.failed}' or status == '${status.ready}' then
  redis.call('HINCRBY', KEYS[6], status, 1)
  redis.call('PEXPIRE', KEYS[6], ARGV[6])
  local created = redis.call('ZSCORE', KEYS[8], ARGV[2])
  if status == '${status.ready}' and created then
    redis.call('RPUSH', KEYS[7], tostring((tonumber(ARGV[5]) - tonumber(created)) / 1000))
    redis.call('LTRIM', KEYS[7], -tonumber(ARGV[7]), -1)
    redis.call('PEXPIRE', KEYS[7], ARGV[6])
  end
end
return redis.call('HINCRBY', KEYS[3], 'seq', 1)
