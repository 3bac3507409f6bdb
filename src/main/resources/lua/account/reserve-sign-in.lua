-- Reserves one sign-in attempt: checks every limit and counts the attempt in all of them together.
-- KEYS[1] (account, address) counter, KEYS[2] account counter, KEYS[3] address counter:
-- kinora:throttle:signin:{kind}:{key}
-- ARGV[1..6] the limit and window ms of each counter, in that order
-- Returns 0 when reserved, else the ms until the fullest counter allows another.
local wait = 0
for i = 1, #KEYS do
  local n = tonumber(redis.call('GET', KEYS[i]) or '0')
  if n >= tonumber(ARGV[2 * i - 1]) then
    local ttl = redis.call('PTTL', KEYS[i])
    if ttl < 0 then redis.call('PEXPIRE', KEYS[i], ARGV[2 * i]) ttl = tonumber(ARGV[2 * i]) end
    if ttl > wait then wait = ttl end
  end
end
if wait > 0 then return wait end
for i = 1, #KEYS do
  if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[2 * i]) end
end
return 0
