#!/usr/bin/env bash
# Loopback load test, in one run (bounded: DURATION seconds per measurement, 127.0.0.1 only, every host stopped at exit).
# For ES256 and RS256 access tokens: a protected FHIR read behind bare JwtBearer vs behind SMART enforcement with the
# validated-token cache on and off, and the refresh_token grant (rotation, in-memory stores). Then a non-FHIR route in
# a host with the library vs the same host without it, both running, measured alternately. Prints req/s, the host's
# CPU time per request (utime+stime of the host process over the measurement, divided by the requests), the bytes the
# host allocated per request (GC.GetTotalAllocatedBytes before and after, from the host's /stats/allocated) and the
# ratios. Every arm is warmed in rounds of WARMUP seconds, at least MIN_WARMUPS of them, until its CPU per request moves
# by less than 10% between two rounds (at most MAX_WARMUPS): a fresh host compiles its hot paths (tiered JIT, dynamic
# PGO) for many seconds under load.
# Needs wrk (apt-get install wrk). On a shared 2-core machine wrk competes with the server: compare the ratios of one
# run, not absolute figures.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-2}
ROUNDS=${ROUNDS:-2}                   # alternating rounds of the non-FHIR pair
MIN_WARMUPS=${MIN_WARMUPS:-4}         # warm-up rounds per arm at least (the first rounds can agree while still compiling)
MAX_WARMUPS=${MAX_WARMUPS:-10}        # warm-up rounds per arm at most
unset REFRESH_TOKENS                  # only the refresh hosts get it: the seeds of benchmarks/refresh-chain.lua
dotnet build benchmarks/Smart.AspNetCore.LoadHost -c Release -v quiet -nologo >/dev/null
out=benchmarks/Smart.AspNetCore.LoadHost/bin/Release/net10.0
tick=$(getconf CLK_TCK)
pids=()
tmp=$(mktemp -d)
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT
declare -A rps cpu bytes
# Every wrk run of the refresh grant starts its chains from seeds no earlier run used (benchmarks/refresh-chain.lua:
# SEEDS per thread, 2 threads). The counter is a file because wrk runs inside command substitutions (subshells).
echo 0 > "$tmp/offset"

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
  local header=() offset
  [ "$token" != "-" ] && header=(-H "Authorization: Bearer $token")
  offset=$(cat "$tmp/offset"); echo $((offset + 2 * 16)) > "$tmp/offset"
  OFFSET=$offset SEEDS=16 wrk -t2 -c16 -d"${seconds}s" "${header[@]}" "$@" "$url"
}
allocated() { curl -s "$(awk -F/ '{print $1 "//" $3}' <<<"$1")/stats/allocated"; } # url: the host's allocated bytes
# run seconds, pid, token or "-", url, extra wrk args...: prints "requests seconds cpu_ticks allocated_bytes non2xx".
run() {
  local seconds=$1 pid=$2 url=$4
  local ticks0 ticks1 bytes0 bytes1 result; shift 2
  bytes0=$(allocated "$url"); ticks0=$(ticks "$pid")
  result=$(wrk_run "$seconds" "$@")
  ticks1=$(ticks "$pid"); bytes1=$(allocated "$url")
  awk -v t=$((ticks1 - ticks0)) -v b=$((bytes1 - bytes0)) '/requests in/ {gsub(/s,/, "", $4); r = $1; s = $4} /Non-2xx/ {n = $NF}
    END { print r, s, t, b, n + 0 }' <<<"$result"
}
# warm pid, token or "-", url, extra wrk args...: at least MIN_WARMUPS rounds of WARMUP s, then until CPU/request is
# stable within 10% between two rounds (a fresh host's refresh path takes about 20 s of load to reach its final code).
warm() {
  local previous=0 current round
  for round in $(seq 1 "$MAX_WARMUPS"); do
    current=$(run "$WARMUP" "$@" | awk -v hz="$tick" '{ printf "%.1f", $3 * 1000000 / hz / $1 }')
    [ "$round" -ge "$MIN_WARMUPS" ] && awk -v p="$previous" -v c="$current" 'BEGIN { exit !(p > 0 && (c > p ? c - p : p - c) / p < 0.10) }' && return 0
    previous=$current
  done
  return 0
}
# measure name, pid, token or "-", url, extra wrk args...: adds to rps[name] (req/s), cpu[name] (µs per request) and
# bytes[name] (bytes allocated per request).
measure() {
  local name=$1; shift
  local requests seconds t b non2xx
  read -r requests seconds t b non2xx < <(run "$DURATION" "$@")
  rps[$name]=$(awk -v a="${rps[$name]:-0}" -v r="$requests" -v s="$seconds" 'BEGIN { printf "%.0f", a + r / s }')
  cpu[$name]=$(awk -v c="${cpu[$name]:-0}" -v t="$t" -v hz="$tick" -v r="$requests" 'BEGIN { printf "%.1f", c + t * 1000000 / hz / r }')
  bytes[$name]=$(awk -v c="${bytes[$name]:-0}" -v b="$b" -v r="$requests" 'BEGIN { printf "%.0f", c + b / r }')
  printf '%-44s %9.0f req/s %8.1f us CPU/req %8.0f B/req%s\n' "$name" "$(awk -v r="$requests" -v s="$seconds" 'BEGIN { print r / s }')" \
    "$(awk -v t="$t" -v hz="$tick" -v r="$requests" 'BEGIN { print t * 1000000 / hz / r }')" "$(awk -v b="$b" -v r="$requests" 'BEGIN { print b / r }')" \
    "$([ "$non2xx" != 0 ] && echo "  ($non2xx non-2xx: not valid)")"
}
ratio() { awk -v a="${rps[$1]}" -v b="${rps[$2]}" -v ca="${cpu[$1]}" -v cb="${cpu[$2]}" -v ba="${bytes[$1]}" -v bb="${bytes[$2]}" -v n="$3" \
  'BEGIN { printf "%-52s %5.2fx req/s  %5.2fx CPU/req  %5.2fx B/req\n", n, a / b, ca / cb, ba / bb }'; }

port=5101
for alg in ES256 RS256; do
  for cache in on off; do
    start $port --alg $alg --cache $cache
    token=$(cat "$out/token-patient-$port.txt")
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port/fhir/Patient/p1")
    [ "$code" = 200 ] || { echo "SMART read returned $code" >&2; exit 1; }
    # Warm both arms before measuring either: in a fresh host the first arm measured is otherwise penalised by tiered
    # JIT compilation, which on a loaded machine outweighed every other effect.
    warm "$host" "$token" "http://127.0.0.1:$port/fhir/Patient/p1"; warm "$host" "$token" "http://127.0.0.1:$port/bare/Patient/p1"
    measure "$alg SMART cache $cache" "$host" "$token" "http://127.0.0.1:$port/fhir/Patient/p1"
    measure "$alg bare JwtBearer (cache $cache host)" "$host" "$token" "http://127.0.0.1:$port/bare/Patient/p1"
    stop "$host"
    port=$((port + 1))
  done
  # The refresh grant: every request presents the refresh token the previous response on its chain returned
  # (rotation: the host stores the new one), so none is a replay however long the run; non-2xx would be reported.
  REFRESH_TOKENS=4096 start $port --alg $alg
  chain=(-s benchmarks/refresh-chain.lua)
  TOKENS="$out/refresh-tokens-$port.txt" warm "$host" - "http://127.0.0.1:$port" "${chain[@]}"
  TOKENS="$out/refresh-tokens-$port.txt" measure "$alg refresh_token grant" "$host" - "http://127.0.0.1:$port" "${chain[@]}"
  stop "$host"
  port=$((port + 1))
done

# The non-FHIR route: both hosts up, warmed, then measured alternately ROUNDS times (req/s and CPU/req averaged).
start $port --alg RS256; with=$host; with_port=$port; port=$((port + 1))
start $port --library off; without=$host; without_port=$port
warm "$with" - "http://127.0.0.1:$with_port/plain"; warm "$without" - "http://127.0.0.1:$without_port/plain"
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
echo "refresh grant per request: ES256 ${cpu[ES256 refresh_token grant]} us CPU, ${bytes[ES256 refresh_token grant]} B;" \
  "RS256 ${cpu[RS256 refresh_token grant]} us CPU, ${bytes[RS256 refresh_token grant]} B"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
