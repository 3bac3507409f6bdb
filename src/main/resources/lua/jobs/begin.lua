-- A worker starts a claimed job: counts the attempt, marks the video processing, notes the worker.
-- A video an earlier attempt made playable stays playable: the new attempt may continue that run.
-- KEYS[1] video: kinora:video:{id}
-- KEYS[2] lease: kinora:jobs:lease:{id}
-- KEYS[3] playlists: kinora:video:{id}:playlists
-- ARGV[1] now (ISO-8601), ARGV[2] worker
-- Returns {attempt, seq, original ETag, earlier output, earlier playlists as field/value list}, the
-- earlier output blank when no earlier attempt stored playable segments; {-2, 0} when the lease is
-- no longer this worker's, {-1, 0} when the video was deleted meanwhile.
if redis.call('GET', KEYS[2]) ~= ARGV[2] then return {-2, 0} end
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1, 0} end
local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
redis.call('HSET', KEYS[1], 'status', '${status.processing}', 'progress', '0', 'error', '', 'updatedAt', ARGV[1],
    'worker', ARGV[2])
local earlier, playlists = '', {}
if redis.call('HGET', KEYS[1], 'playable') == '1' then
  earlier = redis.call('HGET', KEYS[1], 'output') or ''
  playlists = redis.call('HGETALL', KEYS[3])
end
return {attempts, redis.call('HINCRBY', KEYS[1], 'seq', 1), redis.call('HGET', KEYS[1], 'originalEtag') or '',
    earlier, playlists}
