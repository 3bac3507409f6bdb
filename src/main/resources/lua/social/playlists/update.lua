-- Title, description, visibility and order at once, or nothing.
-- KEYS[1] playlist: kinora:playlist:{pid}
-- KEYS[2] items: kinora:playlist:{pid}:items
-- KEYS[3] owner's public playlists: kinora:user:{owner}:playlists:public
-- KEYS[4] listed cache: kinora:playlist:{pid}:listed
-- ARGV[1] now (ISO-8601), ARGV[2] title or '', ARGV[3] '1' when a title is given, ARGV[4] description,
-- ARGV[5] '1' when a description is given, ARGV[6] visibility or '', ARGV[7] '1' when an order is given,
-- ARGV[8..] the video ids in their new order
-- Returns 1 done, -1 no playlist, -3 the ids are not exactly the current items.
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if ARGV[7] == '1' then
  local n = #ARGV - 7
  if redis.call('ZCARD', KEYS[2]) ~= n then return -3 end
  local seen = {}
  for i = 8, #ARGV do
    local id = ARGV[i]
    if seen[id] or not redis.call('ZSCORE', KEYS[2], id) then return -3 end
    seen[id] = true
  end
  for i = 8, #ARGV do redis.call('ZADD', KEYS[2], i - 7, ARGV[i]) end
  redis.call('DEL', KEYS[4])
end
if ARGV[3] == '1' then redis.call('HSET', KEYS[1], 'title', ARGV[2]) end
if ARGV[5] == '1' then redis.call('HSET', KEYS[1], 'description', ARGV[4]) end
if ARGV[6] ~= '' then
  redis.call('HSET', KEYS[1], 'visibility', ARGV[6])
  if ARGV[6] == '${visibility.public}' then
    redis.call('ZADD', KEYS[3], redis.call('HGET', KEYS[1], 'createdMs'), redis.call('HGET', KEYS[1], 'id'))
  else
    redis.call('ZREM', KEYS[3], redis.call('HGET', KEYS[1], 'id'))
  end
end
redis.call('HSET', KEYS[1], 'updatedAt', ARGV[1])
return 1
