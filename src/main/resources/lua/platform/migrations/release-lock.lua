-- Deletes the schema lock only if it is still this node's.
-- KEYS[1] lock: kinora:schema:lock
-- ARGV[1] holder (node id)
-- Returns 1 when deleted, 0 when it was not the holder's.
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
