-- Turns an event into one delivery per endpoint of its owner, unless another node already did.
-- The caller reads the owner's endpoints first, so that each delivery's key comes in KEYS; when
-- endpoints were added or removed since, nothing is written and the caller reads them again.
-- KEYS[1] seen marker: kinora:webhooks:seen:{event}
-- KEYS[2] owner's endpoints: kinora:user:{owner}:webhooks
-- KEYS[3] due: kinora:webhooks:due
-- KEYS[4..] one new delivery per endpoint read: kinora:webhooks:delivery:{event id}.{endpoint id}
-- ARGV[1] seen TTL s, ARGV[2] event id, ARGV[3] type, ARGV[4] body, ARGV[5] now ms,
-- ARGV[6..] the endpoint ids read, in the order of KEYS[4..]
-- Returns the number of deliveries, 0 without endpoints, -1 when seen, -2 when the endpoints changed.
local endpoints = #KEYS - 3
if redis.call('ZCARD', KEYS[2]) ~= endpoints then return -2 end
for i = 1, endpoints do
  if not redis.call('ZSCORE', KEYS[2], ARGV[5 + i]) then return -2 end
end
if endpoints == 0 then return 0 end
if not redis.call('SET', KEYS[1], ARGV[2], 'NX', 'EX', ARGV[1]) then return -1 end
for i = 1, endpoints do
  local endpoint = ARGV[5 + i]
  local id = ARGV[2] .. '.' .. endpoint
  redis.call('HSET', KEYS[3 + i], 'id', id, 'endpointId', endpoint, 'eventId', ARGV[2], 'type', ARGV[3],
    'body', ARGV[4], 'windowStart', ARGV[5], 'attempts', 0, 'state', 'pending', 'claim', '')
  redis.call('ZADD', KEYS[3], ARGV[5], id)
end
return endpoints
