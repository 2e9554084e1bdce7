-- KEYS: throttle key, pace key. ARGV: ms.
-- Keeps the longer of the recorded pause and this one, and moves the next send slot past the pause.
local ms = tonumber(ARGV[1])
if redis.call('PTTL', KEYS[1]) < ms then
  redis.call('SET', KEYS[1], '1', 'PX', ms)
end
local t = redis.call('TIME')
local resume = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + ms
if tonumber(redis.call('GET', KEYS[2]) or '0') < resume then
  redis.call('SET', KEYS[2], tostring(resume), 'PX', 60000 + ms)
end
return 1
