-- Ends a claimed attempt, unless the claim lapsed and another node took the delivery over.
-- KEYS[1] due: kinora:webhooks:due
-- KEYS[2] delivery: kinora:webhooks:delivery:{id}
-- KEYS[3] endpoint's log: kinora:webhook:{endpoint}:log
-- KEYS[4] endpoint: kinora:webhook:{endpoint}
-- ARGV[1] claim, ARGV[2] state, ARGV[3] next attempt ms, ARGV[4] log entry ('' for none), ARGV[5] log size,
-- ARGV[6] TTL s once ended, ARGV[7] delivery id, ARGV[8] attempts to add
-- Returns 1, or 0 when the claim is not ours.
if redis.call('HGET', KEYS[2], 'claim') ~= ARGV[1] then return 0 end
redis.call('HINCRBY', KEYS[2], 'attempts', tonumber(ARGV[8]))
redis.call('HSET', KEYS[2], 'state', ARGV[2], 'claim', '')
if ARGV[2] == 'pending' then
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[7])
  redis.call('HSET', KEYS[2], 'nextAttemptAt', ARGV[3])
else
  redis.call('ZREM', KEYS[1], ARGV[7])
  redis.call('EXPIRE', KEYS[2], ARGV[6])
end
if ARGV[4] ~= '' and redis.call('EXISTS', KEYS[4]) == 1 then
  redis.call('LPUSH', KEYS[3], ARGV[4])
  redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[5]) - 1)
end
return 1
