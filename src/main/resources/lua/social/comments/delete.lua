-- Deletes a comment: a top-level one with replies stays as a placeholder; a reply that was the
-- last of a placeholder's thread takes the placeholder with it.
-- KEYS[1] video: kinora:video:{id}
-- KEYS[2] video's comments: kinora:video:{id}:comments
-- KEYS[3] comment: kinora:comment:{cid}
-- KEYS[4] its replies: kinora:comment:{cid}:replies
-- KEYS[5] thread: kinora:comment:{thread id} (the comment itself for a top-level one)
-- KEYS[6] thread's replies: kinora:comment:{thread id}:replies (likewise)
-- ARGV[1] comment id, ARGV[2] thread id
-- Returns {'gone'} | {'removed'} | {'placeholder'} | {'removed', thread id}: the thread's
-- placeholder went with its last reply.
local c = redis.call('HMGET', KEYS[3], 'id', 'parentId', 'deleted')
if not c[1] or c[3] == '1' then return {'gone'} end
local function uncount()
  if redis.call('EXISTS', KEYS[1]) == 1 then
    local left = redis.call('HINCRBY', KEYS[1], 'commentCount', -1)
    if left < 0 then redis.call('HSET', KEYS[1], 'commentCount', '0') end
  end
end
uncount()
if (c[2] or '') == '' then
  if redis.call('ZCARD', KEYS[4]) > 0 then
    redis.call('HSET', KEYS[3], 'deleted', '1', 'text', '', 'authorId', '')
    redis.call('HDEL', KEYS[3], 'editedAt')
    return {'placeholder'}
  end
  redis.call('DEL', KEYS[3], KEYS[4])
  redis.call('ZREM', KEYS[2], ARGV[1])
  return {'removed'}
end
redis.call('DEL', KEYS[3])
redis.call('ZREM', KEYS[6], ARGV[1])
if redis.call('EXISTS', KEYS[5]) == 1 then redis.call('HINCRBY', KEYS[5], 'replyCount', -1) end
if redis.call('HGET', KEYS[5], 'deleted') == '1' and redis.call('ZCARD', KEYS[6]) == 0 then
  redis.call('DEL', KEYS[5], KEYS[6])
  redis.call('ZREM', KEYS[2], ARGV[2])
  return {'removed', ARGV[2]}
end
return {'removed'}
