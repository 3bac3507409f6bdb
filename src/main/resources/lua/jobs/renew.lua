-- Extends a job's lease, if the worker still holds it.
-- KEYS[1] lease: kinora:jobs:lease:{id}
-- ARGV[1] worker, ARGV[2] lease ms
-- Returns 1 when renewed, 0 when the lease is no longer the worker's.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
