#!/usr/bin/env bash
# Saving the 2 GiB demo document: the client (examples/save_document.rs, i.e. api::Client and
# save.rs as a whole process) against curl pulling the same document from the same emulator
# in the same run. Reports throughput, the client/curl ratio, and peak resident memory for
# the 2 GiB document and for a ~2 MiB one.
#
# Usage: bench/save_vs_curl.sh [ROUNDS]   (needs curl, python3 and /usr/bin/time)
# Builds the release binary and example once. Writes into a temporary folder it removes.
set -euo pipefail

rounds=${1:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
port=${BENCH_PORT:-47443}
url="https://127.0.0.1:$port"
owner="Nestor Wilke"
large="Video/Keynote 2026 raw footage.mov"
work=$(mktemp -d "${TMPDIR:-/tmp}/vbo-bench.XXXXXX")

(cd "$root" && cargo build --release --quiet --bin vbo-restore --example save_document)
demo="$target/release/vbo-restore"
client="$target/release/examples/save_document"

"$demo" demo --listen "127.0.0.1:$port" >"$work/demo.log" 2>&1 &
demo_pid=$!
trap 'kill "$demo_pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do
    curl -sk -o /dev/null "$url/v8/token" && break
    sleep 0.1
done

export VBO_RESTORE_PASSWORD=demo
json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)[sys.argv[1]])" "$1"; }
located=$("$client" --url "$url" --insecure --onedrive "$owner" --item "$large" --locate)
session=$(json_field session <<<"$located")
onedrive=$(json_field onedrive <<<"$located")
document=$(json_field document <<<"$located")
size=$(json_field sizeBytes <<<"$located")
small=$("$client" --url "$url" --insecure --onedrive "$owner" --find-size 1900000..2300000)
token=$(curl -sk -d grant_type=password -d username=helpdesk -d password=demo \
    -d disable_antiforgery_token=true "$url/v8/token" | json_field access_token)
save_url="$url/v8/RestoreSessions/$session/Organization/OneDrives/$onedrive/Documents/$document/save"

# Prints "<wall seconds> <max RSS KiB> <user+system CPU seconds>" from a /usr/bin/time -v report.
measure() {
    python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
seconds = 0.0
for part in wall.split(":"):
    seconds = seconds * 60 + float(part)
rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)
cpu = sum(float(re.search(p + r" time \(seconds\): (\S+)", text).group(1)) for p in ("User", "System"))
print(seconds, rss, round(cpu, 2))
PY
}

run_curl() {
    rm -f "$work/curl.bin"
    /usr/bin/time -v -o "$work/curl.time" curl -sk --http1.1 -o "$work/curl.bin" -X POST \
        -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
        -d '{"asZip":false}' "$save_url"
    test "$(stat -c %s "$work/curl.bin")" = "$size"
    measure "$work/curl.time"
}

run_client() {
    rm -rf "$work/client"
    /usr/bin/time -v -o "$work/client.time" "$client" --url "$url" --insecure \
        --onedrive "$owner" --item "$1" --out "$work/client" "${@:2}" >"$work/client.json"
    measure "$work/client.time"
}

best_curl=999999 best_client=999999 curl_rss=0 client_rss=0
for round in $(seq "$rounds"); do
    read -r c_s c_rss c_cpu < <(run_curl)
    read -r v_s v_rss v_cpu < <(run_client "$large")
    saved=$(json_field bytes <"$work/client.json")
    test "$saved" = "$size"
    cmp -s "$work/curl.bin" "$(json_field path <"$work/client.json")" || {
        echo "the client's file differs from curl's" >&2
        exit 1
    }
    inner=$(json_field seconds <"$work/client.json")
    echo "round $round: curl ${c_s}s (CPU ${c_cpu}s, ${c_rss} KiB)," \
        "client ${v_s}s (CPU ${v_cpu}s, ${v_rss} KiB; save alone ${inner}s)"
    best_curl=$(python3 -c "print(min($best_curl, $c_s))")
    best_client=$(python3 -c "print(min($best_client, $v_s))")
    curl_rss=$c_rss client_rss=$(python3 -c "print(max($client_rss, $v_rss))")
done
read -r small_s small_rss _ < <(run_client "$small")
read -r multi_s multi_large_rss multi_cpu < <(run_client "$large" --multi-thread)
read -r _ multi_small_rss _ < <(run_client "$small" --multi-thread)
echo "multi-threaded runtime: 2 GiB in ${multi_s}s (CPU ${multi_cpu}s)"
echo "multi-threaded runtime: peak RSS $multi_large_rss KiB for 2 GiB," \
    "$multi_small_rss KiB for the small document"

python3 - "$size" "$best_curl" "$best_client" "$client_rss" "$curl_rss" "$small_rss" "$small" <<'PY'
import sys
size, curl_s, client_s = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
client_rss, curl_rss, small_rss, small = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
mib = size / 1048576
print(f"document: {size} bytes ({mib:.0f} MiB)")
print(f"curl:   {mib / curl_s:8.1f} MiB/s (best wall time {curl_s:.2f} s, peak RSS {curl_rss / 1024:.1f} MiB)")
print(f"client: {mib / client_s:8.1f} MiB/s (best wall time {client_s:.2f} s, whole process incl. login)")
print(f"ratio client/curl: {curl_s / client_s:.3f} (goal >= 0.95)")
print(f"client peak RSS: {client_rss / 1024:.1f} MiB for 2 GiB, {small_rss / 1024:.1f} MiB for {small!r} (goal < 32 MiB, no larger for 2 GiB)")
PY
