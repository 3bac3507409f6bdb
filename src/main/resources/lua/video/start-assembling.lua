-- Claims the assembling of a multipart upload.
-- KEYS[1] video: kinora:video:{id}
-- ARGV[1] now ms, ARGV[2] ms after which an assembling that never ended counts as lost
-- Returns 1 for the caller that should ask storage, 0 when the video no longer awaits its upload
-- or another complete is assembling it (and is not stale).
if redis.call('HGET', KEYS[1], 'status') ~= '${status.awaiting_upload}' then return 0 end
local since = tonumber(redis.call('HGET', KEYS[1], 'assemblingSince') or '0')
if since > 0 and tonumber(ARGV[1]) - since < tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], 'assemblingSince', ARGV[1])
return 1
