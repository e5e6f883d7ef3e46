#!/usr/bin/env bash
# Measures the emulator: how long `vbo-restore demo` takes to serve the whole demo tenant,
# and how fast curl pulls the 2.25 GiB document over loopback HTTPS (HTTP/1.1 and HTTP/2),
# with the emulator's peak memory while it streams.
#
# Usage: bench/emulator.sh [path/to/vbo-restore]   (default: a release build, made if missing)
# Needs curl and jq.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-${CARGO_TARGET_DIR:-$here/target}/release/vbo-restore}"
if [[ ! -x "$bin" ]]; then
    (cd "$here" && cargo build --release --bin vbo-restore)
fi

out="$(mktemp)"
cleanup() {
    [[ -n "${pid:-}" ]] && kill "$pid" 2>/dev/null || true
    rm -f "$out"
}
trap cleanup EXIT

# Startup: from exec to the first line, which is printed once the tenant is built and the
# listener is bound, and then to the first answered API request.
start_ns=$(date +%s%N)
"$bin" demo --listen 127.0.0.1:0 >"$out" &
pid=$!
until grep -q '^listening on ' "$out" 2>/dev/null; do sleep 0.005; done
listen_ns=$(date +%s%N)
url="$(head -1 "$out" | sed 's/^listening on //')"
token=$(curl -sk "$url/v8/token" -d grant_type=password -d username=helpdesk -d password=demo \
    -d disable_antiforgery_token=true | jq -r .access_token)
ready_ns=$(date +%s%N)
echo "startup: first line after $(( (listen_ns - start_ns) / 1000000 )) ms, first login answered after $(( (ready_ns - start_ns) / 1000000 )) ms"

auth=(-H "Authorization: Bearer $token" -H "Content-Type: application/json")
org=$(curl -sk "${auth[@]}" "$url/v8/Organizations" | jq -r '.results[0].id')
session=$(curl -sk "${auth[@]}" -d '{"type":"Veod"}' "$url/v8/Organizations/$org/explore" | jq -r .id)
drives="$url/v8/RestoreSessions/$session/Organization/OneDrives"
drive=$(curl -sk "${auth[@]}" "$drives?limit=100" | jq -r '.results[] | select(.name=="Nestor Wilke") | .id')
video=$(curl -sk "${auth[@]}" "$drives/$drive/Folders?parentId=root" | jq -r '.results[] | select(.name=="Video") | .id')
doc=$(curl -sk "${auth[@]}" "$drives/$drive/Documents?parentId=$video" | jq -r '.results[0].id')
size=$(curl -sk "${auth[@]}" "$drives/$drive/Documents/$doc" | jq -r .sizeBytes)
echo "document: $size bytes"

# CPU seconds (user + system) a process has used so far.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }

echo "load average before the downloads: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for proto in --http1.1 --http2; do
    before=$(cpu_of "$pid")
    times="$(mktemp)"
    read -r bytes seconds speed < <( { /usr/bin/time -f '%U %S' -o "$times" curl -sk "$proto" "${auth[@]}" \
        -d '{"asZip":false}' -o /dev/null -w '%{size_download} %{time_total} %{speed_download}\n' \
        "$drives/$drive/Documents/$doc/save"; } )
    after=$(cpu_of "$pid")
    [[ "$bytes" == "$size" ]] || { echo "short download: $bytes of $size bytes" >&2; exit 1; }
    curl_cpu=$(awk '{printf "%.2f", $1 + $2}' "$times"); rm -f "$times"
    emu_cpu=$(awk -v a="$after" -v b="$before" 'BEGIN {printf "%.2f", a - b}')
    echo "curl $proto: $bytes bytes in ${seconds} s = $(( ${speed%.*} / 1048576 )) MiB/s" \
        "(CPU: emulator ${emu_cpu} s, curl ${curl_cpu} s)"
done
echo "emulator peak memory: $(grep VmHWM /proc/$pid/status | awk '{print $2 " " $3}')"
