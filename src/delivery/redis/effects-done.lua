-- KEYS: status. ARGV: key. Clears a settled recipient's "effects pending" flag (the rest is kept as stored).
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return 0 end
local s = cjson.decode(current)
if not s.fx then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], (string.gsub(current, ',?"fx":1', '')))
return 1
