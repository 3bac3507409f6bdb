-- Runs a search query with a hard bound on its work and keeps the result a while. The caller
-- expands the prefix first (ZRANGEBYLEX of kinora:search:tokens), so that every word key comes in
-- KEYS; so do the scratch sets, named after the result key and deleted before the script ends.
-- KEYS[1] result: kinora:search:q:{query}
-- KEYS[2] scratch c, KEYS[3] scratch i, KEYS[4] scratch u: kinora:search:q:{query}:{c|i|u}
-- KEYS[5..] one word set per whole word (ARGV[5] of them), then one per expansion of the prefix
-- (ARGV[6] of them), then one scratch set per expansion: kinora:search:w:{word}, kinora:search:q:{query}:p{n}
-- ARGV[1] candidate cap, ARGV[2] window, ARGV[3] cache ms, ARGV[4] '1' when the query has a prefix,
-- ARGV[5] whole words, ARGV[6] expansions, ARGV[7] '1' when the expansions were cut at their cap
-- Returns "total estimate id id ...".
local cached = redis.call('GET', KEYS[1])
if cached then return cached end
local cap, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local nWords, nExps = tonumber(ARGV[5]), tonumber(ARGV[6])
local temps = {}
local function temp(k)
  temps[#temps + 1] = k
  return k
end
local estimate = 0
local final = nil
local empty = false
local words = {}
for i = 1, nWords do words[#words + 1] = KEYS[4 + i] end
if #words > 0 then
  local best, bestCard = 1, nil
  for i, k in ipairs(words) do
    local c = redis.call('ZCARD', k)
    if bestCard == nil or c < bestCard then best, bestCard = i, c end
  end
  if bestCard == 0 then
    empty = true
  else
    local base = words[best]
    if bestCard > cap then
      base = temp(KEYS[2])
      redis.call('ZRANGESTORE', base, words[best], 0, cap - 1, 'REV')
      estimate = 1
    end
    if #words == 1 then
      final = base
    else
      final = temp(KEYS[3])
      local args = {'ZINTERSTORE', final, #words, base}
      for i, k in ipairs(words) do
        if i ~= best then args[#args + 1] = k end
      end
      redis.call(unpack(args))
    end
  end
end
if ARGV[4] == '1' and not empty then
  local cand = final
  if ARGV[7] == '1' then estimate = 1 end
  local parts = {}
  for i = 1, nExps do
    local word = KEYS[4 + nWords + i]
    local part = temp(KEYS[4 + nWords + nExps + i])
    if cand then
      redis.call('ZINTERSTORE', part, 2, cand, word)
    else
      redis.call('ZRANGESTORE', part, word, 0, window - 1, 'REV')
      if redis.call('ZCARD', word) > window then estimate = 1 end
    end
    parts[#parts + 1] = part
  end
  final = nil
  if #parts > 0 then
    final = temp(KEYS[4])
    local args = {'ZUNIONSTORE', final, #parts}
    for _, p in ipairs(parts) do args[#args + 1] = p end
    args[#args + 1] = 'AGGREGATE'
    args[#args + 1] = 'MAX'
    redis.call(unpack(args))
  end
end
local total, ids = 0, {}
if final and not empty then
  total = redis.call('ZCARD', final)
  ids = redis.call('ZREVRANGE', final, 0, window - 1)
end
if #temps > 0 then redis.call('DEL', unpack(temps)) end
local out = total .. ' ' .. estimate
if #ids > 0 then out = out .. ' ' .. table.concat(ids, ' ') end
redis.call('SET', KEYS[1], out, 'PX', ARGV[3])
return out
