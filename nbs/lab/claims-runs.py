"""Chapter 14's claims with four seeds, scored on today's sets (512 + 64 flow pairs, one thread), into
nbs/results/claims, where chapter 14 reads them (the two-seed runs of 2026-11-30 and 12-01: nbs/results/claims-2seeds).
usage: python nbs/lab/claims-runs.py     one worker; start one a core:
  OMP_NUM_THREADS=1 nohup .venv/bin/python nbs/lab/claims-runs.py >> ~/mcjepa-runs/claims/worker0.log 2>&1 &
  OMP_NUM_THREADS=1 nohup .venv/bin/python nbs/lab/claims-runs.py >> ~/mcjepa-runs/claims/worker1.log 2>&1 &
(`UNTIL=12:30 OMP_NUM_THREADS=1 ...`: start no run that could not finish by 12:30, `run_queue.deadline`.)
The workers share one queue (`run_queue.work`): a variant's four seeds before the next variant's, the variants in the
order chapter 14's checks first name them (MC-JEPA, in most checks, first; `MECHANISM_TEST` moved up), a twin (the
same configuration as a variant before it) not at all. Run folders live in $RUNS (default ~/mcjepa-runs/claims,
outside the work tree): a finished run is re-scored from its weights, an interrupted one resumes from its last
checkpoint, a result scored with today's configuration and recipe is kept, and one of another configuration (the
preset changed) is run again."""
import os, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from run_queue import work
from mcjepa.claims import CLAIM_RUNS, CLAIM_CHECKS, CLAIM_SEEDS, twin_of

# Moved up on 2026-12-07, after VC: none: α = 1 tests the mechanism the partway reading gives for MC-JEPA's flow losing
# to M-JEPA's (at α = 0.1 the flow sends the encoder ~1 % of its gradient, so the encoder is VICReg's).
MECHANISM_TEST = 'flow_alpha=1'
# Moved down later on 2026-12-07: its one check is on mIoU, which the content probe cannot test yet (every encoder and
# colour score the floor), so the variants whose checks can give a verdict go first.
MIOU_ONLY = 'VC warm-up: 1 epoch'

def variants() -> list: # the variants to run, in the order the workers take them
    checked = [v for check in CLAIM_CHECKS for v in check[3:]] + list(CLAIM_RUNS)
    order = [v for v in dict.fromkeys(checked) if twin_of(v) == v]
    order.remove(MECHANISM_TEST)
    order.insert(order.index('VC: none') + 1, MECHANISM_TEST)
    order.remove(MIOU_ONLY)
    order.insert(order.index('flow_alpha=10'), MIOU_ONLY)
    return order

if __name__ == '__main__':
    repo = Path(__file__).resolve().parents[2]
    runs = Path(os.environ.get('RUNS', Path.home() / 'mcjepa-runs/claims'))
    results = repo / 'nbs/results/claims'
    work(lambda: [(v, v, s, results, runs, {}) for v in variants() for s in CLAIM_SEEDS])
