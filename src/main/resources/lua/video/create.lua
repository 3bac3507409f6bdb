local quota = tonumber(redis.call('HGET', KEYS[5], 'quotaBytes') or '0')
local used = tonumber(redis.call('HGET', KEYS[5], 'usedBytes') or '0')
local size = tonumber(ARGV[4])
if used + size > quota then return {0, math.max(0, quota - used)} end
redis.call('HINCRBY', KEYS[5], 'usedBytes', size)
for i = 5, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
if ARGV[3] == 'public' then redis.call('ZADD', KEYS[4], ARGV[2], ARGV[1]) end
redis.call('ZADD', KEYS[6], ARGV[2], ARGV[1])
return {1, 0}
