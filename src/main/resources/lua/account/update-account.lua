-- Sets field pairs on an existing account only (never recreates one deleted meanwhile) and keeps
-- the set of disabled accounts, which listings leave out, in step. A change that demotes or
-- disables the last active admin is refused: the caller reads kinora:users and passes every other
-- account's hash in KEYS, and they are checked in the same step as the write, so two admins
-- demoting each other at once cannot both succeed. When accounts were added or removed since the
-- caller read them, nothing is written and the caller reads them again. (Admin changes are rare
-- and accounts few.)
-- KEYS[1] user: kinora:user:{id}
-- KEYS[2] users: kinora:users
-- KEYS[3] disabled users: kinora:users:disabled
-- KEYS[4..] (when ARGV[2] is '1') every other account: kinora:user:{id}
-- ARGV[1] id, ARGV[2] '1' when the change demotes or disables, ARGV[3] how many accounts the caller
-- read in kinora:users, ARGV[4..] field, value pairs
-- Returns 1 set, 0 no such account, -1 it is the last active admin, -2 the accounts changed since read.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if ARGV[2] == '1' then
  local me = redis.call('HMGET', KEYS[1], 'role', 'disabled')
  if me[1] == 'admin' and me[2] ~= '1' then
    if redis.call('ZCARD', KEYS[2]) ~= tonumber(ARGV[3]) then return -2 end
    local another = false
    for i = 4, #KEYS do
      local other = redis.call('HMGET', KEYS[i], 'role', 'disabled')
      if other[1] == 'admin' and other[2] ~= '1' then another = true break end
    end
    if not another then return -1 end
  end
end
for i = 4, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
if redis.call('HGET', KEYS[1], 'disabled') == '1' then redis.call('SADD', KEYS[3], ARGV[1])
else redis.call('SREM', KEYS[3], ARGV[1]) end
return 1
