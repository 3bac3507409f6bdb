if redis.call('EXISTS', KEYS[3]) == 0 then
  redis.call('ZINTERSTORE', KEYS[3], 2, KEYS[1], KEYS[2], 'WEIGHTS', 1, 0)
  redis.call('ZADD', KEYS[3], -1, '~')
  redis.call('PEXPIRE', KEYS[3], ARGV[3])
end
local ids = redis.call('ZRANGE', KEYS[3], tonumber(ARGV[1]) + 1, tonumber(ARGV[2]) + 1)
return {redis.call('ZCARD', KEYS[3]) - 1, ids}
