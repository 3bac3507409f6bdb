-- One account follows a channel, unless it follows the most allowed; both sets change together.
-- KEYS[1] my subscriptions: kinora:user:{me}:subscriptions
-- KEYS[2] their subscribers: kinora:user:{them}:subscribers
-- ARGV[1] their id, ARGV[2] my id, ARGV[3] now ms, ARGV[4] follows allowed
-- Returns {1, subscribers} when following (also already), {0, subscribers} at the cap.
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[2], 'NX', ARGV[3], ARGV[2])
  return {1, redis.call('ZCARD', KEYS[2])}
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then
  return {0, redis.call('ZCARD', KEYS[2])}
end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
return {1, redis.call('ZCARD', KEYS[2])}
