-- Shared by every status-book script: status JSON -> counter field, and moving a recipient's counters.
local function bucket(json)
  if not json then return nil end
  return cjson.decode(json).status
end

local function move(meta, statusKey, claimsKey, key, oldJson, newJson)
  local old = bucket(oldJson)
  local new = bucket(newJson)
  if old then redis.call('HINCRBY', meta, old, -1) end
  redis.call('HINCRBY', meta, new, 1)
  redis.call('HSET', statusKey, key, newJson)
  redis.call('HDEL', claimsKey, key)
end
