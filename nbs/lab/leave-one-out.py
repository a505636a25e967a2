"""The CPU preset's deviations, one left out at a time: M-JEPA at 128×192 (`m-jepa-cpu`, chapter 14's M-JEPA run)
with one field set back to the paper's value, trained and scored with chapter 14's recipe (`run_claim`: one thread,
the same scoring sets, results cached and runs resumable). Which deviations does the miniature need to learn?
usage: python nbs/lab/leave-one-out.py run [SEEDS]     one worker; start one a core, e.g.
  OMP_NUM_THREADS=1 nohup .venv/bin/python nbs/lab/leave-one-out.py run 0,1 >> ~/mcjepa-runs/loo-worker0.log 2>&1 &
       python nbs/lab/leave-one-out.py copy     copies every scored run's log.csv and diagnostics.jsonl beside
                                                its result, and writes each arm's arm.json
Results: nbs/results/leave-one-out/<switch>/<variant>/seed<k>.json; runs in $RUNS (default ~/mcjepa-runs/leave-one-out).
The workers share one queue (`queue`, taken by `run_queue.work`: each worker takes its first run neither finished
nor locked by another). In order: the baseline (no switch: `STUDY_BASE`, chapter 14's M-JEPA as it was, four seeds);
every arm's first seed; the second seeds of the arms whose first fell outside the baseline's range (where a second
can decide, the farthest first); the confirming run `only what it needs` (the CPU preset with every switch whose
first seed sat among the baseline's at the paper's value, one of the warm-up and the fallback and the speed's
deviation kept); the follow-ups' first seeds (`FOLLOW_UPS`); the main job's question, MC-JEPA (`mc-jepa-cpu`) beside
MC-JEPA with the confirming run's fields; the follow-ups' second seeds; last the second seeds of the arms whose
first sat among the baseline's."""
import os, sys, shutil, json
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from run_queue import work
from mcjepa.claims import claim_value, CLAIM_SEEDS
from mcjepa.core import TABLE8_VAR, TABLE8_COV

# The study's base: `m-jepa-cpu` as it was while the study ran (2026-12-03 to 12-07), drop path 0 and the fallback at
# one half. The study's answer took both out of the CPU presets; its runs keep the preset they measured, so that this
# script finds them finished and reproduces any of them.
STUDY_BASE = dict(drop_path_rate=0., occ_min_visible=0.5)

LEAVE_ONE_OUT = {  # switch -> the paper's value of one field the CPU preset changes (Tables 6-8; chapter 09)
    'bilinear warps': dict(warp_mode='bilinear'),
    'no mask warm-up': dict(occlusion_warmup_epochs=0),
    'no fallback': dict(occ_min_visible=0.),
    'output scale 20': dict(output_scale=20.),
    'raw cost volume': dict(corr_norm='none'),
    'L_reg into the encoder': dict(reg_detach='none'),
    "paper's flow lr": dict(flow_lr=1e-4, flow_end_lr=None),
    # the warm-up and the fallback each rescue the first flow steps the other leaves out (their runs' logs): both out
    'neither mask warm-up nor fallback': dict(occlusion_warmup_epochs=0, occ_min_visible=0.),
    'drop path 0.1': dict(drop_path_rate=0.1),
    'every level out': dict(output_level=None),
}

def folder_of(switch:str) -> str:  # results/<folder>/M-JEPA
    return switch.replace(' ', '_').replace("'", '').replace(',', '').replace('×', 'x')

def ratio(result:Path) -> float: return claim_value(json.loads(result.read_text()), 'epe')  # EPE ÷ zero flow

def outside_baseline(repo:Path, name:str, seed:int) -> float:
    "How far the arm's `seed` lies outside the baseline's four seeds (EPE ÷ zero flow), 0 if among them or not run."
    res = repo / 'nbs/results/leave-one-out' / folder_of(name) / 'M-JEPA' / f'seed{seed}.json'
    base = [ratio(f) for f in (repo / 'nbs/results/leave-one-out/baseline/M-JEPA').glob('seed*.json')]
    if not res.exists() or not base: return 0.
    r = ratio(res)
    return max(r - max(base), min(base) - r, 0.)

NEEDED_ONLY_NAME = 'only what it needs'
ONE_OF = ('no mask warm-up', 'no fallback')  # leaving both out costs (0.79×): the first stays, the second goes
FOR_SPEED = ('every level out',)  # stays whatever it shows: the finest levels double the step's time on CPU

def needed_only(repo:Path, seed:int=0) -> dict:
    "The paper's values of every switch whose `seed` sat among the baseline's, but the first of `ONE_OF`, `FOR_SPEED`."
    idle = [n for n in LEAVE_ONE_OUT if n not in (*ONE_OF[:1], *FOR_SPEED, 'neither mask warm-up nor fallback')
            and (repo / 'nbs/results/leave-one-out' / folder_of(n) / 'M-JEPA' / f'seed{seed}.json').exists()
            and outside_baseline(repo, n, seed) == 0]
    return {k: v for n in idle for k, v in LEAVE_ONE_OUT[n].items()}

# Why L_reg into the encoder traps M-JEPA (its seed 0's diagnostics): the encoder makes X_t and X_t+1 agree without any
# flow, first by shrinking the features (L1-L4 std ≤ 0.2 at step 64: L_reg -0.64, Table 8's variance terms +0.013),
# then by features of few directions (L4 effective rank 30 -> 4, where Table 8 has no covariance term). Is it the
# variance weights? With them ×100 the first escape costs more than it gains; the second stays open.
VAR_X100 = tuple(100 * v for v in TABLE8_VAR)
# Its seed 0 (2026-12-07): the features keep their spread but lose rank (L3, L4 effective rank 56 -> 6, 30 -> 8) and
# the run is trapped as before. The second arm shuts that way too, with a covariance term at every level.
FOLLOW_UPS = {'L_reg into the encoder, Var ×100': dict(reg_detach='none', var_coeffs=VAR_X100),
              'L_reg into the encoder, Var ×100, Cov everywhere': dict(reg_detach='none', var_coeffs=VAR_X100,
                                                                        cov_coeffs=(TABLE8_COV[0],) * 6)}

def switches(repo:Path) -> dict: # arm -> the fields it sets (the confirming run's from the results so far)
    return {**LEAVE_ONE_OUT, NEEDED_ONLY_NAME: needed_only(repo), **FOLLOW_UPS}

def copy_logs(repo:Path, runs:Path):
    "Each scored run's logs beside its result (leave-one-out/<folder>/<variant>/seed<k>/); each arm's `arm.json`."
    arms = {BASELINE: ('nothing (the baseline)', {}), **{n: (n, sw) for n, sw in switches(repo).items()}}
    for arm, (name, switch) in arms.items():
        out, run_root = where(repo, runs, arm)
        for res in sorted(out.glob('*/seed*.json')):   # M-JEPA/, MC-JEPA/
            src, to = run_root / res.parent.name / res.stem, out / res.parent.name / res.stem
            if not (src / 'log.csv').exists(): continue
            to.mkdir(parents=True, exist_ok=True)
            for f in ('log.csv', 'diagnostics.jsonl'): shutil.copy(src / f, to / f)
            print(f"{src} -> {to}")
        if out.exists():
            (out / 'arm.json').write_text(json.dumps(dict(name=name, switch=switch, base=STUDY_BASE)) + '\n')

BASELINE = 'baseline'

def queue(repo:Path, seeds:list) -> list: # (arm, variant, seed, switch) in the order the workers take them
    "Every run of the study, the deciding ones first (see the module's doc), from the results so far."
    m = lambda n, s, sw: (n, 'M-JEPA', s, sw)
    later = sorted(LEAVE_ONE_OUT, key=lambda n: -outside_baseline(repo, n, seeds[0]))
    deciding = [n for n in later if outside_baseline(repo, n, seeds[0]) > 0]
    needed = needed_only(repo, seeds[0])
    return ([m(BASELINE, s, {}) for s in CLAIM_SEEDS] + [m(n, seeds[0], LEAVE_ONE_OUT[n]) for n in LEAVE_ONE_OUT]
            + [m(n, s, LEAVE_ONE_OUT[n]) for s in seeds[1:] for n in deciding]
            + [m(NEEDED_ONLY_NAME, s, needed) for s in seeds]
            + [m(n, seeds[0], sw) for n, sw in FOLLOW_UPS.items()]
            + [(BASELINE, 'MC-JEPA', s, {}) for s in seeds]             # does the main job need them?
            + [(NEEDED_ONLY_NAME, 'MC-JEPA', s, needed) for s in seeds]
            + [m(n, s, sw) for n, sw in FOLLOW_UPS.items() for s in seeds[1:]]
            + [m(n, s, LEAVE_ONE_OUT[n]) for s in seeds[1:] for n in later if n not in deciding])

def where(repo:Path, runs:Path, name:str) -> tuple: # (results folder, runs folder) of one arm
    return repo / 'nbs/results/leave-one-out' / folder_of(name), runs / folder_of(name)

def runs_of(repo:Path, runs:Path, seeds:list) -> list: # the queue as `run_queue.work` takes it
    return [(name, variant, seed, *where(repo, runs, name), {**STUDY_BASE, **switch})
            for name, variant, seed, switch in queue(repo, seeds)]

if __name__ == '__main__':
    repo = Path(__file__).resolve().parents[2]
    runs = Path(os.environ.get('RUNS', Path.home() / 'mcjepa-runs/leave-one-out'))
    if sys.argv[1] == 'copy': sys.exit(copy_logs(repo, runs))
    if sys.argv[1] != 'run': sys.exit(__doc__)
    seeds = [int(s) for s in (sys.argv[2] if len(sys.argv) > 2 else '0,1').split(',')]
    work(lambda: runs_of(repo, runs, seeds))
