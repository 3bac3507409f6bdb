-- Swaps one video's postings in the search index, if its record is still the one the words were
-- made from (its updatedAt, the owner's display name) and still public and ready; unindexes it
-- when it is not listed. The caller reads the video's doc (its indexed words) first, so that the
-- old words' keys come in KEYS; when the doc changed since, nothing is written.
-- KEYS[1] video: kinora:video:{id}
-- KEYS[2] doc: kinora:search:doc:{id} (the words it is indexed under, space separated)
-- KEYS[3] tokens: kinora:search:tokens
-- KEYS[4] owner's profile: kinora:profile:{owner}
-- KEYS[5] where its caption words are said: kinora:search:said:{id}
-- KEYS[6..] one key per word of the doc as read, in its order, then one per new word, in the
-- order of the pairs in ARGV[7..]: kinora:search:w:{word}
-- ARGV[1] id, ARGV[2] updatedAt the words were made from ('' when the record was gone),
-- ARGV[3] display name they were made from, ARGV[4] '1' when the doc existed as read,
-- ARGV[5] the doc as read, ARGV[6] the caption words' times as "word s1,s2 word s1 …" ('' for none),
-- ARGV[7..] word, score pairs
-- Returns 1 indexed, 0 not listed (removed), -1 the record, the display name or the doc changed
-- since they were read (read again).
local old = redis.call('GET', KEYS[2])
if (old ~= false) ~= (ARGV[4] == '1') or (old and old ~= ARGV[5]) then return -1 end
local oldWords = {}
if old then
  for t in string.gmatch(old, '%S+') do oldWords[#oldWords + 1] = t end
end
local function unindex()
  if old then
    for i, t in ipairs(oldWords) do
      local k = KEYS[5 + i]
      redis.call('ZREM', k, ARGV[1])
      if redis.call('EXISTS', k) == 0 then redis.call('ZREM', KEYS[3], t) end
    end
    redis.call('DEL', KEYS[2])
  end
  redis.call('DEL', KEYS[5])
end
local h = redis.call('HMGET', KEYS[1], 'updatedAt', 'visibility', 'status')
if h[2] ~= '${visibility.public}' or h[3] ~= '${status.ready}' then
  unindex()
  return 0
end
if h[1] ~= ARGV[2] or (redis.call('HGET', KEYS[4], 'displayName') or '') ~= ARGV[3] then
  return -1
end
unindex()
local tokens = {}
local firstNew = 6 + #oldWords
for i = 7, #ARGV, 2 do
  redis.call('ZADD', KEYS[firstNew + (i - 7) / 2], ARGV[i + 1], ARGV[1])
  redis.call('ZADD', KEYS[3], 0, ARGV[i])
  tokens[#tokens + 1] = ARGV[i]
end
redis.call('SET', KEYS[2], table.concat(tokens, ' '))
local said = {}
for t in string.gmatch(ARGV[6], '%S+') do said[#said + 1] = t end
if #said > 0 then redis.call('HSET', KEYS[5], unpack(said)) end
return 1
