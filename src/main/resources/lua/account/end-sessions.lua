-- Ends sessions of a user: those the caller read from the user's set. Sessions opened since stay
-- in the set, and their number is answered, so the caller reads and ends them too.
-- KEYS[1] user's sessions: kinora:user:{id}:sessions
-- KEYS[2..] the sessions read from it: kinora:session:{sha256}
-- ARGV[1..] their digests, in the order of KEYS[2..]
-- Returns how many sessions are left in the set (0: all ended, and the set is gone).
for i = 2, #KEYS do
  redis.call('DEL', KEYS[i])
  redis.call('SREM', KEYS[1], ARGV[i - 1])
end
local left = redis.call('SCARD', KEYS[1])
if left == 0 then redis.call('DEL', KEYS[1]) end
return left
