#!/usr/bin/env bash
# Loopback load test, in one run (bounded: DURATION seconds per measurement, 127.0.0.1 only, every host stopped at exit).
# For ES256 and RS256 access tokens: a protected FHIR read behind bare JwtBearer vs behind SMART enforcement with the
# validated-token cache on and off, and the refresh_token grant (rotation, in-memory stores). Then a non-FHIR route in
# a host with the library vs the same host without it, both running, measured alternately. Prints req/s, the host's
# CPU time per request (utime+stime of the host process over the measurement, divided by the requests) and the ratios.
# Needs wrk (apt-get install wrk). On a shared 2-core machine wrk competes with the server: compare the ratios of one
# run, not absolute figures.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-2}
ROUNDS=${ROUNDS:-2}                   # alternating rounds of the non-FHIR pair
refresh_tokens=${REFRESH_TOKENS:-100000} # stored refresh tokens per refresh host: half for warm-up, half for the measurement
unset REFRESH_TOKENS                     # only the refresh hosts get it
dotnet build benchmarks/Smart.AspNetCore.LoadHost -c Release -v quiet -nologo >/dev/null
out=benchmarks/Smart.AspNetCore.LoadHost/bin/Release/net10.0
tick=$(getconf CLK_TCK)
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
declare -A rps cpu

start() { # port, args... (the host's pid is left in $host)
  local port=$1; shift
  dotnet "$out/Smart.AspNetCore.LoadHost.dll" --port "$port" "$@" > "/tmp/loadhost-$port.log" 2>&1 &
  host=$!
  pids+=("$host")
  for _ in $(seq 1 300); do grep -q ready "/tmp/loadhost-$port.log" 2>/dev/null && return 0; sleep 0.2; done
  echo "host on $port did not start" >&2; exit 1
}
stop() { # pid
  kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true
  local kept=(); for p in "${pids[@]}"; do [ "$p" != "$1" ] && kept+=("$p"); done; pids=("${kept[@]:-}")
}
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
wrk_run() { # seconds, token or "-", url, extra wrk args...
  local seconds=$1 token=$2 url=$3; shift 3
  local header=()
  [ "$token" != "-" ] && header=(-H "Authorization: Bearer $token")
  wrk -t2 -c16 -d"${seconds}s" "${header[@]}" "$@" "$url"
}
warm() { wrk_run "$WARMUP" "$@" >/dev/null; }
# measure name, pid, token or "-", url, extra wrk args...: adds to rps[name] (req/s) and cpu[name] (µs per request).
measure() {
  local name=$1 pid=$2; shift 2
  local before after result requests seconds non2xx
  before=$(ticks "$pid")
  result=$(wrk_run "$DURATION" "$@")
  after=$(ticks "$pid")
  requests=$(awk '/requests in/ {print $1}' <<<"$result")
  seconds=$(awk '/requests in/ {gsub(/s,/, "", $4); print $4}' <<<"$result")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$result"); non2xx=${non2xx:-0}
  rps[$name]=$(awk -v a="${rps[$name]:-0}" -v r="$requests" -v s="$seconds" 'BEGIN { printf "%.0f", a + r / s }')
  cpu[$name]=$(awk -v c="${cpu[$name]:-0}" -v t=$((after - before)) -v hz="$tick" -v r="$requests" 'BEGIN { printf "%.1f", c + t * 1000000 / hz / r }')
  printf '%-44s %9.0f req/s %8.1f us CPU/req%s\n' "$name" "$(awk -v r="$requests" -v s="$seconds" 'BEGIN { print r / s }')" \
    "$(awk -v t=$((after - before)) -v hz="$tick" -v r="$requests" 'BEGIN { print t * 1000000 / hz / r }')" \
    "$([ "$non2xx" != 0 ] && echo "  ($non2xx non-2xx: not valid)")"
}
ratio() { awk -v a="${rps[$1]}" -v b="${rps[$2]}" -v ca="${cpu[$1]}" -v cb="${cpu[$2]}" -v n="$3" 'BEGIN { printf "%-52s %5.2fx req/s  %5.2fx CPU/req\n", n, a / b, ca / cb }'; }

port=5101
for alg in ES256 RS256; do
  for cache in on off; do
    start $port --alg $alg --cache $cache
    token=$(cat "$out/token-patient-$port.txt")
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port/fhir/Patient/p1")
    [ "$code" = 200 ] || { echo "SMART read returned $code" >&2; exit 1; }
    # Warm both arms before measuring either: in a fresh host the first arm measured is otherwise penalised by tiered
    # JIT compilation, which on this loaded machine outweighed every other effect.
    for _ in 1 2; do
      warm "$token" "http://127.0.0.1:$port/fhir/Patient/p1"; warm "$token" "http://127.0.0.1:$port/bare/Patient/p1"
    done
    warm "$token" "http://127.0.0.1:$port/fhir/Patient/p1"
    measure "$alg SMART cache $cache" "$host" "$token" "http://127.0.0.1:$port/fhir/Patient/p1"
    warm "$token" "http://127.0.0.1:$port/bare/Patient/p1"
    measure "$alg bare JwtBearer (cache $cache host)" "$host" "$token" "http://127.0.0.1:$port/bare/Patient/p1"
    stop "$host"
    port=$((port + 1))
  done

  # The refresh grant: every request presents a fresh stored refresh token (rotation: a new one is stored).
  REFRESH_TOKENS=$refresh_tokens start $port --alg $alg
  tokens="$out/refresh-tokens-$port.txt"
  half=$((refresh_tokens / 2))
  TOKENS=$tokens FIRST=1 LAST=$half THREADS=2 warm - "http://127.0.0.1:$port" -s benchmarks/refresh-rotation.lua
  TOKENS=$tokens FIRST=$((half + 1)) LAST=$refresh_tokens THREADS=2 \
    measure "$alg refresh_token grant" "$host" - "http://127.0.0.1:$port" -s benchmarks/refresh-rotation.lua
  stop "$host"
  port=$((port + 1))
done

# The non-FHIR route: both hosts up, warmed, then measured alternately ROUNDS times (req/s and CPU/req averaged).
start $port --alg RS256; with=$host; with_port=$port; port=$((port + 1))
start $port --library off; without=$host; without_port=$port
for _ in 1 2; do warm - "http://127.0.0.1:$with_port/plain"; warm - "http://127.0.0.1:$without_port/plain"; done
for _ in $(seq 1 "$ROUNDS"); do
  measure "plain route, with library" "$with" - "http://127.0.0.1:$with_port/plain"
  measure "plain route, without library" "$without" - "http://127.0.0.1:$without_port/plain"
done
stop "$with"; stop "$without"

echo
echo "ratios (same run):"
for alg in ES256 RS256; do
  ratio "$alg SMART cache on" "$alg bare JwtBearer (cache on host)" "$alg SMART (cache on) / bare JwtBearer"
  ratio "$alg SMART cache off" "$alg bare JwtBearer (cache off host)" "$alg SMART (cache off) / bare JwtBearer"
  ratio "$alg SMART cache on" "$alg SMART cache off" "$alg SMART cache on / cache off"
done
ratio "plain route, with library" "plain route, without library" "non-FHIR route with library / without"
echo "refresh grant CPU/request: ES256 ${cpu[ES256 refresh_token grant]} us, RS256 ${cpu[RS256 refresh_token grant]} us"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
