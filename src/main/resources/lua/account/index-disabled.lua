if redis.call('EXISTS', KEYS[3]) == 1 then return redis.call('SCARD', KEYS[2]) end
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if redis.call('HGET', ARGV[1] .. id, 'disabled') == '1' then redis.call('SADD', KEYS[2], id) end
end
redis.call('SET', KEYS[3], '1')
return redis.call('SCARD', KEYS[2])
