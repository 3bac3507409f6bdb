-- A stopping node hands back what it claimed: due now.
-- KEYS[1] due: kinora:webhooks:due
-- KEYS[2] delivery: kinora:webhooks:delivery:{id}
-- ARGV[1] claim, ARGV[2] now ms, ARGV[3] delivery id
-- Returns 1, or 0 when the claim is not ours.
if redis.call('HGET', KEYS[2], 'claim') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[2], 'claim', '')
redis.call('ZADD', KEYS[1], 'XX', ARGV[2], ARGV[3])
return 1
