#!/usr/bin/env bash
# Applicant matching benchmark (not a test): generates N labelled applicants with the repo's generator,
# backfills them with resolve-applicants on the packaged jar under -Xmx2g, then measures incremental match
# latency (HdrHistogram) for Q further records against that registry, as the hub does after a restart.
# Writes bench/results/applicant.json (or $OUT). Usage: bench/applicant/run.sh [N] (default 1000000); env QUERIES, SEED,
# JAR, OUT, MATCH_ONLY=1 (repeat only the incremental measurement on the last run's registry).
set -euo pipefail
cd "$(dirname "$0")/../.."

N=${1:-1000000}
Q=${QUERIES:-10000}
SEED=${SEED:-4243}
WORK=bench/work/applicant
OUT=${OUT:-bench/results/applicant.json}
mkdir -p "$(dirname "$OUT")"
JAR=${JAR:-target/simpul.jar}

if [ ! -f "$JAR" ]; then
  mvn -B -q -DskipTests package
fi
if [ "${MATCH_ONLY:-0}" != 1 ]; then
rm -rf "$WORK"
mkdir -p "$WORK"

echo "== generate $N records (seed $SEED)"
java -jar "$JAR" generate-applicants --seed "$SEED" --count "$N" --out "$WORK/all.jsonl" --truth "$WORK/truth.csv"
head -n "$N" "$WORK/all.jsonl" > "$WORK/registry.jsonl"
head -n $((N + 1)) "$WORK/truth.csv" > "$WORK/registry-truth.csv"

echo "== resolve-applicants on $N records, -Xmx2g"
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
/usr/bin/time -f "max_rss_kib %M" -o "$WORK/resolve.time" \
  java -Xmx2g -jar "$JAR" resolve-applicants --in "$WORK/registry.jsonl" --out "$WORK/clusters.csv" \
  --store "$WORK/store" --progress-every 100000 | tee "$WORK/resolve.log"
LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg)

echo "== accuracy of the backfill"
java -jar "$JAR" evaluate --truth "$WORK/registry-truth.csv" --clusters "$WORK/clusters.csv" | tee "$WORK/evaluate.log"
echo "$LOAD_BEFORE $LOAD_AFTER" > "$WORK/load.txt"
fi
# MATCH_ONLY=1 repeats only the incremental part on the registry of the last run.
read -r LOAD_BEFORE LOAD_AFTER < "$WORK/load.txt"

echo "== incremental matching: $Q records against the $N-record registry, -Xmx2g"
# Queries: half are new applicants (another seed), half re-enter applicants already in the registry (registry
# records under a new sourceRef, so they are matched, not recognised as re-sends). The measurement runs on a
# copy of the store, so it can be repeated (MATCH_ONLY=1) against the same registry.
java -jar "$JAR" generate-applicants --seed $((SEED + 1)) --count $((Q / 2)) --out "$WORK/new.jsonl" \
  --truth "$WORK/new-truth.csv" > /dev/null
python3 - "$WORK" "$Q" <<'PY'
import random, sys
work, q = sys.argv[1], int(sys.argv[2])
lines = open(f"{work}/registry.jsonl").read().splitlines()
rnd = random.Random(42)
again = [l.replace('"sourceRef":"', '"sourceRef":"requery:', 1) for l in rnd.sample(lines, q - q // 2)]
new = open(f"{work}/new.jsonl").read().splitlines()[: q // 2]
mixed = again + new
rnd.shuffle(mixed)
open(f"{work}/queries.jsonl", "w").write("\n".join(mixed) + "\n")
PY
rm -rf "$WORK/store-match"
cp -r "$WORK/store" "$WORK/store-match"
java -Xmx2g -jar "$JAR" bench-applicant-match --store "$WORK/store-match" --queries "$WORK/queries.jsonl" \
  --warmup 1000 --json "$WORK/match.json" | tee "$WORK/match.log"
rm -rf "$WORK/store-match"

python3 - "$WORK" "$OUT" "$N" "$Q" "$SEED" "$LOAD_BEFORE" "$LOAD_AFTER" <<'PY'
import json, re, sys, subprocess, os
work, out, n, q, seed, load_before, load_after = sys.argv[1:]
resolve = open(os.path.join(work, "resolve.log")).read()
done = re.search(r"done: (\d+) records.*?, (\d+) masters, links SAME (\d+) / MAYBE (\d+) / DIFFERENT (\d+), (\d+) merges.*?([\d.]+) s, (\d+) records/s, heap peak (\d+) MiB", resolve)
live = re.search(r"heap live after GC (\d+) MiB", resolve)
ev = open(os.path.join(work, "evaluate.log")).read()
pair = re.search(r"pairwise\s+precision ([\d.]+)\s+recall ([\d.]+)\s+F1 ([\d.]+)", ev)
b3 = re.search(r"B-cubed\s+precision ([\d.]+)\s+recall ([\d.]+)\s+F1 ([\d.]+)", ev)
match = json.load(open(os.path.join(work, "match.json")))
rss = int(re.search(r"max_rss_kib (\d+)", open(os.path.join(work, "resolve.time")).read()).group(1))
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
result = {
    "b3_match_p99_ms_at_1m": match["p99_ms"],
    "b3_batch_records_per_s": int(done.group(8)),
    "b3_heap_max_mib": max(int(done.group(9)), int(match["heap_peak_mib"])),
    "registry_records": int(n),
    "queries": int(q),
    "seed": int(seed),
    "match_p50_ms": match["p50_ms"],
    "match_p99_match_only_ms": match["p99_match_only_ms"],
    "match_p50_cpu_ms": match.get("p50_match_cpu_ms"),
    "match_p99_cpu_ms": match.get("p99_match_cpu_ms"),
    "load_average_during_match": float(open("/proc/loadavg").read().split()[0]),
    "registry_load_seconds": match["load_seconds"],
    "batch_seconds": float(done.group(7)),
    "batch_masters": int(done.group(2)),
    "batch_review_items": int(done.group(4)),
    "batch_merges": int(done.group(6)),
    "heap_live_after_gc_mib": int(live.group(1)) if live else None,
    "batch_process_max_rss_mib": rss // 1024,
    "pairwise_precision": float(pair.group(1)), "pairwise_recall": float(pair.group(2)), "pairwise_f1": float(pair.group(3)),
    "b3_precision": float(b3.group(1)), "b3_recall": float(b3.group(2)), "b3_f1": float(b3.group(3)),
    "xmx": "2g",
    "cores": os.cpu_count(),
    "load_average_before_after_batch": [float(load_before), float(load_after)],
    "commit": commit,
}
json.dump(result, open(out, "w"), indent=2)
print(json.dumps(result, indent=2))
PY
