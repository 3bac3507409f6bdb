-- Renames one video's keys from the names of releases before hash tags (kinora:video:ID...,
-- kinora:jobs:lease:ID) to the tagged ones (kinora:video:{ID}...), so that a Redis Cluster keeps
-- one video's keys in one slot. RENAME keeps a key's TTL (a job's lease). A key never made, or
-- renamed already, is left alone; so is one whose new name exists too (counted: the caller logs it).
-- Only the migration runs this, before any node serves: the old and new name of a key are in
-- different slots, so it could not run on a cluster, and need not: only a deployment from before
-- the tags has old names, and that one has a single Redis.
-- KEYS[1..n] the old names, KEYS[n+1..2n] the new names, in the same order
-- Returns {keys renamed, keys left because both names exist}.
local n = #KEYS / 2
local renamed, both = 0, 0
for i = 1, n do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    if redis.call('EXISTS', KEYS[n + i]) == 1 then
      both = both + 1
    else
      redis.call('RENAME', KEYS[i], KEYS[n + i])
      renamed = renamed + 1
    end
  end
end
return {renamed, both}
