-- KEYS: registry, meta, status, jobs, claims, campaigns, active
-- ARGV: key prefix, campaign id, now, n, then n x (key, entry JSON, initial status JSON)
-- Returns the indexes (1-based) of the entries registered now; the others were duplicates.
local registry, meta, statusKey, jobsKey, claimsKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local prefix, cid, now, n = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
redis.call('HSETNX', meta, 'startedAt', now)
redis.call('ZADD', KEYS[6], 'NX', now, cid)
redis.call('SADD', KEYS[7], cid)
local fresh = {}
for i = 1, n do
  local base = 4 + (i - 1) * 3
  local key, entry, initial = ARGV[base + 1], ARGV[base + 2], ARGV[base + 3]
  local own = redis.call('HGET', statusKey, key)
  local owner = redis.call('HGET', registry, key)
  local ownerRow = own
  if owner and owner ~= cid then ownerRow = redis.call('HGET', prefix .. 'campaign:' .. owner .. ':status', key) end
  local b = nil
  if owner then b = bucket(ownerRow) end
  if not (b == 'queued' or b == 'retrying' or b == 'sent') then
    if not own then redis.call('HINCRBY', meta, 'total', 1) end
    move(meta, statusKey, claimsKey, key, own, initial)
    redis.call('HSET', registry, key, cid)
    redis.call('HSET', jobsKey, key, entry)
    fresh[#fresh + 1] = i
  end
end
return fresh
