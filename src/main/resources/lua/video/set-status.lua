if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if ARGV[5] ~= '' and redis.call('HGET', KEYS[1], 'status') ~= ARGV[5] then return -2 end
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'progress', ARGV[2], 'error', ARGV[3], 'updatedAt', ARGV[4])
return redis.call('HINCRBY', KEYS[1], 'seq', 1)
