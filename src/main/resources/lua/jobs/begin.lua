-- A worker starts a claimed job: counts the attempt, marks the video processing, notes the worker.
-- KEYS[1] video: kinora:video:{id}
-- KEYS[2] lease: kinora:jobs:lease:{id}
-- ARGV[1] now (ISO-8601), ARGV[2] worker
-- Returns {attempt, seq, original ETag}; {-2, 0} when the lease is no longer this worker's,
-- {-1, 0} when the video was deleted meanwhile.
if redis.call('GET', KEYS[2]) ~= ARGV[2] then return {-2, 0} end
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1, 0} end
local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
redis.call('HSET', KEYS[1], 'status', '${status.processing}', 'progress', '0', 'error', '', 'updatedAt', ARGV[1],
    'worker', ARGV[2], 'playable', '0')
return {attempts, redis.call('HINCRBY', KEYS[1], 'seq', 1), redis.call('HGET', KEYS[1], 'originalEtag') or ''}
