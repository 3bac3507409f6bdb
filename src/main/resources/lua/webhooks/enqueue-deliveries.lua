local endpoints = redis.call('ZRANGE', KEYS[2], 0, -1)
if #endpoints == 0 then return 0 end
if not redis.call('SET', KEYS[1], ARGV[2], 'NX', 'EX', ARGV[1]) then return -1 end
for _, endpoint in ipairs(endpoints) do
  local id = ARGV[2] .. '.' .. endpoint
  redis.call('HSET', ARGV[6] .. id, 'id', id, 'endpointId', endpoint, 'eventId', ARGV[2], 'type', ARGV[3],
    'body', ARGV[4], 'windowStart', ARGV[5], 'attempts', 0, 'state', 'pending', 'claim', '')
  redis.call('ZADD', KEYS[3], ARGV[5], id)
end
return #endpoints
