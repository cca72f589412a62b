#!/usr/bin/env bash
# Whole-process benchmark of `vigil hunt` (issue 7): builds the CLI with the launcher, generates Linux Elastic Defend events with a
# fixed seed (or reuses them), then times `./vigil hunt` over them with no rules, with the Linux
# prebuilt rules and with the whole corpus (rules/ except _deprecated, + rules_building_block); prints events/s, the
# ratio to the no-rule run and peak memory. Installs nothing; says what is missing.
# The runs linux-load and corpus-load hunt over an empty input: what loading and compiling the rules
# costs before the first event, part of every run's time whatever the input's size.
#
# Usage: bench/hunt-bench.sh [--count N] [--rules DIR] [--corpus "DIR DIR..."] [--workdir DIR]
#                            [--runs no-rules,linux,corpus,linux-load,corpus-load]
# Environment: VIGIL_BENCH_COUNT, VIGIL_BENCH_RULES, VIGIL_BENCH_CORPUS, VIGIL_BENCH_WORKDIR,
#              VIGIL_JAVA_OPTS (passed to the JVM by ./vigil, e.g. -Xmx4g).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="$root/../shared/rules/detection-rules"
count="${VIGIL_BENCH_COUNT:-300000}"
rules="${VIGIL_BENCH_RULES:-$shared/rules/linux}"
# the supported corpus: every rules/ folder but _deprecated, and the building blocks
default_corpus="$(find "$shared/rules" -mindepth 1 -maxdepth 1 -type d ! -name _deprecated 2>/dev/null | sort | tr '\n' ' ')$shared/rules_building_block"
corpus="${VIGIL_BENCH_CORPUS:-$default_corpus}"
workdir="${VIGIL_BENCH_WORKDIR:-${TMPDIR:-/tmp}/vigil-bench}"
runs="no-rules,linux,corpus,linux-load,corpus-load"
seed=42

usage() { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --rules) rules="$2"; shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    --workdir) workdir="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "hunt-bench: unknown argument [$1]" >&2; usage >&2; exit 2 ;;
  esac
done

missing=0
command -v java >/dev/null || { echo "hunt-bench: missing: java (a JDK 17+)" >&2; missing=1; }
[ -d "$rules" ] || { echo "hunt-bench: missing: the Linux rules directory [$rules] (--rules or VIGIL_BENCH_RULES)" >&2; missing=1; }
for dir in $corpus; do
  [ -d "$dir" ] || { echo "hunt-bench: missing: corpus directory [$dir] (--corpus or VIGIL_BENCH_CORPUS)" >&2; missing=1; }
done
[ "$missing" = 0 ] || exit 2

# Peak memory: GNU time's "Maximum resident set size" when installed (Debian package `time`),
# else the largest RSS seen by polling ps every 0.2 s (less exact).
gnu_time=""
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
  gnu_time=/usr/bin/time
else
  echo "hunt-bench: /usr/bin/time (Debian package 'time') is missing; measuring peak RSS with ps polling" >&2
fi

mkdir -p "$workdir"
events="$workdir/linux-$count-seed$seed.ndjson"
empty="$workdir/no-rules"
mkdir -p "$empty"
no_events="$workdir/no-events.ndjson"
: > "$no_events"

# Build the CLI (the launcher builds on first use) and the generator (in the benchmarks jar).
echo "hunt-bench: building..." >&2
"$root/vigil" --version >/dev/null
# Time a private copy of the launcher's jar, run by the launcher itself (its JVM options included),
# so that a rebuild the launcher would start after a source edit is never inside a timed run.
cp "$root/vigil-cli/target/vigil.jar" "$workdir/vigil.jar"
vigil=(env VIGIL_JAR="$workdir/vigil.jar" "$root/vigil")
bench_jar="$root/vigil-bench/target/benchmarks.jar"
if [ ! -f "$bench_jar" ] || [ -n "$(find "$root/vigil-generator/src" "$root/vigil-bench/src" -newer "$bench_jar" -type f -print -quit)" ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package -pl vigil-bench -am) >&2
fi

if [ ! -s "$events" ]; then
  java -cp "$bench_jar" dev.vigil.generator.GenerateMain \
    --count "$count" --seed "$seed" --os linux --linux-hosts 20 --suspicious-rate 0.001 \
    --output "$events"
else
  echo "hunt-bench: reusing $events" >&2
fi
bytes=$(wc -c < "$events")

# The machine-wide CPU counters (/proc/stat's cpu line): total jiffies and those stolen by the
# hypervisor, for the share of each run a shared VM gave to others.
cpu_counters() {
  awk '/^cpu / {total = 0; for (i = 2; i <= NF; i++) total += $i; print total, $9}' /proc/stat 2>/dev/null || echo "0 0"
}

# time_run NAME EVENTS RULE-DIRS...: runs the hunt over EVENTS once, sets seconds, cpu_seconds,
# steal_pct, rss_kb, alerts, status
time_run() {
  local name="$1" input="$2"; shift 2
  local rule_args=()
  for dir in "$@"; do rule_args+=(--rules "$dir"); done
  local out="$workdir/$name.alerts.ndjson" err="$workdir/$name.stderr" timing="$workdir/$name.time"
  local start end before after
  before=$(cpu_counters)
  start=$(date +%s.%N)
  cpu_seconds="-"
  if [ -n "$gnu_time" ]; then
    status=0
    "$gnu_time" -v -o "$timing" "${vigil[@]}" hunt "${rule_args[@]}" --format ndjson --output "$out" "$input" 2> "$err" || status=$?
    rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$timing")
    cpu_seconds=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$timing")
  else
    "${vigil[@]}" hunt "${rule_args[@]}" --format ndjson --output "$out" "$input" 2> "$err" &
    local pid=$! peak=0 rss
    while kill -0 "$pid" 2>/dev/null; do
      for child in $pid $(pgrep -P "$pid" || true); do
        rss=$(ps -o rss= -p "$child" 2>/dev/null | tr -d ' ' || true)
        [ -n "$rss" ] && [ "$rss" -gt "$peak" ] && peak=$rss
      done
      sleep 0.2
    done
    status=0
    wait "$pid" || status=$?
    rss_kb=$peak
  fi
  end=$(date +%s.%N)
  after=$(cpu_counters)
  steal_pct=$(echo "$before $after" | awk '{d = $3 - $1; printf "%.0f", (d > 0 ? 100 * ($4 - $2) / d : 0)}')
  # exit 2 with a summary line means some rule files could not be loaded (reported on stderr) and
  # every other rule ran: the run is timed all the same; anything else is a failure
  if [ "$status" != 0 ]; then
    if [ "$status" = 2 ] && grep -q "alerts .* from [0-9]* rules over" "$err"; then
      echo "hunt-bench: $name: exit 2, $(grep -c ':[0-9]*:[0-9]*: ' "$err" || true) rule problems reported in $err; timed anyway" >&2
    else
      echo "hunt-bench: $name run failed (exit $status); see $err" >&2
      tail -5 "$err" >&2
      return 1
    fi
  fi
  seconds=$(awk "BEGIN {print $end - $start}")
  alerts=$(wc -l < "$out")
}

echo
echo "events: $count generated Linux events, seed $seed, $(awk "BEGIN {printf \"%.0f\", $bytes / $count}") bytes/event, $events"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo), $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '\n%-12s %10s %12s %8s %12s %8s %8s %8s\n' run seconds events/s ratio peak-RSS-MB alerts cpu-s steal%
baseline=""
IFS=',' read -r -a selected <<< "$runs"
for run in "${selected[@]}"; do
  case "$run" in
    no-rules) time_run no-rules "$events" "$empty" ;;
    linux) time_run linux "$events" "$rules" ;;
    corpus) # shellcheck disable=SC2086
      time_run corpus "$events" $corpus ;;
    linux-load) time_run linux-load "$no_events" "$rules" ;;
    corpus-load) # shellcheck disable=SC2086
      time_run corpus-load "$no_events" $corpus ;;
    *) echo "hunt-bench: unknown run [$run]" >&2; exit 2 ;;
  esac
  [ -z "$baseline" ] && [ "$run" = no-rules ] && baseline="$seconds"
  ratio="-"
  [ -n "$baseline" ] && ratio=$(awk "BEGIN {printf \"%.2f\", $seconds / $baseline}")
  rate="-"
  case "$run" in *-load) ;; *) rate=$(awk "BEGIN {printf \"%.0f\", $count / $seconds}") ;; esac
  printf '%-12s %10.2f %12s %8s %12.0f %8s %8s %8s\n' "$run" "$seconds" "$rate" "$ratio" \
    "$(awk "BEGIN {print $rss_kb / 1024}")" "$alerts" "$cpu_seconds" "$steal_pct"
done
echo
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg) (other processes on the machine skew the times)"
echo "cpu-s: the hunt's user + system CPU seconds (GNU time); steal%: the share of the machine's CPU"
echo "time the hypervisor gave to other guests during the run (a shared VM's noise)"
echo "per-run stderr (rule summary, warnings) and alerts are in $workdir"
