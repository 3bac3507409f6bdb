local adopted = {}
local all = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 1, #all, 2 do
  local key = ARGV[3] .. all[i]
  local owner = redis.call('HGET', key, 'ownerId')
  if (not owner or owner == '') and redis.call('EXISTS', key) == 1 then
    redis.call('HSET', key, 'ownerId', ARGV[1], 'ownerName', ARGV[2])
    if not redis.call('HGET', key, 'visibility') then redis.call('HSET', key, 'visibility', 'unlisted') end
    redis.call('ZADD', KEYS[2], all[i + 1], all[i])
    redis.call('HINCRBY', KEYS[3], 'usedBytes', tonumber(redis.call('HGET', key, 'size') or '0'))
    adopted[#adopted + 1] = all[i]
  end
end
return adopted
