-- An administrator runs a failed job again: queued at the back, attempts from zero.
-- KEYS[1] video: kinora:video:{id}
-- KEYS[2] queue: kinora:jobs:queue
-- KEYS[3] failed jobs: kinora:jobs:failed
-- ARGV[1] id, ARGV[2] now (ISO-8601)
-- Returns the new seq, or 0 when the video is not failed (or gone).
if redis.call('HGET', KEYS[1], 'status') ~= '${status.failed}' then return 0 end
redis.call('HSET', KEYS[1], 'status', '${status.queued}', 'progress', '0', 'error', '', 'attempts', '0',
    'playable', '0', 'updatedAt', ARGV[2])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('LPUSH', KEYS[2], ARGV[1])
return redis.call('HINCRBY', KEYS[1], 'seq', 1)
