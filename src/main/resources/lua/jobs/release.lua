-- Hands a job back (graceful stop, transient error): front of the queue, status queued.
-- KEYS[1] lease: kinora:jobs:lease:{id}
-- KEYS[2] running: kinora:jobs:running
-- KEYS[3] queue: kinora:jobs:queue
-- KEYS[4] video: kinora:video:{id}
-- ARGV[1] worker, ARGV[2] id, ARGV[3] now (ISO-8601)
-- Returns the new seq; -2 when the lease was lost, -1 when the video is gone.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -2 end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[2])
if redis.call('EXISTS', KEYS[4]) == 0 then return -1 end
redis.call('RPUSH', KEYS[3], ARGV[2])
redis.call('HSET', KEYS[4], 'status', '${status.queued}', 'progress', '0', 'updatedAt', ARGV[3])
return redis.call('HINCRBY', KEYS[4], 'seq', 1)
