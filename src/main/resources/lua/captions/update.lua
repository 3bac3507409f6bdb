-- Changes a caption track's label, or makes it the default track (or not).
-- KEYS[1] video: kinora:video:{id}
-- ARGV[1] language, ARGV[2] the new label ('' keeps it), ARGV[3] 'yes', 'no' or '' (keep) for default,
-- ARGV[4] updatedAt
-- Returns 1, 0 when the video has no track in that language, -1 when the video is gone.
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local tracks = cjson.decode(redis.call('HGET', KEYS[1], 'captions') or '[]')
local found = nil
for i, t in ipairs(tracks) do
  if t.language == ARGV[1] then found = i end
end
if not found then return 0 end
if ARGV[2] ~= '' then tracks[found].label = ARGV[2] end
if ARGV[3] == 'yes' then
  for _, t in ipairs(tracks) do t.default = false end
  tracks[found].default = true
elseif ARGV[3] == 'no' then
  tracks[found].default = false
end
redis.call('HSET', KEYS[1], 'captions', cjson.encode(tracks), 'updatedAt', ARGV[4])
return 1
