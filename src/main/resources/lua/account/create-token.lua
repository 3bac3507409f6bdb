if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[2], 'id', ARGV[2], 'userId', ARGV[4], 'name', ARGV[5], 'createdAt', ARGV[6])
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
return 1
