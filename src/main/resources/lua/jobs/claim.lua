-- Claims the job at the head of the queue (its right end) for a worker: out of the queue, into
-- the running set, under a lease naming the worker. The caller reads the head first (LINDEX -1),
-- so that the lease key comes in KEYS; when another worker took that job meanwhile, nothing
-- changes and the caller reads the head again.
-- KEYS[1] queue: kinora:jobs:queue
-- KEYS[2] running: kinora:jobs:running
-- KEYS[3] lease: kinora:jobs:lease:{id} of the job read
-- ARGV[1] worker, ARGV[2] lease ms, ARGV[3] the id read at the head
-- Returns 1 when claimed, 0 when the head is no longer ARGV[3].
if redis.call('LINDEX', KEYS[1], -1) ~= ARGV[3] then return 0 end
redis.call('RPOP', KEYS[1])
redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
return 1
