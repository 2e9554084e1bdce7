-- KEYS: meta, status, claims, active
-- ARGV: key, new status JSON, comma-separated statuses it may move from ('' = any), campaign id
-- A sent recipient never moves (a second `sent` only clears its effects flag). Returns 1 when it moved.
local meta, statusKey, claimsKey = KEYS[1], KEYS[2], KEYS[3]
local key, newJson, onlyFrom, cid = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local current = redis.call('HGET', statusKey, key)
if not current then return 0 end
local old, new = bucket(current), bucket(newJson)
if old == 'sent' then
  -- Only clearing the effects flag may rewrite a sent status.
  if new == 'sent' and cjson.decode(current).fx and not cjson.decode(newJson).fx then
    redis.call('HSET', statusKey, key, newJson)
  end
  return 0
end
if onlyFrom ~= '' and not string.find(',' .. onlyFrom .. ',', ',' .. old .. ',', 1, true) then return 0 end
move(meta, statusKey, claimsKey, key, current, newJson)
if new == 'queued' or new == 'retrying' then redis.call('SADD', KEYS[4], cid) end
return 1
