-- KEYS: meta, status, claims, throttle, pace
-- ARGV: key, token, now, ttl ms, pace ms (0 = unpaced)
-- Returns {'go', wait ms} | {'settled', status JSON} | {'busy', ms} | {'throttled', ms}
local meta, statusKey, claimsKey, throttleKey, paceKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local key, token, now, ttl, pace = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
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
if pace <= 0 then return { 'go', '0' } end
-- Slots are booked on Redis' clock, so replicas on hosts with skewed clocks still space their sends evenly.
local t = redis.call('TIME')
local rnow = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local slot = math.max(rnow, tonumber(redis.call('GET', paceKey) or '0'))
redis.call('SET', paceKey, tostring(slot + pace), 'PX', 60000)
return { 'go', tostring(slot - rnow) }
