if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[8]) then return 0 end
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'ownerId', ARGV[2], 'title', ARGV[3], 'description', ARGV[4],
  'visibility', ARGV[5], 'createdAt', ARGV[6], 'updatedAt', ARGV[6], 'createdMs', ARGV[7])
redis.call('ZADD', KEYS[2], ARGV[7], ARGV[1])
if ARGV[5] == 'public' then redis.call('ZADD', KEYS[3], ARGV[7], ARGV[1]) end
return 1
