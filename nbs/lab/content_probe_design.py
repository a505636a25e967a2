"""Can the content probe's linear segmentation test anything? Random features against colour on probe designs (seed 0).

Run from the repository root: `OMP_NUM_THREADS=1 .venv/bin/python nbs/lab/content_probe_design.py [NAME ...]`.
On chapter 11's probe (2026-12-07) the random encoder's linear head and the colour classifier both predict the
background everywhere (10.1 mIoU, the floor), so a segmentation check there cannot move. Each design here changes
which photographs the objects (the classes) and the background are cut from, everything else as chapter 11's probe
(classes by photograph and shape, every layer on its own colour ramp, 256 + 64 images at 128×192, 300 head steps).
Appends to nbs/results/content/probe_design.json: floor, colour (stride 4), random features (mIoU and per class)."""
import json, sys, time, platform, torch
from pathlib import Path
from mcjepa import scenes
from mcjepa.evaluate import eval_model, colour_seg_miou, linear_segmentation
sys.path.insert(0, str(Path(__file__).parent))
from colour_vs_random import background_miou

TEXTURES = ('brick', 'grass', 'gravel', 'coins', 'page', 'hubble_deep_field', 'cell', 'moon')
OBJECTS = ('camera', 'astronaut', 'chelsea', 'coffee', 'rocket', 'clock', 'immunohistochemistry', 'retina')
DESIGNS = {
    'chapter 11 (object photos on texture backgrounds)': dict(),
    'texture objects on object-photo backgrounds': dict(fg_photos=TEXTURES, bg_photos=OBJECTS),
    'texture objects, classes by photo only': dict(fg_photos=TEXTURES, bg_photos=OBJECTS, class_of='photo'),
}

def measure(kw:dict) -> dict:
    t0 = time.time()
    base = dict(size=(128, 192), seed=0, class_of='photo+shape', tint='each')
    base.update(kw)
    tr = scenes.EmbeddedSegmentation(256, split='train', **base)
    va = scenes.EmbeddedSegmentation(64, split='val', **base)
    K, trl, val = tr.num_classes, [tr[i] for i in range(len(tr))], [va[i] for i in range(len(va))]
    r = linear_segmentation(eval_model(device='cpu'), tr, va, K)
    fg = torch.cat([s['mask'].flatten() for s in val])
    overrides = {k: list(v) if isinstance(v, tuple) else v for k, v in kw.items()}
    return dict(overrides=overrides, classes=list(tr.class_names),
                background_pixels=round((fg == 0).float().mean().item(), 3),
                floor_miou=round(background_miou(val, K), 2),
                colour_miou=round(colour_seg_miou(trl, val, K), 2), random_miou=round(r['miou'], 2),
                random_iou=r['iou'], random_loss_last=round(r['loss_last'], 3), seconds=round(time.time() - t0))

if __name__ == '__main__':
    torch.set_num_threads(1)
    path = Path(__file__).resolve().parents[1] / 'results/content/probe_design.json'
    out = json.loads(path.read_text()) if path.exists() else dict(
        meta=dict(seed=0, model="eval_model(None): preset 'tiny', seed 0, random weights "
                                "(its encoder is mc-jepa-cpu's, the same weights)",
                  machine=platform.processor() or platform.machine(), torch=torch.__version__,
                  command='OMP_NUM_THREADS=1 .venv/bin/python nbs/lab/content_probe_design.py'), designs={})
    for name in sys.argv[1:] or DESIGNS:
        out['designs'][name] = res = measure(DESIGNS[name])
        print(name, {k: v for k, v in res.items() if k not in ('classes', 'overrides')}, flush=True)
        path.write_text(json.dumps(out, indent=1) + '\n')
