#!/usr/bin/env bash
# Loopback load test of the Redis stores against the in-memory ones, in one run (bounded: DURATION seconds per
# measurement, 127.0.0.1 only): the refresh grant (rotation: benchmarks/refresh-chain.lua presents the token each
# response returned) and a protected FHIR read (one denylist check per request). Needs wrk and redis-server (apt-get
# install wrk redis-server); starts and stops its own redis-server on a free port. RATE_LIMIT=on runs it with the
# library's rate limiting on (budgets no run reaches), to measure the counters' cost: compare with a RATE_LIMIT=off run.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-5}
dotnet build benchmarks/Smart.AspNetCore.LoadHost -c Release -v quiet -nologo >/dev/null
out=benchmarks/Smart.AspNetCore.LoadHost/bin/Release/net10.0
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
tmp=$(mktemp -d)
redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --pidfile "$tmp/redis.pid" --save '' --appendonly no --dir "$tmp" >/dev/null
host=
cleanup() { [ -n "$host" ] && kill "$host" 2>/dev/null; [ -f "$tmp/redis.pid" ] && kill "$(cat "$tmp/redis.pid")" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
sleep 0.5

measure() { # $1 label, $2 REDIS value ("" = in memory)
  RATE_LIMIT="${RATE_LIMIT:-off}" REDIS="$2" REFRESH_TOKENS=64 dotnet "$out/Smart.AspNetCore.LoadHost.dll" > "$tmp/host.log" 2>&1 &
  host=$!
  for _ in $(seq 1 150); do grep -q ready "$tmp/host.log" 2>/dev/null && break; sleep 0.2; done
  local patient; patient=$(cat "$out/token-patient-5099.txt")
  cp "$out/refresh-tokens-5099.txt" "$tmp/tokens.txt"
  # Warm-up (JIT), then measure; the refresh chains of the warm-up and the measurement start from different seeds.
  wrk -t1 -c8 -d2s -H "Authorization: Bearer $patient" "http://127.0.0.1:5099/fhir/Patient/p1" >/dev/null
  TOKENS="$tmp/tokens.txt" SEEDS=16 OFFSET=0 wrk -t1 -c8 -d3s -s benchmarks/refresh-chain.lua "http://127.0.0.1:5099" >/dev/null
  TOKENS="$tmp/tokens.txt" SEEDS=16 OFFSET=16 wrk -t1 -c8 -d"${DURATION}s" -s benchmarks/refresh-chain.lua "http://127.0.0.1:5099" \
    | awk -v n="$1 refresh grant      " '/Requests\/sec/ {print n": "$2" req/s"} /Latency/ {print n": latency avg "$2} /Non-2xx/ {print n": NON-2xx "$5}'
  wrk -t1 -c16 -d"${DURATION}s" -H "Authorization: Bearer $patient" "http://127.0.0.1:5099/fhir/Patient/p1" \
    | awk -v n="$1 protected FHIR read" '/Requests\/sec/ {print n": "$2" req/s"} /Latency/ {print n": latency avg "$2} /Non-2xx/ {print n": NON-2xx "$5}'
  kill "$host"; wait "$host" 2>/dev/null || true; host=
}

# ROUNDS > 1 alternates the order (in-memory first, then Redis first, ...) so that load drifting on a shared machine
# does not favour one side; compare the two figures of each round.
ROUNDS=${ROUNDS:-1}
for round in $(seq 1 "$ROUNDS"); do
  [ "$ROUNDS" -gt 1 ] && echo "round $round"
  if [ $((round % 2)) -eq 1 ]; then
    measure "in-memory" ""
    measure "redis    " "127.0.0.1:$port"
  else
    measure "redis    " "127.0.0.1:$port"
    measure "in-memory" ""
  fi
done
