-- KEYS: the platform's gate (sorted set of admission times), its throttle key. ARGV: window ms, max, unique member.
-- Returns 0 when admitted (and recorded), -ms while the platform is throttled, else the ms until the oldest
-- admission leaves the window.
local key, window, max = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2])
local pttl = redis.call('PTTL', KEYS[2])
if pttl > 0 then return -pttl end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) < max then
  redis.call('ZADD', key, now, ARGV[3])
  redis.call('PEXPIRE', key, window * 2)
  return 0
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
