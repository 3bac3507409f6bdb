if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local size = tonumber(redis.call('HGET', KEYS[1], 'size') or '0')
if ARGV[2] ~= '' and redis.call('EXISTS', KEYS[6]) == 1 then
  local used = tonumber(redis.call('HGET', KEYS[6], 'usedBytes') or '0')
  redis.call('HSET', KEYS[6], 'usedBytes', tostring(math.max(0, used - size)))
end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('ZREM', KEYS[5], ARGV[1])
redis.call('ZREM', KEYS[7], ARGV[1])
return 1
