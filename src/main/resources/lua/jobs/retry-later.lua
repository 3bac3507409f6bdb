if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -2 end
if redis.call('EXISTS', KEYS[3]) == 0 then
  redis.call('DEL', KEYS[1])
  redis.call('SREM', KEYS[2], ARGV[2])
  return -1
end
redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5])
redis.call('HSET', KEYS[3], 'status', 'queued', 'progress', '0', 'updatedAt', ARGV[3])
return redis.call('HINCRBY', KEYS[3], 'seq', 1)
