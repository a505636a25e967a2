"""Full-size colour references against random features on the embedded sets and the content probe (seed 0).

Run from the repository root: `OMP_NUM_THREADS=1 .venv/bin/python nbs/lab/colour_vs_random.py` (~8 min on
one CPU core). Writes nbs/results/content/colour_vs_random.json (keeping its `design_search` record); chapter 11's
"Colour against random features" table shows the same numbers."""
import json, time, platform, torch
from pathlib import Path
from mcjepa.evaluate import (eval_model, embedded_segmentation, embedded_videos, content_segmentation, content_videos,
                             colour_seg_miou, colour_jf, linear_segmentation, evaluate_davis, ConfusionMatrix,
                             davis_scores, summarize_davis)

def background_miou(val, K):
    "mIoU of predicting the background everywhere."
    cm = ConfusionMatrix(K)
    for s in val: cm.update(torch.zeros_like(s['mask']), s['mask'])
    return cm.miou()

def static_jf(seqs):
    "J&F of copying the first frame's objects to every frame."
    return summarize_davis({s['name']: davis_scores(s['masks'][:1].expand_as(s['masks']).clone(), s['masks'])
                            for s in seqs})['JF']

if __name__ == '__main__':
    torch.set_num_threads(1)
    t0 = time.time()
    rand = eval_model(device='cpu')
    out = {}
    for name, seg, vid in (('embedded', embedded_segmentation, embedded_videos),
                           ('content', content_segmentation, content_videos)):
        (tr, va, K), vids = seg(), vid()
        trl, val = ([d[i] for i in range(len(d))] for d in (tr, va))
        r_seg, r_dav = linear_segmentation(rand, tr, va, K), evaluate_davis(rand, vids)
        out[name] = dict(size=list(tr.gen.size), n_train=len(tr), n_val=len(va), videos=len(vids),
                         video_size=list(vids.gen.size), class_of=tr.gen.class_of, tint=tr.gen.tint,
                         video_tint=vids.gen.tint, background_everywhere_miou=background_miou(val, K),
                         colour_miou_stride4=colour_seg_miou(trl, val, K),
                         colour_miou_full=colour_seg_miou(trl, val, K, stride=None),
                         random_miou=r_seg['miou'], random_iou=r_seg['iou'],
                         first_frame_copied_jf=static_jf([vids[i] for i in range(len(vids))]),
                         colour_jf_stride8=colour_jf(vids), random_jf=r_dav['JF'], objects=r_dav['objects'])
        print(name, {k: v for k, v in out[name].items() if k != 'random_iou'}, f'{time.time() - t0:.0f}s', flush=True)
    meta = dict(seed=0, model="eval_model(None): preset 'tiny', seed 0 (random weights)",
                seg_protocol='linear_segmentation, 300 steps', davis_protocol='evaluate_davis, level L3 (stride 8)',
                colour='colour_seg_miou (300 steps), colour_jf (stride 8)', torch=torch.__version__,
                python=platform.python_version(), seconds=round(time.time() - t0),
                command='OMP_NUM_THREADS=1 .venv/bin/python nbs/lab/colour_vs_random.py',
                machine='2 shared CPU cores, OMP_NUM_THREADS=1')
    path = Path(__file__).resolve().parents[1] / "results/content/colour_vs_random.json"
    old = json.loads(path.read_text()) if path.exists() else {}
    path.write_text(json.dumps(dict(meta=meta, results=out, **{k: v for k, v in old.items() if k == 'design_search'}),
                               indent=1) + '\n')
    print('done', time.time() - t0)
