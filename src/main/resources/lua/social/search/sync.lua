local function unindex()
  local old = redis.call('GET', KEYS[2])
  if old then
    for t in string.gmatch(old, '%S+') do
      local k = ARGV[4] .. t
      redis.call('ZREM', k, ARGV[1])
      if redis.call('EXISTS', k) == 0 then redis.call('ZREM', KEYS[3], t) end
    end
    redis.call('DEL', KEYS[2])
  end
end
local h = redis.call('HMGET', KEYS[1], 'updatedAt', 'visibility', 'status')
if h[2] ~= 'public' or h[3] ~= 'ready' then
  unindex()
  return 0
end
if h[1] ~= ARGV[2] or (redis.call('HGET', KEYS[4], 'displayName') or '') ~= ARGV[3] then
  return -1
end
unindex()
local tokens = {}
for i = 5, #ARGV, 2 do
  redis.call('ZADD', ARGV[4] .. ARGV[i], ARGV[i + 1], ARGV[1])
  redis.call('ZADD', KEYS[3], 0, ARGV[i])
  tokens[#tokens + 1] = ARGV[i]
end
redis.call('SET', KEYS[2], table.concat(tokens, ' '))
return 1
