-- Puts a running job whose lease lapsed (its worker stopped renewing, or a retry pause ended) back
-- at the head of the queue, status queued. The caller reads the running set and calls this once
-- per job in it, so that each job's lease and video come in KEYS; the check and the move are one
-- step per job, which is all the reaper needs (jobs are independent of each other).
-- KEYS[1] running: kinora:jobs:running
-- KEYS[2] queue: kinora:jobs:queue
-- KEYS[3] lease: kinora:jobs:lease:{id}
-- KEYS[4] video: kinora:video:{id}
-- ARGV[1] id, ARGV[2] now (ISO-8601)
-- Returns 1 when requeued, 0 when the job is no longer running or its lease is held.
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then return 0 end
if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
redis.call('SREM', KEYS[1], ARGV[1])
redis.call('RPUSH', KEYS[2], ARGV[1])
if redis.call('EXISTS', KEYS[4]) == 1 then
  redis.call('HSET', KEYS[4], 'status', '${status.queued}', 'progress', '0', 'updatedAt', ARGV[2])
  redis.call('HINCRBY', KEYS[4], 'seq', 1)
end
return 1
