#!/usr/bin/env bash
# Runs every Simpul benchmark on this machine, prints a table and writes bench/results/latest.json.
#   bench/run.sh            full run (21 minutes on the first 2-core machine, 41 on the slower VM; B2 and B4 each push 100,000)
#   bench/run.sh --quick    tiny sizes: checks the harness in a few minutes (writes bench/work/quick.json)
#   bench/run.sh --help     all options
# Builds the hub jar (mvn package in the repository root) if it is missing, or with --rebuild.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"

args=()
rebuild=0
for a in "$@"; do
  if [ "$a" = "--rebuild" ]; then rebuild=1; else args+=("$a"); fi
done

if [ "$rebuild" = 1 ] || [ ! -f "$ROOT/target/simpul.jar" ] || [ ! -f "$ROOT/target/simpul.jar.original" ]; then
  echo "[bench] building the hub: mvn -B -q -DskipTests package (in $ROOT)"
  (cd "$ROOT" && mvn -B -q -DskipTests package)
fi
if [ "$rebuild" = 1 ] || [ ! -d "$HERE/target/classes/id/simpul/bench" ] || [ ! -d "$HERE/target/lib" ] \
   || [ -n "$(find "$HERE/src/main" "$HERE/pom.xml" -newer "$HERE/target/classes/id/simpul/bench/BenchMain.class" -print -quit 2>/dev/null)" ]; then
  echo "[bench] building the benchmark module: mvn -B -q -DskipTests package (in $HERE)"
  (cd "$HERE" && mvn -B -q -DskipTests package)
fi

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cd "$ROOT"
exec "$JAVA" -Xmx3g -XX:+UseParallelGC \
  -cp "$HERE/target/classes:$HERE/target/lib/*:$ROOT/target/simpul.jar.original" \
  id.simpul.bench.BenchMain --root="$ROOT" ${args[@]+"${args[@]}"}
