-- Stores what a run under way has in storage if this worker still holds the job, the video is
-- processing and this attempt is still its latest: the fields, and its playlists instead of any
-- earlier ones.
-- KEYS[1] lease: kinora:jobs:lease:{id}
-- KEYS[2] video: kinora:video:{id}
-- KEYS[3] playlists: kinora:video:{id}:playlists
-- ARGV[1] worker, ARGV[2] attempt, ARGV[3] JSON of the video fields (VideoRepository.playableFields),
-- ARGV[4] JSON of rendition -> playlist
-- Returns the new seq when this made the video playable, 0 when it already was, -2 when the run
-- is no longer current.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -2 end
if redis.call('HGET', KEYS[2], 'status') ~= '${status.processing}' then return -2 end
if redis.call('HGET', KEYS[2], 'attempts') ~= ARGV[2] then return -2 end
local was = redis.call('HGET', KEYS[2], 'playable')
for k, v in pairs(cjson.decode(ARGV[3])) do redis.call('HSET', KEYS[2], k, v) end
redis.call('DEL', KEYS[3])
for k, v in pairs(cjson.decode(ARGV[4])) do redis.call('HSET', KEYS[3], k, v) end
if was == '1' then return 0 end
return redis.call('HINCRBY', KEYS[2], 'seq', 1)
