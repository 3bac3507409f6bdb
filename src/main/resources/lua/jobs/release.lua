if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -2 end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[2])
if redis.call('EXISTS', KEYS[4]) == 0 then return -1 end
redis.call('RPUSH', KEYS[3], ARGV[2])
redis.call('HSET', KEYS[4], 'status', 'queued', 'progress', '0', 'updatedAt', ARGV[3])
return redis.call('HINCRBY', KEYS[4], 'seq', 1)
