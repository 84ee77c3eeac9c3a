-- wrk script for benchmarks/load-test.sh: the refresh_token grant with rotation, for as long as wrk runs. Each wrk
-- thread starts with SEEDS stored refresh tokens of the file TOKENS (thread k takes lines OFFSET+k*SEEDS+1 ..
-- OFFSET+(k+1)*SEEDS: give every wrk run its own OFFSET)
-- and then presents the refresh token each response returned: every request is a first use, so no request is a
-- replay however long the warm-up or the measurement. wrk sends a connection's next request only after its response,
-- so a thread never has more requests in flight than connections; SEEDS must be at least the connections per thread.
-- A response without a refresh token ends its chain; the next request then repeats a used token (a replay, non-2xx),
-- which load-test.sh reports.
local seeds = tonumber(os.getenv("SEEDS") or "16")
local offset = tonumber(os.getenv("OFFSET") or "0")
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

local queue = {}
local head, tail = 1, 0
local last

function init(args)
  local first = offset + (id or 0) * seeds + 1
  local n = 0
  for line in io.lines(os.getenv("TOKENS")) do
    n = n + 1
    if n >= first and n < first + seeds then
      tail = tail + 1
      queue[tail] = line
    end
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

request = function()
  local token
  if head <= tail then
    token = queue[head]
    queue[head] = nil
    head = head + 1
    last = token
  else
    token = last
  end
  return wrk.format(nil, "/fhir/auth/token", nil, "grant_type=refresh_token&client_id=load&refresh_token=" .. token)
end

response = function(status, headers, body)
  local token = string.match(body, '"refresh_token":"([^"]+)"')
  if token then
    tail = tail + 1
    queue[tail] = token
  end
end
