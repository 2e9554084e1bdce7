-- KEYS: status. ARGV: key. Clears a sent recipient's "effects pending" flag (the sent time is kept as stored).
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return 0 end
local s = cjson.decode(current)
if s.status ~= 'sent' or not s.fx then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], (string.gsub(current, ',?"fx":1', '')))
return 1
