#!/usr/bin/env bash
# Loopback load test (bounded: DURATION seconds per run, 127.0.0.1 only): a protected FHIR read with SMART enforcement
# vs the same endpoint with bare JwtBearer authentication, in the same run. Needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
dotnet build benchmarks/Smart.AspNetCore.LoadHost -c Release -v quiet -nologo >/dev/null
out=benchmarks/Smart.AspNetCore.LoadHost/bin/Release/net10.0
dotnet "$out/Smart.AspNetCore.LoadHost.dll" > /tmp/loadhost.log 2>&1 &
host=$!
trap 'kill $host 2>/dev/null' EXIT
for _ in $(seq 1 50); do grep -q ready /tmp/loadhost.log 2>/dev/null && break; sleep 0.2; done
user=$(cat "$out/token-user.txt"); patient=$(cat "$out/token-patient.txt")
run() { wrk -t1 -c16 -d"${DURATION}s" -H "Authorization: Bearer $2" "http://127.0.0.1:5099$1" | awk -v n="$3" '/Requests\/sec/ {print n": "$2" req/s"} /Latency/ {print n": latency avg "$2}'; }
# Warm every path up (JIT tiering), then measure twice in interleaved order.
for path in /bare/Patient/p1 /fhir/Patient/p1; do run "$path" "$patient" warm-up >/dev/null; done
for round in 1 2; do
  run /bare/Patient/p1 "$user" "round $round  bare JwtBearer      "
  run /fhir/Patient/p1 "$user" "round $round  SMART, user/*.rs    "
  run /fhir/Patient/p1 "$patient" "round $round  SMART, patient/*.rs "
done
