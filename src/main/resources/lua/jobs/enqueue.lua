-- The upload is complete: the video is queued for processing, if it still awaited its upload.
-- KEYS[1] video: kinora:video:{id}
-- KEYS[2] queue: kinora:jobs:queue
-- ARGV[1] id, ARGV[2] now (ISO-8601), ARGV[3] size in bytes, ARGV[4] the original's ETag
-- Returns {1, seq} when queued, {0, status} when the video was not awaiting its upload.
local status = redis.call('HGET', KEYS[1], 'status')
if status ~= '${status.awaiting_upload}' then return {0, status or ''} end
redis.call('HSET', KEYS[1], 'status', '${status.queued}', 'progress', '0', 'error', '', 'updatedAt', ARGV[2],
    'size', ARGV[3], 'originalEtag', ARGV[4])
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('LPUSH', KEYS[2], ARGV[1])
return {1, seq}
