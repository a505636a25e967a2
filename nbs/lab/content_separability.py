"""Is the content probe's segmentation at its floor because the features hold no class, or because the head gives up
to the background (91 % of the pixels)? Linear separability of the probe's classes on object pixels only.

Run from the repository root: `OMP_NUM_THREADS=1 .venv/bin/python nbs/lab/content_separability.py [NAME=RUN_FOLDER ...]`
(the random encoder always; each NAME=FOLDER adds a trained run's encoder). For each encoder: the stacked levels on
the stride-4 grid, as chapter 11's linear head sees them, at the object pixels of 96 training and 32 validation images
of the probe (128×192); a linear classifier (standardised features, Adam 1e-2, 500 full-batch steps) of the object's
class (8), scored on the validation object pixels, beside the majority class and the same classifier on pooled RGB;
and object against background, balanced accuracy (chance 0.5). Appends to nbs/results/content/separability.json."""
import json, sys, time, platform, torch
import torch.nn.functional as F
from pathlib import Path
from mcjepa.core import normalize, pad_to_multiple
from mcjepa.evaluate import eval_model, content_segmentation, stack_levels

@torch.no_grad()
def pixels(encoder, ds, n, stride=4):
    "Per stride-4 cell: the encoder's stacked levels (None: pooled RGB) and the class at the cell's centre."
    xs, ys = [], []
    for i in range(n):
        s = ds[i]
        img, mask = s['img'][None], s['mask']
        if encoder is None: f = F.avg_pool2d(img, stride)
        else:
            x, _ = pad_to_multiple(img, encoder.multiple)
            f = stack_levels(encoder(normalize(x)), (x.shape[-2] // stride, x.shape[-1] // stride))
        h, w = mask.shape[0] // stride, mask.shape[1] // stride
        xs.append(f[0, :, :h, :w].flatten(1).T)
        ys.append(mask[stride // 2::stride, stride // 2::stride][:h, :w].flatten())
    return torch.cat(xs).float(), torch.cat(ys)

def linear_accuracy(xt, yt, xv, yv, balanced=False, steps=500):
    mu, sd = xt.mean(0), xt.std(0) + 1e-6
    xt, xv = (xt - mu) / sd, (xv - mu) / sd                  # once: not a copy of every pixel at every step
    classes = int(max(yt.max(), yv.max())) + 1
    torch.manual_seed(0)
    lin = torch.nn.Linear(xt.shape[1], classes)
    opt = torch.optim.Adam(lin.parameters(), 1e-2)
    weight = (1 / torch.bincount(yt, minlength=classes).clamp(min=1).float()) if balanced else None
    for _ in range(steps):
        loss = F.cross_entropy(lin(xt), yt, weight=weight)
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad(): pred = lin(xv).argmax(1)
    if not balanced: return (pred == yv).float().mean().item()
    return sum((pred[yv == c] == c).float().mean().item() for c in yv.unique()) / len(yv.unique())

def measure(encoder):
    tr, va, _ = content_segmentation(96, 32)
    (xt, yt), (xv, yv) = pixels(encoder, tr, 96), pixels(encoder, va, 32)
    obj_t, obj_v = yt > 0, yv > 0
    majority = (yv[obj_v] == torch.bincount(yt[obj_t]).argmax()).float().mean().item()
    return dict(class_accuracy=round(linear_accuracy(xt[obj_t], yt[obj_t], xv[obj_v], yv[obj_v]), 3),
                majority_class=round(majority, 3),
                object_vs_background=round(linear_accuracy(xt, obj_t.long(), xv, obj_v.long(), balanced=True), 3),
                object_pixels=[int(obj_t.sum()), int(obj_v.sum())], features=xt.shape[1])

if __name__ == '__main__':
    torch.set_num_threads(1)
    path = Path(__file__).resolve().parents[1] / 'results/content/separability.json'
    out = json.loads(path.read_text()) if path.exists() else dict(
        meta=dict(machine=platform.machine(), torch=torch.__version__, date=time.strftime('%Y-%m-%d'),
                  command='OMP_NUM_THREADS=1 .venv/bin/python nbs/lab/content_separability.py NAME=RUN_FOLDER ...'),
        encoders={})
    todo = {'colour (pooled RGB)': None, 'random weights (seed 0)': 'random'}
    todo.update(dict(a.split('=', 1) for a in sys.argv[1:]))
    for name, src in todo.items():
        t0 = time.time()
        enc = None if src is None else (eval_model(None, preset='mc-jepa-cpu', device='cpu') if src == 'random'
                                         else eval_model(src, device='cpu')).encoder.eval()
        out['encoders'][name] = res = dict(measure(enc), source=src, seconds=round(time.time() - t0))
        print(name, res, flush=True)
        path.write_text(json.dumps(out, indent=1) + '\n')
