if redis.call('HGET', KEYS[2], 'claim') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[2], 'claim', '')
redis.call('ZADD', KEYS[1], 'XX', ARGV[2], ARGV[3])
return 1
