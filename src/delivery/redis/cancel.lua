-- KEYS: meta, status, claims
-- ARGV: keys to cancel. Queued and retrying ones become skipped(cancelled); returns those keys.
local meta, statusKey, claimsKey = KEYS[1], KEYS[2], KEYS[3]
local skipped = cjson.encode({ status = 'skipped', reason = 'cancelled' })
local moved = {}
for i = 1, #ARGV do
  local current = redis.call('HGET', statusKey, ARGV[i])
  local s = bucket(current)
  if s == 'queued' or s == 'retrying' then
    move(meta, statusKey, claimsKey, ARGV[i], current, skipped)
    moved[#moved + 1] = ARGV[i]
  end
end
return moved
