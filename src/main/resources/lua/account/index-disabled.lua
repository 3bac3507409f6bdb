-- Adds every disabled account to the set of disabled accounts (accounts disabled before the set
-- existed), once per deployment; the update script keeps the set in step afterwards, so an
-- account disabled after the caller read the accounts is in it already.
-- KEYS[1] disabled users: kinora:users:disabled
-- KEYS[2] done marker: kinora:users:disabled:indexed
-- KEYS[3..] every account, as the caller read kinora:users: kinora:user:{id}
-- ARGV[1..] their ids, in the order of KEYS[3..]
-- Returns how many accounts are disabled.
if redis.call('EXISTS', KEYS[2]) == 1 then return redis.call('SCARD', KEYS[1]) end
for i = 3, #KEYS do
  if redis.call('HGET', KEYS[i], 'disabled') == '1' then redis.call('SADD', KEYS[1], ARGV[i - 2]) end
end
redis.call('SET', KEYS[2], '1')
return redis.call('SCARD', KEYS[1])
