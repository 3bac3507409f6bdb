if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local removed = redis.call('ZREM', KEYS[2], ARGV[1])
if removed == 1 then
  redis.call('DEL', KEYS[3])
  redis.call('HSET', KEYS[1], 'updatedAt', ARGV[2])
end
return removed
