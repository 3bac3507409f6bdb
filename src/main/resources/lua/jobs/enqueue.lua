local status = redis.call('HGET', KEYS[1], 'status')
if status ~= 'awaiting_upload' then return {0, status or ''} end
redis.call('HSET', KEYS[1], 'status', 'queued', 'progress', '0', 'error', '', 'updatedAt', ARGV[2], 'size', ARGV[3],
    'originalEtag', ARGV[4])
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('LPUSH', KEYS[2], ARGV[1])
return {1, seq}
