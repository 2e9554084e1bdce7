-- KEYS: meta, status, claims, throttle
-- ARGV: key, token, now, ttl ms
-- Returns {'go'} | {'settled', status JSON} | {'busy', ms} | {'throttled', ms}
local meta, statusKey, claimsKey, throttleKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local key, token, now, ttl = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local current = redis.call('HGET', statusKey, key)
if not current then return { 'settled', cjson.encode({ status = 'skipped', reason = 'cancelled' }) } end
local s = bucket(current)
if s == 'sent' or s == 'skipped' or s == 'failed' then return { 'settled', current } end
if redis.call('HGET', meta, 'cancelled') == '1' then
  local skipped = cjson.encode({ status = 'skipped', reason = 'cancelled' })
  move(meta, statusKey, claimsKey, key, current, skipped)
  return { 'settled', skipped }
end
local held = redis.call('HGET', claimsKey, key)
if held then
  local sep = string.find(held, '|', 1, true)
  local holder, expires = string.sub(held, 1, sep - 1), tonumber(string.sub(held, sep + 1))
  if holder ~= token and expires > now then return { 'busy', tostring(expires - now) } end
end
local pttl = redis.call('PTTL', throttleKey)
if pttl > 0 then return { 'throttled', tostring(pttl) } end
redis.call('HSET', claimsKey, key, token .. '|' .. tostring(now + ttl))
return { 'go' }
