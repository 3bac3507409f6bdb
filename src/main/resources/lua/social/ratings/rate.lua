-- Sets one user's rating of a video and keeps the video's two counters equal to a recount.
-- KEYS[1] video: kinora:video:{id}
-- KEYS[2] ratings: kinora:video:{id}:ratings (user id -> rating)
-- ARGV[1] user id, ARGV[2] the rating (a Ratings.Rating word)
-- Returns {likes, dislikes}, or {-1} when the video is gone (its hash is never recreated).
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1} end
local old = redis.call('HGET', KEYS[2], ARGV[1]) or '${rating.none}'
local new = ARGV[2]
if old ~= new then
  if old == '${rating.like}' then redis.call('HINCRBY', KEYS[1], 'likes', -1)
  elseif old == '${rating.dislike}' then redis.call('HINCRBY', KEYS[1], 'dislikes', -1) end
  if new == '${rating.like}' then redis.call('HINCRBY', KEYS[1], 'likes', 1)
  elseif new == '${rating.dislike}' then redis.call('HINCRBY', KEYS[1], 'dislikes', 1) end
  if new == '${rating.none}' then redis.call('HDEL', KEYS[2], ARGV[1]) else redis.call('HSET', KEYS[2], ARGV[1], new) end
end
local counts = redis.call('HMGET', KEYS[1], 'likes', 'dislikes')
return {tonumber(counts[1] or '0'), tonumber(counts[2] or '0')}
