if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -2 end
if redis.call('HGET', KEYS[2], 'status') ~= 'processing' then return -2 end
if redis.call('HGET', KEYS[2], 'attempts') ~= ARGV[2] then return -2 end
local was = redis.call('HGET', KEYS[2], 'playable')
for k, v in pairs(cjson.decode(ARGV[3])) do redis.call('HSET', KEYS[2], k, v) end
redis.call('DEL', KEYS[3])
for k, v in pairs(cjson.decode(ARGV[4])) do redis.call('HSET', KEYS[3], k, v) end
if was == '1' then return 0 end
return redis.call('HINCRBY', KEYS[2], 'seq', 1)
