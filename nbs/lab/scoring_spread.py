"""How much does the scoring set move a model's EPE ratio? Two lab models (M-JEPA at 256x384 with the cpu switches,
seeds 0 and 1: nbs/lab/written-runs.sh m S cpu) scored on 256 pairs at 128x192 and 64 at 384x512 (the CPU preset's
validation kinds, seed 0): for m pairs, the ratio on the first m, its 95 % bootstrap interval, and the ratios on
disjoint sets of m. usage: OMP_NUM_THREADS=1 python nbs/lab/scoring_spread.py > nbs/results/claims-scoring/spread.txt"""
import json, time
from pathlib import Path
import numpy as np, torch
from mcjepa.config import get_config
from mcjepa.train import validation_pairs, large_validation_pairs
from mcjepa.core import end_point_error
from mcjepa.evaluate import eval_model

torch.set_num_threads(1)
t0 = time.time()
cfg = get_config(val_pairs=256, large_val_pairs=64, seed=0)
val = validation_pairs(cfg)
t1 = time.time()
large = large_validation_pairs(cfg)
print('render', t1 - t0, time.time() - t1, flush=True)
for name in ['m-cpu/seed0', 'm-cpu/seed1']:
    model = eval_model(Path.home() / 'mcjepa-runs/written' / name, device='cpu')
    model.eval()
    for set_name, pairs, bs in (('val', val, 8), ('large', large, 2)):
        t, preds = time.time(), []
        with torch.no_grad():
            for i in range(0, len(pairs['img1']), bs):
                preds.append(model.estimate_flow(pairs['img1'][i:i + bs], pairs['img2'][i:i + bs]))
        valid = pairs['valid'][:, 0] > 0
        e, z = end_point_error(torch.cat(preds), pairs['flow']), pairs['flow'].norm(dim=1)
        es, zs = ((x * valid).flatten(1).sum(1).numpy() for x in (e, z))
        rng, n, res = np.random.default_rng(0), len(es), {}
        for m in (8, 16, 32, 64, 128, 256):
            if m > n: continue
            idx = rng.integers(0, m, (2000, m))
            boot = es[:m][idx].sum(1) / zs[:m][idx].sum(1)
            disjoint = [es[k:k + m].sum() / zs[k:k + m].sum() for k in range(0, n - m + 1, m)]
            res[m] = dict(ratio=float(es[:m].sum() / zs[:m].sum()),
                          ci=[float(np.quantile(boot, .025)), float(np.quantile(boot, .975))],
                          disjoint=[round(float(x), 3) for x in disjoint][:8])
        print(name, set_name, f'{time.time() - t:.1f}s', json.dumps(res), flush=True)
