-- Creates a playlist unless its owner already has the most allowed.
-- KEYS[1] playlist: kinora:playlist:{pid}
-- KEYS[2] owner's playlists: kinora:user:{owner}:playlists
-- KEYS[3] owner's public playlists: kinora:user:{owner}:playlists:public
-- ARGV[1] id, ARGV[2] owner id, ARGV[3] title, ARGV[4] description, ARGV[5] visibility,
-- ARGV[6] now (ISO-8601), ARGV[7] now ms, ARGV[8] playlists allowed per owner
-- Returns 1, or 0 when the owner has the most allowed.
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[8]) then return 0 end
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'ownerId', ARGV[2], 'title', ARGV[3], 'description', ARGV[4],
  'visibility', ARGV[5], 'createdAt', ARGV[6], 'updatedAt', ARGV[6], 'createdMs', ARGV[7])
redis.call('ZADD', KEYS[2], ARGV[7], ARGV[1])
if ARGV[5] == '${visibility.public}' then redis.call('ZADD', KEYS[3], ARGV[7], ARGV[1]) end
return 1
