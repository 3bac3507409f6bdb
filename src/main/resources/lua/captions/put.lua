-- Adds a caption track to a video, or replaces the one in the same language.
-- KEYS[1] video: kinora:video:{id}
-- KEYS[2] caption files: kinora:video:{id}:captions (language -> WebVTT)
-- ARGV[1] language, ARGV[2] the track as JSON (CaptionTrack), ARGV[3] its WebVTT,
-- ARGV[4] the most tracks a video may have, ARGV[5] 'yes' to make it the default track, 'no' to
-- make it not, '' to keep what a replaced track had, ARGV[6] updatedAt, ARGV[7] 'keep-uploaded' to leave
-- an uploaded track in the same language as it is (a track found in the file never replaces the owner's)
-- Returns 1 when added, 0 when replaced, 2 when kept, -1 when the video is gone, -2 when it has ARGV[4] tracks.
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local tracks = cjson.decode(redis.call('HGET', KEYS[1], 'captions') or '[]')
local track = cjson.decode(ARGV[2])
local found = nil
for i, t in ipairs(tracks) do
  if t.language == ARGV[1] then found = i end
end
if found and ARGV[7] == 'keep-uploaded' and tracks[found].source == 'uploaded' then return 2 end
if not found and #tracks >= tonumber(ARGV[4]) then return -2 end
if ARGV[5] == 'yes' then
  for _, t in ipairs(tracks) do t.default = false end
  track.default = true
elseif ARGV[5] == 'no' then
  track.default = false
else
  track.default = found ~= nil and tracks[found].default == true
end
if found then tracks[found] = track else tracks[#tracks + 1] = track end
redis.call('HSET', KEYS[1], 'captions', cjson.encode(tracks), 'updatedAt', ARGV[6])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
if found then return 0 end
return 1
