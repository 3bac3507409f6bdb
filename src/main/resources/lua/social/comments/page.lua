-- One page of a sorted set of comment ids after a cursor (ms, id), in either order. Equal scores
-- are ordered by member bytes, as Redis orders them, so a page boundary inside one millisecond
-- neither repeats nor skips a comment.
-- KEYS[1] the set: kinora:video:{id}:comments or kinora:comment:{cid}:replies
-- ARGV[1] 'newest' | 'oldest', ARGV[2] cursor ms (or ''), ARGV[3] cursor id, ARGV[4] count
-- Returns a flat array id, ms, id, ms...
local key, newest, ms, after, n = KEYS[1], ARGV[1] == 'newest', ARGV[2], ARGV[3], tonumber(ARGV[4])
if ms == '' then
  if newest then return redis.call('ZRANGE', key, '+inf', '-inf', 'BYSCORE', 'REV', 'LIMIT', 0, n, 'WITHSCORES') end
  return redis.call('ZRANGE', key, '-inf', '+inf', 'BYSCORE', 'LIMIT', 0, n, 'WITHSCORES')
end
local function before(a, b)
  for i = 1, math.min(#a, #b) do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then return x < y end
  end
  return #a < #b
end
local out = {}
local same
if newest then same = redis.call('ZRANGE', key, ms, ms, 'BYSCORE', 'REV')
else same = redis.call('ZRANGE', key, ms, ms, 'BYSCORE') end
for _, m in ipairs(same) do
  if #out >= 2 * n then return out end
  if (newest and before(m, after)) or (not newest and before(after, m)) then
    out[#out + 1] = m
    out[#out + 1] = ms
  end
end
local rest = n - #out / 2
if rest <= 0 then return out end
local more
if newest then more = redis.call('ZRANGE', key, '(' .. ms, '-inf', 'BYSCORE', 'REV', 'LIMIT', 0, rest, 'WITHSCORES')
else more = redis.call('ZRANGE', key, '(' .. ms, '+inf', 'BYSCORE', 'LIMIT', 0, rest, 'WITHSCORES') end
for _, v in ipairs(more) do out[#out + 1] = v end
return out
