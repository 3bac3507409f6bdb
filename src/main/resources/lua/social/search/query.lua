local cached = redis.call('GET', KEYS[1])
if cached then return cached end
local cap, maxExp, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local prefix, wordKey = ARGV[5], ARGV[6]
local temps = {}
local function temp(name)
  local k = KEYS[1] .. ':' .. name
  temps[#temps + 1] = k
  return k
end
local estimate = 0
local final = nil
local empty = false
local words = {}
for i = 3, #KEYS do words[#words + 1] = KEYS[i] end
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
      base = temp('c')
      redis.call('ZRANGESTORE', base, words[best], 0, cap - 1, 'REV')
      estimate = 1
    end
    if #words == 1 then
      final = base
    else
      final = temp('i')
      local args = {'ZINTERSTORE', final, #words, base}
      for i, k in ipairs(words) do
        if i ~= best then args[#args + 1] = k end
      end
      redis.call(unpack(args))
    end
  end
end
if prefix ~= '' and not empty then
  local cand = final
  local exps = redis.call('ZRANGEBYLEX', KEYS[2], '[' .. prefix, '[' .. prefix .. '\255', 'LIMIT', 0, maxExp + 1)
  if #exps > maxExp then
    exps[#exps] = nil
    estimate = 1
  end
  local parts = {}
  for i, t in ipairs(exps) do
    local part = temp('p' .. i)
    if cand then
      redis.call('ZINTERSTORE', part, 2, cand, wordKey .. t)
    else
      redis.call('ZRANGESTORE', part, wordKey .. t, 0, window - 1, 'REV')
      if redis.call('ZCARD', wordKey .. t) > window then estimate = 1 end
    end
    parts[#parts + 1] = part
  end
  final = nil
  if #parts > 0 then
    final = temp('u')
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
redis.call('SET', KEYS[1], out, 'PX', ARGV[4])
return out
