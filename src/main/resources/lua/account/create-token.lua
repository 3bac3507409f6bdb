-- Adds an API token unless the user has the most allowed: counted and added in one step, so
-- parallel creations cannot pass the cap together.
-- KEYS[1] user's tokens: kinora:user:{id}:tokens
-- KEYS[2] token: kinora:token:{sha256}
-- ARGV[1] tokens allowed, ARGV[2] token id, ARGV[3] sha256, ARGV[4] user id, ARGV[5] name, ARGV[6] now (ISO-8601)
-- Returns 1, or 0 when the user has the most allowed.
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[2], 'id', ARGV[2], 'userId', ARGV[4], 'name', ARGV[5], 'createdAt', ARGV[6])
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
return 1
