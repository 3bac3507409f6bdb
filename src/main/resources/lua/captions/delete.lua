-- Removes one caption track of a video, its WebVTT with it.
-- KEYS[1] video: kinora:video:{id}
-- KEYS[2] caption files: kinora:video:{id}:captions (language -> WebVTT)
-- ARGV[1] language, ARGV[2] updatedAt
-- Returns 1, 0 when the video has no track in that language, -1 when the video is gone.
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local tracks = cjson.decode(redis.call('HGET', KEYS[1], 'captions') or '[]')
local kept = {}
for _, t in ipairs(tracks) do
  if t.language ~= ARGV[1] then kept[#kept + 1] = t end
end
if #kept == #tracks then return 0 end
-- an empty Lua table encodes as {}, not [], so the last track takes the field with it
if #kept == 0 then
  redis.call('HDEL', KEYS[1], 'captions')
  redis.call('HSET', KEYS[1], 'updatedAt', ARGV[2])
else
  redis.call('HSET', KEYS[1], 'captions', cjson.encode(kept), 'updatedAt', ARGV[2])
end
redis.call('HDEL', KEYS[2], ARGV[1])
return 1
