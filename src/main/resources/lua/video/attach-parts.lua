-- Names the multipart upload of a video still awaiting its upload.
-- KEYS[1] video: kinora:video:{id}
-- ARGV[1] storage's upload id, ARGV[2] part size
-- Returns 1, or 0 when the video no longer awaits its upload.
if redis.call('HGET', KEYS[1], 'status') ~= '${status.awaiting_upload}' then return 0 end
redis.call('HSET', KEYS[1], 'uploadId', ARGV[1], 'partSize', ARGV[2], 'assemblingSince', '0')
return 1
