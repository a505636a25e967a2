"""Why does every encoder score the floor on the content probe's segmentation? The linear head, diagnosed (seed 0).

Run from the repository root: `OMP_NUM_THREADS=1 .venv/bin/python nbs/lab/seg_head_diagnosis.py [NAME ...]`.
On chapter 11's content probe (256 + 64 images at 128×192, 91 % background) the random encoder's linear head, every
trained encoder's and the colour classifier all score 10.1 mIoU: the background everywhere. If the head's last loss
is the class prior's entropy, it has learned the prior and nothing else. Each setting here changes one thing: the
head's learning rate and steps (chapter 11: AdamW 1e-3, 300 steps), or the encoder (random, or a trained claims run
from $RUNS, default ~/mcjepa-runs/claims). Appends to nbs/results/content/seg_head_diagnosis.json."""
import json, os, sys, time, platform, torch
from pathlib import Path
from mcjepa.evaluate import eval_model, linear_segmentation, content_segmentation

RUNS = Path(os.environ.get('RUNS', Path.home() / 'mcjepa-runs/claims'))
SETTINGS = {  # name -> (run folder under RUNS, or None for the random weights; linear-head options)
    'random, chapter 11 head': (None, dict()),
    'random, lr 1e-2': (None, dict(lr=1e-2)),
    'VICReg only seed 1, lr 1e-2, 1200 steps': ('VICReg_only/seed1', dict(lr=1e-2, steps=1200)),
}   # VICReg only seed 1 with chapter 11's head: chapter 14's result (10.1-10.5 mIoU for its four seeds)

def prior_entropy(val:list, K:int) -> float: # the loss of a head that predicts the class frequencies everywhere
    counts = torch.bincount(torch.cat([s['mask'].flatten() for s in val]).clamp(max=K), minlength=K + 1)[:K].float()
    p = counts[counts > 0] / counts.sum()
    return float(-(p * p.log()).sum())

def measure(run:str|None, head:dict, sets:tuple) -> dict:
    t0 = time.time()
    tr, va, K = sets
    model = eval_model(RUNS / run if run else None, device='cpu')
    r = linear_segmentation(model, tr, va, K, **head)
    return dict(run=run or 'random weights', head=head, miou=round(r['miou'], 2), iou=r['iou'],
                loss_first=round(r['loss_first'], 3), loss_last=round(r['loss_last'], 3),
                prior_entropy=round(prior_entropy([va[i] for i in range(len(va))], K), 3),
                seconds=round(time.time() - t0))

if __name__ == '__main__':
    torch.set_num_threads(1)
    path = Path(__file__).resolve().parents[1] / 'results/content/seg_head_diagnosis.json'
    out = json.loads(path.read_text()) if path.exists() else dict(
        meta=dict(seed=0, probe='content_segmentation() (chapter 11: 256 + 64 images, 128×192)',
                  machine=platform.processor() or platform.machine(), torch=torch.__version__,
                  command='OMP_NUM_THREADS=1 .venv/bin/python nbs/lab/seg_head_diagnosis.py'), settings={})
    sets = content_segmentation()
    for name in sys.argv[1:] or SETTINGS:
        out['settings'][name] = res = measure(*SETTINGS[name], sets)
        print(name, {k: v for k, v in res.items() if k != 'iou'}, flush=True)
        path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + '\n')
