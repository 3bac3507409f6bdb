if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
if redis.call('HGET', KEYS[1], 'visibility') == 'public' then
  local score = redis.call('ZSCORE', KEYS[3], ARGV[1])
  if score then redis.call('ZADD', KEYS[2], score, ARGV[1]) end
else
  redis.call('ZREM', KEYS[2], ARGV[1])
end
return 1
