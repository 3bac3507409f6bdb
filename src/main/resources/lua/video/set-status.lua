-- Sets status, progress and error in one step and bumps the event sequence.
-- KEYS[1] video: kinora:video:{id}
-- ARGV[1] status (a VideoStatus word), ARGV[2] progress, ARGV[3] error, ARGV[4] now (ISO-8601),
-- ARGV[5] the status the video must have, '' for any
-- Returns the new seq; -1 when the video is gone, -2 when its status is not ARGV[5].
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if ARGV[5] ~= '' and redis.call('HGET', KEYS[1], 'status') ~= ARGV[5] then return -2 end
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'progress', ARGV[2], 'error', ARGV[3], 'updatedAt', ARGV[4])
return redis.call('HINCRBY', KEYS[1], 'seq', 1)
