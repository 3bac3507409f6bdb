-- Creates an account if its name is free; the first account becomes the admin. One step, so the
-- name check and the first-account decision hold across every node.
-- KEYS[1] users: kinora:users
-- KEYS[2] names: kinora:users:by-name
-- KEYS[3] user: kinora:user:{id}
-- ARGV[1] id, ARGV[2] name key (lower case), ARGV[3] username, ARGV[4] password hash, ARGV[5] email,
-- ARGV[6] now (ISO-8601), ARGV[7] quota bytes, ARGV[8] now ms,
-- ARGV[9] '1' to refuse unless there is no account yet
-- Returns {1, role} when created, {0, 'taken'} or {0, 'closed'}.
if redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 then return {0, 'taken'} end
local first = redis.call('ZCARD', KEYS[1]) == 0
if ARGV[9] == '1' and not first then return {0, 'closed'} end
local role = 'user'
if first then role = 'admin' end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[3], 'id', ARGV[1], 'username', ARGV[3], 'password', ARGV[4], 'email', ARGV[5],
  'role', role, 'createdAt', ARGV[6], 'quotaBytes', ARGV[7], 'usedBytes', '0', 'disabled', '0')
redis.call('ZADD', KEYS[1], ARGV[8], ARGV[1])
return {1, role}
