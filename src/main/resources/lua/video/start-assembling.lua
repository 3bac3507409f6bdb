if redis.call('HGET', KEYS[1], 'status') ~= 'awaiting_upload' then return 0 end
local since = tonumber(redis.call('HGET', KEYS[1], 'assemblingSince') or '0')
if since > 0 and tonumber(ARGV[1]) - since < tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], 'assemblingSince', ARGV[1])
return 1
