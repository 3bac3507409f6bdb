if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local views = tonumber(redis.call('HGET', KEYS[1], 'views') or '0')
if redis.call('EXISTS', KEYS[2]) == 1 then return views end
if KEYS[3] then
  if tonumber(redis.call('GET', KEYS[3]) or '0') >= tonumber(ARGV[2]) then return views end
  if redis.call('INCR', KEYS[3]) == 1 then redis.call('EXPIRE', KEYS[3], ARGV[1]) end
end
redis.call('SET', KEYS[2], '1', 'EX', ARGV[1])
return redis.call('HINCRBY', KEYS[1], 'views', 1)
