local id = redis.call('RPOP', KEYS[1])
if not id then return false end
redis.call('SET', ARGV[3] .. id, ARGV[1], 'PX', ARGV[2])
redis.call('SADD', KEYS[2], id)
return id
