-- Counts a view once per viewer per video per window; an anonymous viewer only while their
-- address has added fewer than ARGV[2] viewers to this video in the window.
-- KEYS[1] video: kinora:video:{id}
-- KEYS[2] view mark: kinora:view:{digest of viewer and video}
-- KEYS[3] (anonymous viewers only) the address's counter: kinora:views-from:{digest of address and video}
-- ARGV[1] window seconds, ARGV[2] the cap per address
-- Returns the views, or -1 when the video is gone.
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local views = tonumber(redis.call('HGET', KEYS[1], 'views') or '0')
if redis.call('EXISTS', KEYS[2]) == 1 then return views end
if KEYS[3] then
  if tonumber(redis.call('GET', KEYS[3]) or '0') >= tonumber(ARGV[2]) then return views end
  if redis.call('INCR', KEYS[3]) == 1 then redis.call('EXPIRE', KEYS[3], ARGV[1]) end
end
redis.call('SET', KEYS[2], '1', 'EX', ARGV[1])
return redis.call('HINCRBY', KEYS[1], 'views', 1)
