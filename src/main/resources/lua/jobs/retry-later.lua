-- Hands a job back to run again after a pause: it stays in the running set under a lease held by
-- no worker (ARGV[4]) that lapses after the pause; the reaper then requeues it. Status queued.
-- KEYS[1] lease: kinora:jobs:lease:{id}
-- KEYS[2] running: kinora:jobs:running
-- KEYS[3] video: kinora:video:{id}
-- ARGV[1] worker, ARGV[2] id, ARGV[3] now (ISO-8601), ARGV[4] the pause's lease holder, ARGV[5] pause ms
-- Returns the new seq; -2 when the lease was lost, -1 when the video is gone.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -2 end
if redis.call('EXISTS', KEYS[3]) == 0 then
  redis.call('DEL', KEYS[1])
  redis.call('SREM', KEYS[2], ARGV[2])
  return -1
end
redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5])
redis.call('HSET', KEYS[3], 'status', '${status.queued}', 'progress', '0', 'updatedAt', ARGV[3])
return redis.call('HINCRBY', KEYS[3], 'seq', 1)
