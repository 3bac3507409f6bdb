-- Stores the schema version a migration reached, if the lock is still this node's.
-- KEYS[1] lock: kinora:schema:lock
-- KEYS[2] version: kinora:schema:version
-- ARGV[1] holder (node id), ARGV[2] version
-- Returns 1 when stored; 0 when the lock is no longer the holder's (it paused past the lock's
-- life and another node may be migrating): nothing stored.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2])
return 1
