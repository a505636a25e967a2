"""The CPU preset's deviations, one left out at a time: M-JEPA at 128×192 (`m-jepa-cpu`, chapter 14's M-JEPA run)
with one field set back to the paper's value, trained and scored with chapter 14's recipe (`run_claim`: one thread,
the same scoring sets, results cached and runs resumable). Which deviations does the miniature need to learn?
usage: python nbs/lab/leave-one-out.py LANE LANES [SEEDS]     e.g. (two lanes, one thread each)
  OMP_NUM_THREADS=1 nohup .venv/bin/python nbs/lab/leave-one-out.py 0 2 0,1 > ~/mcjepa-runs/loo-lane0.log 2>&1 &
       python nbs/lab/leave-one-out.py copy     copies every scored run's log.csv and diagnostics.jsonl beside its
                                                result (the baseline's into results/leave-one-out/baseline)
Results: nbs/results/leave-one-out/<switch>/M-JEPA/seed<k>.json; runs in $RUNS (default ~/mcjepa-runs/leave-one-out).
The baseline (no switch) is chapter 14's M-JEPA with its four seeds: each lane first trains its share of them, into
nbs/results/claims-4seeds with runs in ~/mcjepa-runs/claims (where chapter 14's four-seed runs find them done).
Then, in each lane: every arm's first seed; the second seeds of the arms whose first fell outside the baseline's range
(where a second can decide, the farthest first); the confirming run `only what it needs` (the CPU preset with every
switch whose first seed sat among the baseline's at the paper's value, one of the warm-up and the fallback kept);
the follow-ups (`FOLLOW_UPS`), one seed a lane; last the second seeds of the arms whose first sat among the
baseline's."""
import os, sys, shutil, json
from pathlib import Path
from mcjepa.claims import run_claim, claim_sets, CLAIM_SEEDS
from mcjepa.core import TABLE8_VAR

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

def ratio(result:Path) -> float: r = json.loads(result.read_text()); return r['epe'] / r['zero_epe']

def outside_baseline(repo:Path, name:str, seed:int) -> float:
    "How far the arm's `seed` lies outside the baseline's four seeds (EPE ÷ zero flow), 0 if among them or not run."
    res = repo / 'nbs/results/leave-one-out' / folder_of(name) / 'M-JEPA' / f'seed{seed}.json'
    base = [ratio(f) for f in (repo / 'nbs/results/claims-4seeds/M-JEPA').glob('seed*.json')]
    if not res.exists() or not base: return 0.
    r = ratio(res)
    return max(r - max(base), min(base) - r, 0.)

NEEDED_ONLY_NAME = 'only what it needs'
ONE_OF = ('no mask warm-up', 'no fallback')  # leaving both out costs (0.79×): the first stays, the second goes

def needed_only(repo:Path, seed:int=0) -> dict:
    "The paper's values of every switch whose `seed` sat among the baseline's, except the first of `ONE_OF`."
    idle = [n for n in LEAVE_ONE_OUT if n not in ONE_OF[:1] and n != 'neither mask warm-up nor fallback'
            and (repo / 'nbs/results/leave-one-out' / folder_of(n) / 'M-JEPA' / f'seed{seed}.json').exists()
            and outside_baseline(repo, n, seed) == 0]
    return {k: v for n in idle for k, v in LEAVE_ONE_OUT[n].items()}

# Why L_reg into the encoder traps M-JEPA (its seed 0's diagnostics): the encoder makes X_t and X_t+1 agree without any
# flow, first by shrinking the features (L1-L4 std ≤ 0.2 at step 64: L_reg -0.64, Table 8's variance terms +0.013),
# then by features of few directions (L4 effective rank 30 -> 4, where Table 8 has no covariance term). Is it the
# variance weights? With them ×100 the first escape costs more than it gains; the second stays open.
VAR_X100 = tuple(100 * v for v in TABLE8_VAR)
FOLLOW_UPS = {'L_reg into the encoder, Var ×100': dict(reg_detach='none', var_coeffs=VAR_X100)}

def copy_logs(repo:Path, runs:Path):
    "Each scored run's logs beside its result: results/leave-one-out/<folder>/M-JEPA/seed<k>/."
    arms = {'baseline': (repo / 'nbs/results/claims-4seeds', Path.home() / 'mcjepa-runs/claims')}
    arms.update({folder_of(n): (repo / 'nbs/results/leave-one-out' / folder_of(n), runs / folder_of(n))
                 for n in [*LEAVE_ONE_OUT, NEEDED_ONLY_NAME, *FOLLOW_UPS]})
    for folder, (results, run_root) in arms.items():
        for res in sorted(results.glob('M-JEPA/seed*.json')):
            src, to = run_root / 'M-JEPA' / res.stem, repo / 'nbs/results/leave-one-out' / folder / 'M-JEPA' / res.stem
            if not (src / 'log.csv').exists(): continue
            to.mkdir(parents=True, exist_ok=True)
            for f in ('log.csv', 'diagnostics.jsonl'): shutil.copy(src / f, to / f)
            print(f"{src} -> {to}")

if __name__ == '__main__':
    repo = Path(__file__).resolve().parents[2]
    runs = Path(os.environ.get('RUNS', Path.home() / 'mcjepa-runs/leave-one-out'))
    if sys.argv[1] == 'copy': sys.exit(copy_logs(repo, runs))
    lane, lanes = int(sys.argv[1]), int(sys.argv[2])
    seeds = [int(s) for s in (sys.argv[3] if len(sys.argv) > 3 else '0,1').split(',')]
    sets = claim_sets()
    for seed in CLAIM_SEEDS[lane::lanes]:   # the baseline first
        run_claim('M-JEPA', seed, results=repo / 'nbs/results/claims-4seeds', runs=Path.home() / 'mcjepa-runs/claims',
                  sets=sets, log=lambda line: print(f"baseline: {line}", flush=True))
    def arm(name, seed, **switch):
        folder = folder_of(name)
        run_claim('M-JEPA', seed, results=repo / 'nbs/results/leave-one-out' / folder, runs=runs / folder, sets=sets,
                  log=lambda line: print(f"{name}: {line}", flush=True), **switch)
    mine = list(LEAVE_ONE_OUT)[lane::lanes]  # an arm stays in one lane: two lanes never train the same run
    for name in mine: arm(name, seeds[0], **LEAVE_ONE_OUT[name])     # every switch's first seed first
    later = sorted(mine, key=lambda n: -outside_baseline(repo, n, seeds[0]))
    deciding = [n for n in later if outside_baseline(repo, n, seeds[0]) > 0]  # first seed outside the baseline's range
    for seed in seeds[1:]:   # then the second seeds where they can decide
        for name in deciding: arm(name, seed, **LEAVE_ONE_OUT[name])
    for seed in seeds[lane::lanes]: arm(NEEDED_ONLY_NAME, seed, **needed_only(repo, seeds[0]))  # the confirming run
    for name, switch in FOLLOW_UPS.items():
        for seed in seeds[lane::lanes]: arm(name, seed, **switch)
    for seed in seeds[1:]:   # and last where the first seed sat among the baseline's
        for name in [n for n in later if n not in deciding]: arm(name, seed, **LEAVE_ONE_OUT[name])
