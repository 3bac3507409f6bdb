-- Claims due deliveries: each one's next attempt moves to the end of the lease, so no other node
-- sends the same attempt meanwhile. The caller reads the due ids first (ZRANGEBYSCORE), so that
-- their keys come in KEYS; one another node claimed meanwhile is no longer due and is skipped.
-- KEYS[1] due: kinora:webhooks:due
-- KEYS[2..] the deliveries read: kinora:webhooks:delivery:{id}
-- ARGV[1] now ms, ARGV[2] lease end ms, ARGV[3] claim token, ARGV[4..] their ids, in the order of KEYS[2..]
-- Returns the claimed ids.
local claimed = {}
for i = 2, #KEYS do
  local id = ARGV[2 + i]
  local due = redis.call('ZSCORE', KEYS[1], id)
  if due and tonumber(due) <= tonumber(ARGV[1]) then
    if redis.call('EXISTS', KEYS[i]) == 1 then
      redis.call('ZADD', KEYS[1], ARGV[2], id)
      redis.call('HSET', KEYS[i], 'claim', ARGV[3])
      claimed[#claimed + 1] = id
    else
      redis.call('ZREM', KEYS[1], id)
    end
  end
end
return claimed
