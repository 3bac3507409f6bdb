-- Sends a delivery again now, with a new retry window.
-- KEYS[1] due: kinora:webhooks:due
-- KEYS[2] delivery: kinora:webhooks:delivery:{id}
-- ARGV[1] endpoint id, ARGV[2] now ms, ARGV[3] delivery id
-- Returns 1, 0 when the endpoint has no such delivery, 2 while it is being sent.
if redis.call('HGET', KEYS[2], 'endpointId') ~= ARGV[1] then return 0 end
local claim = redis.call('HGET', KEYS[2], 'claim')
if claim and claim ~= '' then return 2 end
redis.call('HSET', KEYS[2], 'state', 'pending', 'windowStart', ARGV[2])
redis.call('PERSIST', KEYS[2])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
return 1
