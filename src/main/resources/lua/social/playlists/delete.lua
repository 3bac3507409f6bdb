-- Deletes a playlist and its entries.
-- KEYS[1] playlist: kinora:playlist:{pid}
-- KEYS[2] items: kinora:playlist:{pid}:items
-- KEYS[3] owner's playlists: kinora:user:{owner}:playlists
-- KEYS[4] owner's public playlists: kinora:user:{owner}:playlists:public
-- KEYS[5] listed cache: kinora:playlist:{pid}:listed
-- ARGV[1] id
-- Returns 1.
redis.call('DEL', KEYS[1], KEYS[2], KEYS[5])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
return 1
