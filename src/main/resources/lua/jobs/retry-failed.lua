if redis.call('HGET', KEYS[1], 'status') ~= 'failed' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'queued', 'progress', '0', 'error', '', 'attempts', '0', 'updatedAt', ARGV[2])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('LPUSH', KEYS[2], ARGV[1])
return redis.call('HINCRBY', KEYS[1], 'seq', 1)
