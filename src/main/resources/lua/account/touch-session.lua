-- Reads a session and renews its idle TTL, unless it passed its absolute limit (then it is deleted).
-- KEYS[1] session: kinora:session:{sha256 of the cookie}
-- ARGV[1] idle ms, ARGV[2] now ms
-- Returns {user id, csrf token}, or nil when there is no live session.
local s = redis.call('HMGET', KEYS[1], 'userId', 'csrf', 'expiresAt')
if not s[1] then return false end
if tonumber(s[3]) <= tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[1])
  return false
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return {s[1], s[2]}
