-- One account stops following a channel (idempotent).
-- KEYS[1] my subscriptions: kinora:user:{me}:subscriptions
-- KEYS[2] their subscribers: kinora:user:{them}:subscribers
-- ARGV[1] their id, ARGV[2] my id
-- Returns the subscriber count.
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[2])
return redis.call('ZCARD', KEYS[2])
