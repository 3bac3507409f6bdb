-- The reserved attempt had the right password: the (account, address) counter starts afresh; the
-- shared counters get this attempt back (not more: others may be guessing meanwhile).
-- KEYS[1] (account, address) counter, KEYS[2] account counter, KEYS[3] address counter
-- Returns 1.
redis.call('DEL', KEYS[1])
for i = 2, #KEYS do
  if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
end
return 1
