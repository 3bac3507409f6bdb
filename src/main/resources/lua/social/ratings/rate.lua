if redis.call('EXISTS', KEYS[1]) == 0 then return {-1} end
local old = redis.call('HGET', KEYS[2], ARGV[1]) or 'none'
local new = ARGV[2]
if old ~= new then
  if old == 'like' then redis.call('HINCRBY', KEYS[1], 'likes', -1)
  elseif old == 'dislike' then redis.call('HINCRBY', KEYS[1], 'dislikes', -1) end
  if new == 'like' then redis.call('HINCRBY', KEYS[1], 'likes', 1)
  elseif new == 'dislike' then redis.call('HINCRBY', KEYS[1], 'dislikes', 1) end
  if new == 'none' then redis.call('HDEL', KEYS[2], ARGV[1]) else redis.call('HSET', KEYS[2], ARGV[1], new) end
end
local counts = redis.call('HMGET', KEYS[1], 'likes', 'dislikes')
return {tonumber(counts[1] or '0'), tonumber(counts[2] or '0')}
