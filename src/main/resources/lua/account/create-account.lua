if redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 then return {0, 'taken'} end
local first = redis.call('ZCARD', KEYS[1]) == 0
if ARGV[9] == '1' and not first then return {0, 'closed'} end
local role = 'user'
if first then role = 'admin' end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[3], 'id', ARGV[1], 'username', ARGV[3], 'password', ARGV[4], 'email', ARGV[5],
  'role', role, 'createdAt', ARGV[6], 'quotaBytes', ARGV[7], 'usedBytes', '0', 'disabled', '0')
redis.call('ZADD', KEYS[1], ARGV[8], ARGV[1])
return {1, role}
