if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -2 end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[2])
if redis.call('EXISTS', KEYS[3]) == 0 then return -1 end
local fields = cjson.decode(ARGV[3])
for k, v in pairs(fields) do redis.call('HSET', KEYS[3], k, v) end
local playlists = cjson.decode(ARGV[4])
-- the finished run's playlists replace the ones it stored while it ran
if next(playlists) ~= nil then redis.call('DEL', KEYS[4]) end
for k, v in pairs(playlists) do redis.call('HSET', KEYS[4], k, v) end
if fields['status'] == 'failed' then redis.call('ZADD', KEYS[5], ARGV[5], ARGV[2]) end
if fields['status'] == 'failed' or fields['status'] == 'ready' then
  redis.call('HINCRBY', KEYS[6], fields['status'], 1)
  redis.call('PEXPIRE', KEYS[6], ARGV[6])
  local created = redis.call('ZSCORE', KEYS[8], ARGV[2])
  if fields['status'] == 'ready' and created then
    redis.call('RPUSH', KEYS[7], tostring((tonumber(ARGV[5]) - tonumber(created)) / 1000))
    redis.call('LTRIM', KEYS[7], -tonumber(ARGV[7]), -1)
    redis.call('PEXPIRE', KEYS[7], ARGV[6])
  end
end
return redis.call('HINCRBY', KEYS[3], 'seq', 1)
