"""The CPU preset's deviations, one left out at a time: M-JEPA at 128×192 (`m-jepa-cpu`, chapter 14's M-JEPA run)
with one field set back to the paper's value, trained and scored with chapter 14's recipe (`run_claim`: one thread,
the same scoring sets, results cached and runs resumable). Which deviations does the miniature need to learn?
usage: python nbs/lab/leave-one-out.py LANE LANES [SEEDS]     e.g. (two lanes, one thread each)
  OMP_NUM_THREADS=1 nohup .venv/bin/python nbs/lab/leave-one-out.py 0 2 0,1 > ~/mcjepa-runs/loo-lane0.log 2>&1 &
       python nbs/lab/leave-one-out.py copy     copies every scored run's log.csv and diagnostics.jsonl beside its
                                                result (the baseline's into results/leave-one-out/baseline)
Results: nbs/results/leave-one-out/<switch>/M-JEPA/seed<k>.json; runs in $RUNS (default ~/mcjepa-runs/leave-one-out).
The baseline (no switch) is chapter 14's M-JEPA with its four seeds: each lane first trains its share of them, into
nbs/results/claims-4seeds with runs in ~/mcjepa-runs/claims (where chapter 14's four-seed runs find them done)."""
import os, sys, shutil
from pathlib import Path
from mcjepa.claims import run_claim, claim_sets, CLAIM_SEEDS

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

def folder_of(switch:str) -> str: return switch.replace(' ', '_').replace("'", '')  # results/<folder>/M-JEPA

def copy_logs(repo:Path, runs:Path):
    "Each scored run's logs beside its result: results/leave-one-out/<folder>/M-JEPA/seed<k>/."
    arms = {'baseline': (repo / 'nbs/results/claims-4seeds', Path.home() / 'mcjepa-runs/claims')}
    arms.update({folder_of(n): (repo / 'nbs/results/leave-one-out' / folder_of(n), runs / folder_of(n))
                 for n in LEAVE_ONE_OUT})
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
    for seed in seeds:                      # every switch's first seed before any second one
        for name in list(LEAVE_ONE_OUT)[lane::lanes]:
            folder = folder_of(name)
            run_claim('M-JEPA', seed, results=repo / 'nbs/results/leave-one-out' / folder, runs=runs / folder,
                      sets=sets, log=lambda line: print(f"{name}: {line}", flush=True), **LEAVE_ONE_OUT[name])
