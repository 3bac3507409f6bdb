if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[2], 'id', ARGV[2], 'ownerId', ARGV[3], 'url', ARGV[4], 'secret', ARGV[5], 'createdAt', ARGV[6])
redis.call('ZADD', KEYS[1], ARGV[7], ARGV[2])
return 1
