#!/usr/bin/env bash
# Loopback load test, in one run (bounded: DURATION seconds per measurement, 127.0.0.1 only, every host stopped at exit):
# for ES256 and RS256 access tokens, a protected FHIR read behind bare JwtBearer vs behind SMART enforcement with the
# validated-token cache on and off, and a non-FHIR route in a host with the library vs a host without it. Prints
# req/s and the ratios. Needs wrk (apt-get install wrk). On a shared 2-core machine wrk competes with the server:
# compare the ratios of one run, not absolute figures.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-2}
dotnet build benchmarks/Smart.AspNetCore.LoadHost -c Release -v quiet -nologo >/dev/null
out=benchmarks/Smart.AspNetCore.LoadHost/bin/Release/net10.0
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
declare -A rps

start() { # port, args...
  local port=$1; shift
  dotnet "$out/Smart.AspNetCore.LoadHost.dll" --port "$port" "$@" > "/tmp/loadhost-$port.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do grep -q ready "/tmp/loadhost-$port.log" 2>/dev/null && return 0; sleep 0.2; done
  echo "host on $port did not start" >&2; exit 1
}
stop() { kill "${pids[-1]}" 2>/dev/null || true; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'; }
warm() { # url, token or "-"
  local header=()
  [ "$2" != "-" ] && header=(-H "Authorization: Bearer $2")
  wrk -t2 -c16 -d"${WARMUP}s" "${header[@]}" "$1" >/dev/null
}
measure() { # name, url, token or "-"
  local header=()
  [ "$3" != "-" ] && header=(-H "Authorization: Bearer $3")
  warm "$2" "$3"
  local r
  r=$(wrk -t2 -c16 -d"${DURATION}s" "${header[@]}" "$2" | awk '/Requests\/sec/ {print $2}')
  local non2xx
  rps[$1]=$r
  printf '%-34s %10s req/s\n' "$1" "$r"
}
ratio() { awk -v a="${rps[$1]}" -v b="${rps[$2]}" -v n="$3" 'BEGIN { printf "%-50s %5.2fx\n", n, a / b }'; }

port=5101
for alg in ES256 RS256; do
  for cache in on off; do
    start $port --alg $alg --cache $cache
    token=$(cat "$out/token-patient-$port.txt")
    # Sanity: the SMART read must succeed.
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port/fhir/Patient/p1")
    [ "$code" = 200 ] || { echo "SMART read returned $code" >&2; exit 1; }
    # Warm both arms (and the plain route) before measuring either: in a fresh host the first arm measured is otherwise
    # penalised by tiered JIT compilation, which on this loaded machine outweighed every other effect.
    for _ in 1 2; do
      warm "http://127.0.0.1:$port/fhir/Patient/p1" "$token"; warm "http://127.0.0.1:$port/bare/Patient/p1" "$token"; warm "http://127.0.0.1:$port/plain" -
    done
    measure "$alg SMART cache $cache" "http://127.0.0.1:$port/fhir/Patient/p1" "$token"
    measure "$alg bare JwtBearer (cache $cache host)" "http://127.0.0.1:$port/bare/Patient/p1" "$token"
    if [ "$alg" = RS256 ] && [ "$cache" = on ]; then
      measure "plain route, with library" "http://127.0.0.1:$port/plain" -
    fi
    stop
    port=$((port + 1))
  done
done
start $port --library off
warm "http://127.0.0.1:$port/plain" -; warm "http://127.0.0.1:$port/plain" -
measure "plain route, without library" "http://127.0.0.1:$port/plain" -
stop

echo
echo "ratios (same run):"
for alg in ES256 RS256; do
  ratio "$alg SMART cache on" "$alg bare JwtBearer (cache on host)" "$alg SMART (cache on) / bare JwtBearer"
  ratio "$alg SMART cache off" "$alg bare JwtBearer (cache off host)" "$alg SMART (cache off) / bare JwtBearer"
  ratio "$alg SMART cache on" "$alg SMART cache off" "$alg SMART cache on / cache off"
done
ratio "plain route, with library" "plain route, without library" "non-FHIR route with library / without"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
