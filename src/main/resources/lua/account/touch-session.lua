local s = redis.call('HMGET', KEYS[1], 'userId', 'csrf', 'expiresAt')
if not s[1] then return false end
if tonumber(s[3]) <= tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[1])
  return false
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return {s[1], s[2]}
