if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if ARGV[2] == '1' then
  local me = redis.call('HMGET', KEYS[1], 'role', 'disabled')
  if me[1] == 'admin' and me[2] ~= '1' then
    local another = false
    for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
      local key = ARGV[1] .. id
      if key ~= KEYS[1] then
        local other = redis.call('HMGET', key, 'role', 'disabled')
        if other[1] == 'admin' and other[2] ~= '1' then another = true break end
      end
    end
    if not another then return -1 end
  end
end
for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
local id = string.sub(KEYS[1], #ARGV[1] + 1)
if redis.call('HGET', KEYS[1], 'disabled') == '1' then redis.call('SADD', KEYS[3], id)
else redis.call('SREM', KEYS[3], id) end
return 1
