if redis.call('HGET', KEYS[1], 'status') ~= 'awaiting_upload' then return 0 end
redis.call('HSET', KEYS[1], 'uploadId', ARGV[1], 'partSize', ARGV[2], 'assemblingSince', '0')
return 1
