-- Extends the schema lock, if it is still this node's.
-- KEYS[1] lock: kinora:schema:lock
-- ARGV[1] holder (node id), ARGV[2] ttl ms
-- Returns 1 when renewed, 0 when the lock is no longer the holder's.
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
