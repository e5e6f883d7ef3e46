#!/usr/bin/env bash
# Throughput of a 2 GiB save through the task runner (`vbo-restore save`) as a ratio to curl
# pulling the same document from the same emulator in the same run, and the peak resident
# memory of `vbo-restore` while three such saves run at once.
#
# Usage: bench/runner_vs_curl.sh [ROUNDS]   (default 2 rounds; the best of each side counts)
# Needs: curl, python3, GNU time (/usr/bin/time), ~7 GiB free in $TMPDIR.
set -euo pipefail

cd "$(dirname "$0")/.."
ROUNDS=${1:-2}
PORT=${BENCH_PORT:-18443}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}

cargo build --release --quiet --bin vbo-restore
BIN=$CARGO_TARGET_DIR/release/vbo-restore
WORK=$(mktemp -d)
DEMO_PID=

cleanup() {
    if [[ -n $DEMO_PID ]]; then kill "$DEMO_PID" 2>/dev/null || true; wait "$DEMO_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

"$BIN" demo --listen "127.0.0.1:$PORT" >"$WORK/demo.out" 2>&1 &
DEMO_PID=$!
for _ in $(seq 100); do
    grep -q '^certificate fingerprint:' "$WORK/demo.out" 2>/dev/null && break
    sleep 0.1
done
URL=https://127.0.0.1:$PORT
FP=$(sed -n 's/^certificate fingerprint: //p' "$WORK/demo.out")
[[ -n $FP ]] || { cat "$WORK/demo.out"; echo "the emulator did not start" >&2; exit 1; }

export VBO_RESTORE_PASSWORD=demo
CLI=("$BIN" --url "$URL" --user helpdesk --fingerprint "$FP")
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

ORG=$("${CLI[@]}" orgs --json | json 'd[0]["id"]')
SESSION=$("${CLI[@]}" explore "$ORG" --json | json 'd[0]["id"]')
ONEDRIVE=$("${CLI[@]}" onedrives "$SESSION" --json |
    json '[o["id"] for o in d if o["name"]=="Nestor Wilke"][0]')
DOC_JSON=$("${CLI[@]}" ls "$SESSION" "$ONEDRIVE" Video --json)
DOC=$(echo "$DOC_JSON" | json '[i["id"] for i in d if i["name"].endswith(".mov")][0]')
SIZE=$(echo "$DOC_JSON" | json '[i["sizeBytes"] for i in d if i["name"].endswith(".mov")][0]')

TOKEN=$(curl -sk "$URL/v8/token" -d grant_type=password -d username=helpdesk -d password=demo \
    -d disable_antiforgery_token=true | json 'd["access_token"]')
SAVE_URL="$URL/v8/RestoreSessions/$SESSION/Organization/OneDrives/$ONEDRIVE/Documents/$DOC/save"

now() { date +%s.%N; }
best_curl=0
best_synced=0
best_runner=0
for round in $(seq "$ROUNDS"); do
    start=$(now)
    curl -sk --fail -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d '{"asZip":false}' -o "$WORK/curl.bin" "$SAVE_URL"
    curl_s=$(python3 -c "print($(now) - $start)")
    [[ $(stat -c %s "$WORK/curl.bin") == "$SIZE" ]] || { echo "curl got a short file" >&2; exit 1; }
    # The runner fsyncs before it renames the .part; curl does not. Also time curl + fsync.
    python3 -c "import os,sys; fd=os.open(sys.argv[1], os.O_RDONLY); os.fsync(fd)" "$WORK/curl.bin"
    synced_s=$(python3 -c "print($(now) - $start)")
    rm -f "$WORK/curl.bin"

    mkdir -p "$WORK/runner"
    start=$(now)
    "${CLI[@]}" save "$SESSION" "$ONEDRIVE" "$DOC" --out "$WORK/runner" >/dev/null
    runner_s=$(python3 -c "print($(now) - $start)")
    saved=$(find "$WORK/runner" -type f -name '*.mov' -printf '%s\n')
    [[ $saved == "$SIZE" ]] || { echo "the runner saved $saved bytes, not $SIZE" >&2; exit 1; }
    rm -rf "$WORK/runner"

    read -r curl_mibs synced_mibs runner_mibs < <(python3 -c \
        "print($SIZE/2**20/$curl_s, $SIZE/2**20/$synced_s, $SIZE/2**20/$runner_s)")
    printf 'round %s: curl %.0f MiB/s, curl+fsync %.0f MiB/s, runner %.0f MiB/s (ratio %.3f)\n' \
        "$round" "$curl_mibs" "$synced_mibs" "$runner_mibs" \
        "$(python3 -c "print($runner_mibs / $curl_mibs)")"
    best_curl=$(python3 -c "print(max($best_curl, $curl_mibs))")
    best_synced=$(python3 -c "print(max($best_synced, $synced_mibs))")
    best_runner=$(python3 -c "print(max($best_runner, $runner_mibs))")
done

mkdir -p "$WORK/three"
/usr/bin/time -f '%M' -o "$WORK/rss" \
    "${CLI[@]}" save "$SESSION" "$ONEDRIVE" "$DOC" "$DOC" "$DOC" --out "$WORK/three" >/dev/null
files=$(find "$WORK/three" -type f -name '*.mov' | wc -l)
[[ $files == 3 ]] || { echo "three saves made $files files" >&2; exit 1; }
peak_kib=$(tail -n1 "$WORK/rss")

python3 - "$best_curl" "$best_runner" "$peak_kib" "$SIZE" "$best_synced" <<'EOF'
import sys
curl, runner, peak_kib, size = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
synced = float(sys.argv[5])
print(f"document: {size} bytes ({size / 2**30:.2f} GiB)")
print(f"curl:   {curl:.0f} MiB/s (best of rounds)")
print(f"runner: {runner:.0f} MiB/s (best of rounds)")
print(f"ratio runner/curl: {runner / curl:.3f} (goal >= 0.95)")
print(f"ratio runner/(curl + fsync): {runner / synced:.3f}")
print(f"peak RSS, three saves at once: {peak_kib / 1024:.1f} MiB (goal < 64 MiB)")
EOF
