"""Chapter 14's claims with four seeds, scored on today's sets (512 + 64 flow pairs, one thread), into
nbs/results/claims, where chapter 14 reads them (the two-seed runs of 2026-11-30 and 12-01: nbs/results/claims-2seeds).
usage: python nbs/lab/claims-runs.py     one worker; start one a core:
  OMP_NUM_THREADS=1 nohup .venv/bin/python nbs/lab/claims-runs.py >> ~/mcjepa-runs/claims/worker0.log 2>&1 &
  OMP_NUM_THREADS=1 nohup .venv/bin/python nbs/lab/claims-runs.py >> ~/mcjepa-runs/claims/worker1.log 2>&1 &
(`UNTIL=12:30 OMP_NUM_THREADS=1 ...`: start no run that could not finish by 12:30, `run_queue.deadline`.)
The workers share one queue (`run_queue.work`): a variant's four seeds before the next variant's, the variants in the
order chapter 14's checks first name them (MC-JEPA, in most checks, first), a twin (the same configuration as a variant
before it) not at all. Run folders live in $RUNS (default ~/mcjepa-runs/claims, outside the work tree): a finished
run is re-scored from its weights, an interrupted one resumes from its last checkpoint, a result scored with today's
configuration and recipe is kept, and one of another configuration (the preset changed) is run again."""
import os, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from run_queue import work
from mcjepa.claims import CLAIM_RUNS, CLAIM_CHECKS, CLAIM_SEEDS, twin_of

def variants() -> list: # the variants to run, in the order the workers take them
    checked = [v for check in CLAIM_CHECKS for v in check[3:]] + list(CLAIM_RUNS)
    return [v for v in dict.fromkeys(checked) if twin_of(v) == v]

if __name__ == '__main__':
    repo = Path(__file__).resolve().parents[2]
    runs = Path(os.environ.get('RUNS', Path.home() / 'mcjepa-runs/claims'))
    results = repo / 'nbs/results/claims'
    work(lambda: [(v, v, s, results, runs, {}) for v in variants() for s in CLAIM_SEEDS])
