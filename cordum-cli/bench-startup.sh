#!/bin/bash
# Start-up of `cordumctl --help` (docs/benchmarks.md#cordumctl-start-up), best and median of N
# runs, wall and CPU (user+sys), beside the floor of a bare JVM. Build the distribution first:
#   ./mvnw -B -q -pl cordum-cli -am -DskipTests package && cordum-cli/bench-startup.sh
set -e
n=${N:-15}
dist=$(cd "$(dirname "$0")" && pwd)/target/cordumctl
export XDG_CACHE_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_CACHE_HOME"' EXIT
TIMEFORMAT='%R %U %S'
run() {
  local label=$1; shift
  for i in $(seq "$n"); do { time "$@" >/dev/null 2>&1; } 2>&1; done |
    awk '{print int($1*1000), int(($2+$3)*1000)}' | sort -n |
    awk -v l="$label" '{w[NR]=$1; c[NR]=$2} END {printf "%-40s wall best %4d ms, median %4d ms; cpu median %4d ms\n", l, w[1], w[int((NR+1)/2)], c[int((NR+1)/2)]}'
}
"$dist/bin/cordumctl" --help >/dev/null   # the first run writes the class-data archive
run "floor: java -version (C1, serial GC)" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -version
run "java -jar cordumctl.jar --help" java -jar "$dist/lib/cordumctl.jar" --help
run "cordumctl --help (launcher, no CDS)" env CORDUMCTL_CDS=0 "$dist/bin/cordumctl" --help
run "cordumctl --help (launcher, CDS)" "$dist/bin/cordumctl" --help
run "cordumctl job submit --help (CDS)" "$dist/bin/cordumctl" job submit --help
