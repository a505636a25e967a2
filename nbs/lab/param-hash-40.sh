#!/usr/bin/env bash
# 40 steps of the default preset (one thread) with SRC_DIR's mcjepa, then the parameter hash of the run's weights:
# a refactor that keeps behaviour gives the same hash before and after, e.g.
#   git worktree add /tmp/base <commit before>; nbs/lab/param-hash-40.sh /tmp/base /tmp/h_base; nbs/lab/param-hash-40.sh . /tmp/h_new
# usage: nbs/lab/param-hash-40.sh SRC_DIR OUT_DIR
set -eu
py=${PY:-$(cd "$(dirname "$0")/../.." && pwd)/.venv/bin/python}
src=$(cd "$1" && pwd); out=$2
rm -rf "$out"
cd "$src"
PYTHONPATH="$src" OMP_NUM_THREADS=1 $py -m mcjepa.train --out "$out" --stop_step 40 --num_threads 1 --tensorboard false \
  --progress false > "$out.log" 2>&1
PYTHONPATH="$src" OMP_NUM_THREADS=1 $py -c "
try: from mcjepa.runs import load_model, param_hash        # since checkpoints moved to mcjepa.runs
except ImportError: from mcjepa.config import load_model, param_hash
print(param_hash(load_model('$out')))"
