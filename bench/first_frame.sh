#!/usr/bin/env bash
# Measures the console as a user meets it, whole process: how long `vbo-restore --demo` takes
# from exec to its first drawn frame and to the restore sessions on screen, and how much CPU it
# then uses while left alone.
#
# Each run starts the binary in a private tmux server at 120x40 with a private HOME and XDG
# folders, and reads the pane every few milliseconds (`tmux capture-pane`) until text appears
# (the first frame) and until a restore session row appears (the sessions pane, listed from the
# in-process demo server). After the last run the console gets one second to settle and is
# then left untouched for IDLE_SECS seconds (default 10) and the CPU it used meanwhile is read from /proc: utime+stime of the
# process from /proc/PID/stat (in clock ticks, so 10 ms steps), and the run time of its threads
# from /proc/PID/task/*/schedstat (nanoseconds). The binary is exec'd by the pane's shell, so
# the pane's pid is the program's.
#
# Usage: bench/first_frame.sh [path/to/vbo-restore] [RUNS]   (defaults: a release build, made
# if missing, and 10 runs). Needs tmux. Prints the median and best of each time, the idle CPU,
# and the load average.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-${CARGO_TARGET_DIR:-$here/target}/release/vbo-restore}"
runs="${2:-10}"
idle_secs="${IDLE_SECS:-10}"
if [[ ! -x "$bin" ]]; then
    (cd "$here" && cargo build --release --bin vbo-restore)
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

home="$(mktemp -d)"
socket=""
cleanup() {
    [[ -n "$socket" ]] && tmux -L "$socket" kill-server 2>/dev/null || true
    rm -rf "$home"
}
trap cleanup EXIT

pane() { tmux -L "$socket" "$@"; }
now_ns() { date +%s%N; }

# One run in its own tmux server, named by `socket`: answers "FIRST_FRAME_MS SESSIONS_MS" and
# leaves the console running.
run_once() {
    rm -rf "$home" && mkdir -p "$home"
    # An idle pane first, so that starting the tmux server is not counted.
    tmux -L "$socket" -f /dev/null new-session -d -x 120 -y 40 "sleep 600" ||
        { echo "tmux did not start" >&2; return 1; }
    local start first="" sessions="" screen
    start=$(now_ns)
    pane respawn-pane -k -t 0 "exec env HOME='$home' XDG_CONFIG_HOME='$home/config' \
XDG_DATA_HOME='$home/data' XDG_STATE_HOME='$home/state' XDG_CACHE_HOME='$home/cache' \
'$bin' --demo"
    while [[ -z "$sessions" ]]; do
        screen="$(pane capture-pane -p -t 0)" || { echo "the tmux server went away" >&2; return 1; }
        if [[ -z "$first" && -n "${screen//[[:space:]]/}" ]]; then
            first=$(( ($(now_ns) - start) / 1000000 ))
        fi
        if [[ "$screen" == *"OneDrive restore of"* ]]; then
            sessions=$(( ($(now_ns) - start) / 1000000 ))
        fi
        if (( ($(now_ns) - start) > 30000000000 )); then
            printf 'no restore session on screen after 30 s:\n%s\n' "$screen" >&2
            return 1
        fi
        sleep 0.005
    done
    echo "$first $sessions"
}

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
best() { sort -n | head -1; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
firsts=()
listed=()
for ((i = 1; i <= runs; i++)); do
    [[ -n "$socket" ]] && { tmux -L "$socket" kill-server 2>/dev/null || true; }
    socket="vbo-first-frame-$$-$i"
    result="$(run_once)"
    read -r first sessions <<<"$result"
    firsts+=("$first")
    listed+=("$sessions")
done
printf 'first frame: median %s ms, best %s ms (%s runs: %s)\n' \
    "$(printf '%s\n' "${firsts[@]}" | median)" "$(printf '%s\n' "${firsts[@]}" | best)" \
    "$runs" "${firsts[*]}"
printf 'sessions on screen: median %s ms, best %s ms (%s runs: %s)\n' \
    "$(printf '%s\n' "${listed[@]}" | median)" "$(printf '%s\n' "${listed[@]}" | best)" \
    "$runs" "${listed[*]}"

# Idle CPU of the last run's console, whole process (every thread, the demo server's too).
pid="$(pane display-message -p -t 0 '#{pane_pid}')"
[[ "$(readlink "/proc/$pid/exe")" == "$bin" ]] || { echo "pane $pid is not $bin" >&2; exit 1; }
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
run_ns() { cat /proc/"$pid"/task/*/schedstat | awk '{sum += $1} END {printf "%d", sum}'; }
sleep 1
ticks_before=$(ticks)
ns_before=$(run_ns)
sleep "$idle_secs"
ticks_after=$(ticks)
ns_after=$(run_ns)
hz=$(getconf CLK_TCK)
printf 'idle CPU over %s s: %s ms (threads run time), %s ms (utime+stime, %s ms steps)\n' \
    "$idle_secs" "$(awk -v a="$ns_after" -v b="$ns_before" 'BEGIN {printf "%.2f", (a - b) / 1e6}')" \
    "$(( (ticks_after - ticks_before) * 1000 / hz ))" "$(( 1000 / hz ))"
echo "threads: $(ls /proc/"$pid"/task | wc -l); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
