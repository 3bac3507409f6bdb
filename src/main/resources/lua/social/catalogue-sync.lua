local vis = redis.call('HGET', KEYS[1], 'visibility')
local status = redis.call('HGET', KEYS[1], 'status')
local created = redis.call('ZSCORE', KEYS[4], ARGV[1])
if vis == 'public' and status == 'ready' and created then
  redis.call('ZADD', KEYS[2], created, ARGV[1])
  redis.call('ZADD', KEYS[3], created, ARGV[1])
  return 1
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return 0
