-- Changes the text of a comment, by its author, while the video accepts comments.
-- KEYS[1] comment: kinora:comment:{cid}
-- KEYS[2] video: kinora:video:{id}
-- ARGV[1] author id, ARGV[2] text, ARGV[3] now ms
-- Returns 'ok' | 'gone' (no such comment, or a placeholder) | 'forbidden' | 'off'.
local c = redis.call('HMGET', KEYS[1], 'id', 'authorId', 'deleted')
if not c[1] or c[3] == '1' or redis.call('EXISTS', KEYS[2]) == 0 then return 'gone' end
if c[2] ~= ARGV[1] then return 'forbidden' end
if redis.call('HGET', KEYS[2], 'commentsOff') == '1' then return 'off' end
redis.call('HSET', KEYS[1], 'text', ARGV[2], 'editedAt', ARGV[3])
return 'ok'
