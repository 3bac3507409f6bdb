-- Adds a webhook endpoint unless its owner has the most allowed.
-- KEYS[1] owner's endpoints: kinora:user:{owner}:webhooks
-- KEYS[2] endpoint: kinora:webhook:{id}
-- ARGV[1] endpoints allowed, ARGV[2] id, ARGV[3] owner id, ARGV[4] url, ARGV[5] signing secret,
-- ARGV[6] now (ISO-8601), ARGV[7] now ms
-- Returns 1, or 0 when the owner has the most allowed.
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[2], 'id', ARGV[2], 'ownerId', ARGV[3], 'url', ARGV[4], 'secret', ARGV[5], 'createdAt', ARGV[6])
redis.call('ZADD', KEYS[1], ARGV[7], ARGV[2])
return 1
