-- Adds a comment, or a reply in a thread, under the commenter's rate limit, and counts it on the video.
-- KEYS[1] video: kinora:video:{id}
-- KEYS[2] video's comments: kinora:video:{id}:comments
-- KEYS[3] throttle: kinora:throttle:comment:{user}
-- KEYS[4] the new comment: kinora:comment:{cid}
-- KEYS[5] thread: kinora:comment:{thread id} ('' for a top-level comment)
-- KEYS[6] thread's replies: kinora:comment:{thread id}:replies ('' for a top-level comment)
-- ARGV[1] id, ARGV[2] video id, ARGV[3] thread id (or ''), ARGV[4] author id, ARGV[5] text,
-- ARGV[6] now ms, ARGV[7] comments per window, ARGV[8] window ms
-- Returns {'ok', commentCount} | {'gone'} | {'off'} | {'noparent'} | {'throttled', ms to wait}.
if redis.call('EXISTS', KEYS[1]) == 0 then return {'gone'} end
if redis.call('HGET', KEYS[1], 'commentsOff') == '1' then return {'off'} end
local thread = ARGV[3]
if thread ~= '' then
  local t = redis.call('HMGET', KEYS[5], 'videoId', 'parentId', 'deleted')
  if t[1] ~= ARGV[2] or (t[2] or '') ~= '' or t[3] == '1' then return {'noparent'} end
end
local n = redis.call('INCR', KEYS[3])
if n == 1 then redis.call('PEXPIRE', KEYS[3], ARGV[8]) end
if n > tonumber(ARGV[7]) then
  local wait = redis.call('PTTL', KEYS[3])
  if wait < 0 then redis.call('PEXPIRE', KEYS[3], ARGV[8]); wait = tonumber(ARGV[8]) end
  return {'throttled', wait}
end
redis.call('HSET', KEYS[4], 'id', ARGV[1], 'videoId', ARGV[2], 'parentId', thread, 'authorId', ARGV[4],
  'text', ARGV[5], 'createdAt', ARGV[6], 'replyCount', '0')
if thread == '' then
  redis.call('ZADD', KEYS[2], ARGV[6], ARGV[1])
else
  redis.call('ZADD', KEYS[6], ARGV[6], ARGV[1])
  redis.call('HINCRBY', KEYS[5], 'replyCount', 1)
end
return {'ok', redis.call('HINCRBY', KEYS[1], 'commentCount', 1)}
