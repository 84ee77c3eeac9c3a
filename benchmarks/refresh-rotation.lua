-- wrk script for benchmarks/load-test.sh: the refresh_token grant with rotation, each stored refresh token presented
-- exactly once. Tokens FIRST..LAST of the file TOKENS (one per line) are split between the THREADS wrk threads
-- (thread k takes FIRST+k, FIRST+k+THREADS, ...), so warm-up and measurement can use disjoint ranges and no request
-- is a replay. A thread that runs out starts its range again: those requests are replays (non-2xx), which
-- load-test.sh reports.
local first = tonumber(os.getenv("FIRST") or "1")
local last = tonumber(os.getenv("LAST") or "0")
local threads = tonumber(os.getenv("THREADS") or "1")
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

local tokens = {}
local i = 0

function init(args)
  local all = {}
  for line in io.lines(os.getenv("TOKENS")) do all[#all + 1] = line end
  if last == 0 or last > #all then last = #all end
  for k = first + (id or 0), last, threads do tokens[#tokens + 1] = all[k] end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

request = function()
  i = i + 1
  if i > #tokens then i = 1 end
  return wrk.format(nil, "/fhir/auth/token", nil, "grant_type=refresh_token&client_id=load&refresh_token=" .. tokens[i])
end
