local moved = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if redis.call('EXISTS', ARGV[1] .. id) == 0 then
    redis.call('SREM', KEYS[1], id)
    redis.call('RPUSH', KEYS[2], id)
    local video = ARGV[2] .. id
    if redis.call('EXISTS', video) == 1 then
      redis.call('HSET', video, 'status', 'queued', 'progress', '0', 'updatedAt', ARGV[3])
      redis.call('HINCRBY', video, 'seq', 1)
    end
    table.insert(moved, id)
  end
end
return moved
