#!/usr/bin/env bash
# Chapter 14's claims with four seeds, scored on today's sets (512 + 64 flow pairs, one thread), into
# nbs/results/claims-4seeds (it replaces nbs/results/claims once every variant has its four seeds).
# usage: claims-runs.sh LANE [LANES]   runs the variants at positions LANE, LANE + LANES, ... of CLAIM_RUNS, e.g.
#   nohup nbs/lab/claims-runs.sh 0 2 >/dev/null 2>&1 &
#   nohup nbs/lab/claims-runs.sh 1 2 >/dev/null 2>&1 &
# Run folders live in $RUNS (default ~/mcjepa-runs/claims, outside the work tree, which a new session lays anew):
# a finished run is re-scored from its weights, an interrupted one resumes from its last checkpoint, and a result
# already scored with today's recipe is kept. One log per lane: $RUNS/lane<k>.log.
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
py=${PY:-$repo/.venv/bin/python}
lane=$1; lanes=${2:-2}
mkdir -p "${RUNS:=$HOME/mcjepa-runs/claims}"
cd "$repo"
variants=$($py -c "from mcjepa.claims import CLAIM_RUNS, twin_of
vs = [v for v in CLAIM_RUNS if twin_of(v) == v]   # a twin is the same run: one lane trains it
print(','.join(vs[$lane::$lanes]))")
echo "$(date -Is) lane $lane of $lanes: $variants" >> "$RUNS/lane$lane.log"
OMP_NUM_THREADS=1 exec $py -m mcjepa.claims --results nbs/results/claims-4seeds --runs "$RUNS" --only "$variants" \
  --seeds 0,1,2,3 >> "$RUNS/lane$lane.log" 2>&1
