-- Atomic batch write of people with their indexes, counters, due times and audit entries.
-- KEYS[1] people hash, KEYS[2] counters hash, KEYS[3] audit stream, KEYS[4] due zset, KEYS[5..] index sets.
-- ARGV: now, actor, source, nWrites, auditMaxLen, then per write:
--   key (short), id, expectedVersion, value ("<version>:<json>"), action, detail, due ('' keep, 'del', or a score),
--   keep floor (index key position, 0 for none), keep minimum,
--   nRemoved, removed key positions..., nAdded, added key positions...
-- then nCounters, (field, delta)...
-- Returns {} when written, {'conflict', ids...} when a version moved, {'refused', ids...} when a keep floor would
-- break; nothing is written in either of the last two cases.
local now, actor, source = ARGV[1], ARGV[2], ARGV[3]
local n = tonumber(ARGV[4])
local maxlen = ARGV[5]

-- First pass: versions. Nothing is written when any of them moved.
local conflicts = {}
local i = 6
local writes = {}
for w = 1, n do
  local key, id, expected, value, action, detail, due = ARGV[i], ARGV[i+1], tonumber(ARGV[i+2]), ARGV[i+3], ARGV[i+4], ARGV[i+5], ARGV[i+6]
  local keepPos, keepMin = tonumber(ARGV[i+7]), tonumber(ARGV[i+8])
  i = i + 9
  local nrem = tonumber(ARGV[i]); local rem = {}
  for r = 1, nrem do rem[r] = tonumber(ARGV[i + r]) end
  i = i + nrem + 1
  local nadd = tonumber(ARGV[i]); local add = {}
  for a = 1, nadd do add[a] = tonumber(ARGV[i + a]) end
  i = i + nadd + 1
  local cur = redis.call('HGET', KEYS[1], key)
  local version = -1
  if cur then version = tonumber(string.match(cur, '^(%-?%d+):')) end
  if version ~= expected then conflicts[#conflicts + 1] = id end
  writes[w] = { key, value, action, detail, due, rem, add, id, keepPos, keepMin }
end
if #conflicts > 0 then
  table.insert(conflicts, 1, 'conflict')
  return conflicts
end

-- Second pass: keep floors, counted on the state the whole batch would leave.
local function contains(list, x)
  for _, v in ipairs(list) do if v == x then return true end end
  return false
end
local refused = { 'refused' }
for w = 1, n do
  local kp = writes[w][9]
  if kp > 0 then
    local count = redis.call('SCARD', KEYS[kp])
    for v = 1, n do
      local o = writes[v]
      if contains(o[6], kp) and redis.call('SISMEMBER', KEYS[kp], o[1]) == 1 then count = count - 1 end
      if contains(o[7], kp) and redis.call('SISMEMBER', KEYS[kp], o[1]) == 0 then count = count + 1 end
    end
    if count < writes[w][10] then refused[#refused + 1] = writes[w][8] end
  end
end
if #refused > 1 then return refused end

for w = 1, n do
  local wr = writes[w]
  local id = wr[1]
  redis.call('HSET', KEYS[1], id, wr[2])
  local email = wr[8]
  for _, k in ipairs(wr[6]) do redis.call('SREM', KEYS[k], id) end
  for _, k in ipairs(wr[7]) do redis.call('SADD', KEYS[k], id) end
  if wr[5] == 'del' then redis.call('ZREM', KEYS[4], id)
  elseif wr[5] ~= '' then redis.call('ZADD', KEYS[4], wr[5], id) end
  if wr[4] ~= '' then
    redis.call('XADD', KEYS[3], 'MAXLEN', '~', maxlen, '*', 't', now, 'a', actor, 's', source, 'k', wr[3], 'p', email, 'd', wr[4])
  else
    redis.call('XADD', KEYS[3], 'MAXLEN', '~', maxlen, '*', 't', now, 'a', actor, 's', source, 'k', wr[3], 'p', email)
  end
end

local nc = tonumber(ARGV[i])
for c = 1, nc do
  local field, delta = ARGV[i + 2*c - 1], tonumber(ARGV[i + 2*c])
  local v = redis.call('HINCRBY', KEYS[2], field, delta)
  if v == 0 then redis.call('HDEL', KEYS[2], field) end
end
return {}
