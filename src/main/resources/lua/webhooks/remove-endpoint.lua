-- Removes a webhook endpoint of its owner, and its log.
-- KEYS[1] owner's endpoints: kinora:user:{owner}:webhooks
-- KEYS[2] endpoint: kinora:webhook:{id}
-- KEYS[3] its log: kinora:webhook:{id}:log
-- ARGV[1] id, ARGV[2] owner id
-- Returns 1, or 0 when the owner has no such endpoint.
if redis.call('HGET', KEYS[2], 'ownerId') ~= ARGV[2] then return 0 end
redis.call('DEL', KEYS[2], KEYS[3])
redis.call('ZREM', KEYS[1], ARGV[1])
return 1
