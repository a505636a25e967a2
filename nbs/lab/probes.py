"""Probes of mcjepa's commands as a new user would try them, each run in a subprocess and classified.

    .venv/bin/python nbs/lab/probes.py [--root REPO] [--only WORD] [--json FILE]

`--root` is the checkout whose `mcjepa` is probed (default: this one; e.g. a worktree of an older commit).
Every probe runs in a fresh folder with `OMP_NUM_THREADS=1`. Classes:

- fine: it did what it should (the check of its output passed);
- clear: it refused with a one-line error that names the value, no traceback, nothing left behind;
- unclear: it refused, but the message does not name the value, or it left (half-written) output behind,
  or it refused something it should have done;
- crash: a Python traceback, or death by a signal;
- silent: exit status 0 where it should have refused, or a wrong result, or code a file smuggled in ran;
- lost: a user's file was changed or removed.
"""
from __future__ import annotations
import argparse, hashlib, json, os, pickle, shutil, subprocess, sys, tempfile, time
from pathlib import Path

HERE = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(HERE))   # the fixture writers come from this checkout, whatever --root is probed
MICRO = ['--preset', 'tiny', '--image_size', '32', '--flow_size', '64,64', '--embedded_images', '8',
         '--batch_size', '4', '--flow_batch_size', '2', '--epochs', '2', '--warmup_epochs', '1', '--val_pairs', '2',
         '--num_workers', '0', '--width_factor', '0.25', '--expander_dims', '32-32-32', '--progress', 'false',
         '--log_every', '1', '--val_every', '2', '--checkpoint_every', '2', '--tensorboard', 'false',
         '--large_val_pairs', '0', '--num_threads', '1']


def tree(d:Path) -> dict:
    "path -> sha1 of every file under `d`."
    return {str(p.relative_to(d)): hashlib.sha1(p.read_bytes()).hexdigest() for p in d.rglob('*') if p.is_file()}


# --- fixtures (made once, copied into each probe's folder as needed) ------------------------------------------
def make_fixtures(fx:Path, py:list, env:dict):
    import numpy as np
    from PIL import Image
    from mcjepa.testing import write_sintel_fixture, write_kitti_fixture, write_video_fixture, write_voc_fixture
    rng = np.random.default_rng(0)
    a = (rng.random((64, 96, 3)) * 255).astype(np.uint8)
    Image.fromarray(a).save(fx / 'a.png')
    Image.fromarray(np.roll(a, 2, axis=1)).save(fx / 'b.png')
    write_sintel_fixture(fx / 'data')
    write_kitti_fixture(fx / 'data')
    write_voc_fixture(fx / 'data', split='train')
    write_voc_fixture(fx / 'data', split='val')
    write_video_fixture(fx / 'v.mp4', T=4, size=(32, 48))
    import av                                        # a video that opens, then fails to decode after a few frames
    with av.open(str(fx / 'long.mp4'), 'w', options={'movflags': 'faststart'}) as c:
        st = c.add_stream('libx264', rate=10)
        st.width, st.height, st.pix_fmt = 48, 32, 'yuv420p'
        for t in range(12):
            frame = av.VideoFrame.from_ndarray((rng.random((32, 48, 3)) * 255).astype(np.uint8), format='rgb24')
            for pkt in st.encode(frame): c.mux(pkt)
        for pkt in st.encode(): c.mux(pkt)
    data = (fx / 'long.mp4').read_bytes()
    (fx / 'broken.mp4').write_bytes(data[:len(data) // 2])
    (fx / 'bad_images' / 'x').mkdir(parents=True)
    for i in range(12): (fx / 'bad_images' / 'x' / f'{i}.png').write_bytes(b'not a png')
    r = subprocess.run([*py, '-m', 'mcjepa.train', '--out', str(fx / 'run'), *MICRO], capture_output=True, text=True,
                       env=env, cwd=fx)
    if r.returncode: raise SystemExit(f"fixture run failed:\n{r.stdout[-2000:]}\n{r.stderr[-4000:]}")
    make_nan_run(fx / 'run', fx / 'nanrun')
    make_old_checkpoint(fx / 'run', fx / 'old.pt')
    import torch
    class Evil:
        def __reduce__(self): return (os.system, (f'touch {fx.parent}/PWNED',))
    torch.save({'model': Evil(), 'config': {}}, fx / 'evil.pt')


def _weights(run:Path) -> dict:
    "The run's model weights, whatever the format of the checkout that wrote it."
    import torch
    if (run / 'model.safetensors').exists():
        from safetensors.torch import load_file
        return load_file(run / 'model.safetensors')
    return torch.load(run / 'checkpoint.pt', weights_only=False)['model']


def make_nan_run(run:Path, out:Path):
    "A copy of `run` whose every floating-point weight is NaN (in each file that holds weights)."
    import torch
    shutil.copytree(run, out)
    if (out / 'model.safetensors').exists():
        from safetensors.torch import load_file, save_file
        from safetensors import safe_open
        with safe_open(out / 'model.safetensors', 'pt') as f: meta = f.metadata()
        w = {k: v.fill_(float('nan')) if v.is_floating_point() else v
             for k, v in load_file(out / 'model.safetensors').items()}
        save_file(w, out / 'model.safetensors', metadata=meta)
    ck = torch.load(out / 'checkpoint.pt', weights_only=False)
    for v in ck['model'].values():
        if v.is_floating_point(): v.fill_(float('nan'))
    torch.save(ck, out / 'checkpoint.pt')


def make_old_checkpoint(run:Path, out:Path):
    "A checkpoint as older mcjepa wrote it: pickled, with numpy RNG state."
    import numpy as np, torch
    cfg = json.loads((run / 'config.json').read_text())
    torch.save(dict(model=_weights(run), config=cfg, step=4, info={}, rng=[dict(numpy=np.random.get_state())],
                    optimizer={}, world_size=1), out)


# --- the probes -------------------------------------------------------------------------------------------------
def P(name, argv, expect='refuse', needle=None, files=(), user=None, check=None, py=None, timeout=600):
    "One probe: `python -m mcjepa.<argv>` (or `python -c py`) in a fresh folder holding `files` (fixture names)."
    return dict(name=name, argv=argv, expect=expect, needle=needle, files=files, user=user or {}, check=check, py=py,
                timeout=timeout)

def lib(code:str) -> str:
    "A library call as a probe: ValueError/OSError are the library's refusals, anything else a crash."
    return ("import sys, numpy as np, torch\n"
            "try:\n" + ''.join('    ' + l + '\n' for l in code.splitlines()) +
            "except (ValueError, OSError) as e:\n    print(f'error: {e}', file=sys.stderr); sys.exit(2)\n")

def exists(*names): return lambda d: all((d / n).exists() for n in names)

def flo_ok(name, shape):
    def check(d):
        from mcjepa.core import read_flo
        return (d / name).exists() and read_flo(d / name).shape == shape
    return check

def submission(*parts):
    def check(d):
        sub = d / 'sub'
        fs = {str(p.relative_to(sub)) for p in sub.rglob('*') if p.is_file()} if sub.exists() else set()
        return all(any(f.startswith(p) for f in fs) for p in parts)
    return check

IMG = ['a.png', 'b.png']
SINTEL, KITTI = ['--sintel_root', 'data'], ['--kitti_root', 'data']
EV = ['evaluate', '--small', '--tasks', 'flow']
SEG = ['evaluate', '--small', '--tasks', 'seg', '--seg_steps', '2']
RUN = ['run']

def probes() -> list:
    return [
        # checkpoints that would run code, old pickled checkpoints
        P('infer --checkpoint evil.pt', ['infer', *IMG, '--checkpoint', 'evil.pt'], needle='evil.pt',
          files=[*IMG, 'evil.pt']),
        P('evaluate --checkpoint evil.pt', [*EV, '--checkpoint', 'evil.pt'], needle='evil.pt', files=['evil.pt']),
        P('train --resume evil.pt', ['train', '--resume', 'evil.pt', '--out', 'o'], needle='evil.pt',
          files=['evil.pt']),
        P('infer --checkpoint old.pt (pickled)', ['infer', *IMG, '--checkpoint', 'old.pt'], needle='trust_pickle',
          files=[*IMG, 'old.pt']),
        P('infer --checkpoint old.pt --trust_pickle', ['infer', *IMG, '--checkpoint', 'old.pt', '--trust_pickle',
          '--out', 'o'], 'ok', files=[*IMG, 'old.pt'], check=flo_ok('o.flo', (64, 96, 2))),
        P('evaluate --checkpoint old.pt', [*EV, '--checkpoint', 'old.pt'], needle='trust_pickle', files=['old.pt']),
        # the commands' main uses
        P('train new run', ['train', '--out', 'r', *MICRO], 'ok', check=exists('r/checkpoint.pt')),
        P('train --resume', ['train', '--resume', 'run', '--epochs', '3'], 'ok', files=RUN,
          check=lambda d: json.loads((d / 'run/summary.json').read_text())['step'] == 6),
        P('train --help', ['train', '--help'], 'ok'),
        P('train --preset huge', ['train', '--preset', 'huge', '--out', 'o'], needle='huge'),
        P('infer images --checkpoint run', ['infer', *IMG, '--checkpoint', 'run', '--out', 'o'], 'ok',
          files=[*IMG, *RUN], check=flo_ok('o.flo', (64, 96, 2))),
        P('infer images --random', ['infer', *IMG, '--random', '--out', 'o'], 'ok', files=IMG,
          check=exists('o.flo', 'o.png')),
        P('infer video', ['infer', 'v.mp4', '--random', '--out', 'o.mp4'], 'ok', files=['v.mp4'],
          check=exists('o.mp4')),
        P('infer video --frames --flo', ['infer', 'v.mp4', '--random', '--frames', '--flo', '--out', 'fr'], 'ok',
          files=['v.mp4'], check=exists('fr/flow_000000.png', 'fr/flow_000000.flo')),
        P('evaluate flow --checkpoint run', [*EV, '--checkpoint', 'run', '--out', 'e'], 'ok', files=RUN,
          check=exists('e/results.json', 'e/results.md')),
        P('evaluate sintel+kitti', [*EV, *SINTEL, *KITTI, '--out', 'e'], 'ok', files=['data'],
          check=exists('e/results.json')),
        P('evaluate seg,davis', ['evaluate', '--small', '--tasks', 'seg,davis', '--seg_steps', '2', '--out', 'e'],
          'ok', check=exists('e/results.json')),
        P('evaluate --submit sintel', ['evaluate', '--submit', 'sintel', *SINTEL, '--submit_out', 'sub'], 'ok',
          files=['data'], check=submission('clean/alley_1/frame_0001.flo', 'final/market_2/frame_0002.flo')),
        P('evaluate --submit kitti', ['evaluate', '--submit', 'kitti', *KITTI, '--checkpoint', 'run',
          '--submit_out', 'sub'], 'ok', files=['data', *RUN], check=submission('flow/000000_10.png')),
        P('evaluate --submit sintel,kitti', ['evaluate', '--submit', 'sintel,kitti', *SINTEL, *KITTI,
          '--submit_out', 'sub', '--max_samples', '1'], 'ok', files=['data'],
          check=submission('clean/', 'final/', 'flow/000000_10.png')),
        P('evaluate --submit bogus', ['evaluate', '--submit', 'bogus', '--submit_out', 'sub'], needle='bogus'),
        P('evaluate --submit kitti without root', ['evaluate', '--submit', 'kitti', '--submit_out', 'sub'],
          needle='kitti_root'),
        P('bench --threads 0', ['bench', '--threads', '0'], needle='threads'),
        P('bench --sizes 10x10', ['bench', '--sizes', '10x10'], needle='10'),
        P('bench --quick --out', ['bench', '--quick', '--sizes', 'none', '--out', 'b.md', '--device', 'cpu'], 'ok',
          check=exists('b.md')),
        P('claims (cached results)', ['claims', '--results', 'claims', '--runs', 'runs', '--only', 'MC-JEPA',
          '--seeds', '0'], 'ok', files=['claims'], check=lambda d: not (d / 'runs').exists()),
        P('claims --only bogus', ['claims', '--only', 'bogus'], needle='bogus'),
        P('claims --seeds x', ['claims', '--seeds', 'x'], needle='x'),
        P('claims --epochs 0', ['claims', '--epochs', '0', '--results', 'r', '--runs', 'runs'], needle='epochs'),
        # refusals that left output behind
        *[P(f'infer --max_flow {v}', ['infer', *IMG, '--random', '--max_flow', v, '--out', 'o'], needle='max_flow',
            files=IMG) for v in ('0', '-5', 'inf')],
        P('infer undecodable video', ['infer', 'broken.mp4', '--random', '--out', 'o.mp4'], needle='broken.mp4',
          files=['broken.mp4']),
        P('infer undecodable video --frames', ['infer', 'broken.mp4', '--random', '--frames', '--out', 'fr'],
          needle='broken.mp4', files=['broken.mp4']),
        P('evaluate --seg_steps 0', [*SEG[:-1], '0', '--out', 'e'], needle='seg_steps'),
        P('evaluate --seg_steps=-5', [*SEG[:-2], '--seg_steps=-5', '--out', 'e'], needle='seg_steps'),
        P('evaluate --seg_batch_size 0', [*SEG, '--seg_batch_size', '0', '--out', 'e'], needle='seg_batch_size'),
        # accepted without a word
        P('evaluate NaN weights', [*EV, '--checkpoint', 'nanrun', '--out', 'e'], needle=('nan', 'non-finite'),
          files=['nanrun']),
        P('evaluate --max_samples 0', [*EV, '--max_samples', '0', '--out', 'e'], needle='max_samples'),
        P('evaluate --max_samples -1', [*EV, '--max_samples', '-1', '--out', 'e'], needle='max_samples'),
        P('evaluate --seg_lr nan', [*SEG, '--seg_lr', 'nan', '--out', 'e'], needle='seg_lr'),
        P('evaluate --voc_root missing', ['evaluate', '--small', '--tasks', 'seg', '--voc_root', 'nowhere',
          '--out', 'e'], needle='nowhere'),
        P('evaluate --voc_root fixture', ['evaluate', '--tasks', 'seg', '--embedded', 'false', '--voc_root', 'data',
          '--seg_steps', '2', '--out', 'e'], 'ok', files=['data'], check=exists('e/results.json')),
        *[P(f'read_pfm {what}', [], needle=needle, user={'x.pfm': f'Pf\n{w} 1\n{s}\n' + '\0' * 8},
            py=lib("from mcjepa.core import read_pfm\nprint(read_pfm('x.pfm').shape)"))
          for what, w, s, n, needle in (('scale 0', 2, '0', 2, 'scale'), ('scale nan', 2, 'nan', 2, 'scale'),
                                        ('width 0', 0, '-1', 0, '0'), ('width -5', -5, '-1', 0, '-5'))],
        P('write_flo complex', [], needle='complex', py=lib(
            "from mcjepa.core import write_flo\nwrite_flo('x.flo', np.ones((2, 2, 2)) * (1 + 1j))")),
        P('write_flo 1e40', [], needle='1e+40', py=lib(
            "from mcjepa.core import write_flo\nwrite_flo('x.flo', np.full((2, 2, 2), 1e40))")),
        P('write_flo 0x0', [], needle='0×0', py=lib(
            "from mcjepa.core import write_flo\nwrite_flo('x.flo', np.zeros((0, 0, 2)))")),
        # user files
        P('train --out mydir (user config.json/log.csv)', ['train', '--out', 'mydir', *MICRO], needle='mydir',
          user={'mydir/config.json': '{"mine": 1}', 'mydir/log.csv': 'a,b\n1,2\n'}),
        P("train --out ''", ['train', '--out', '', *MICRO], needle='--out',
          user={'config.json': '{"mine": 1}', 'log.csv': 'a,b\n1,2\n'}),
        # tracebacks instead of messages
        P('infer --device cuda (no GPU)', ['infer', *IMG, '--random', '--device', 'cuda', '--out', 'o'],
          needle='cuda', files=IMG),
        P('infer --device bogus', ['infer', *IMG, '--random', '--device', 'bogus', '--out', 'o'], needle='bogus',
          files=IMG),
        P('evaluate --device cuda (no GPU)', [*EV, '--device', 'cuda', '--out', 'e'], needle='cuda'),
        P('evaluate --device bogus', [*EV, '--device', 'bogus', '--out', 'e'], needle='bogus'),
        P('infer_flow 0x0 image', [], needle='0×0', py=lib(
            "from mcjepa.runs import random_model\nfrom mcjepa.infer import infer_flow\n"
            "infer_flow(random_model(), np.zeros((0, 0, 3), np.uint8), np.zeros((0, 0, 3), np.uint8))")),
        P('Trainer.check with NaN weights', [], needle=('nan', 'non-finite'), py=lib(
            "from mcjepa.train import Trainer, RunStopped\nfrom mcjepa.config import get_config\n"
            "t = Trainer(get_config('tiny', image_size=32, flow_size=(64, 64), embedded_images=8, batch_size=4, "
            "flow_batch_size=2, val_pairs=2, num_workers=0, width_factor=0.25, expander_dims='32-32-32', "
            "large_val_pairs=0, tensorboard=False))\n"
            "with torch.no_grad():\n    for p in t.unwrapped.parameters(): p.fill_(float('nan'))\n"
            "try: print(t.check())\nexcept RunStopped as e: print(f'error: {e}', file=sys.stderr); sys.exit(1)")),
        P('train unreadable images', ['train', '--out', 'r', *MICRO, '--image_root', 'bad_images'],
          needle='unreadable', files=['bad_images']),
        P('train --resume corrupt log.csv', ['train', '--resume', 'run', '--epochs', '3'], needle='log.csv',
          files=RUN, user={'run/log.csv': 'step,epoch\nnot a number,0\n'}),
        P('train +inf pixel', [], 'ok', py=lib(
            "from mcjepa.train import Trainer\nfrom mcjepa.config import get_config\n"
            "t = Trainer(get_config('tiny', image_size=32, flow_size=(64, 64), embedded_images=8, batch_size=4, "
            "flow_batch_size=2, val_pairs=2, num_workers=0, width_factor=0.25, expander_dims='32-32-32', "
            "large_val_pairs=0, tensorboard=False))\n"
            "b = t.stream[0]\nb['pair'][0][0, 0, 0, 0] = float('inf')\nrow = t.one_step(b)\n"
            "assert row['skipped'] == 1, row\nprint('skipped')"), check=lambda d: True),
        P('train --lr 1e30', ['train', '--out', 'r', *MICRO, '--lr', '1e30', '--flow_lr', '1e30'],
          needle=('lr', 'weights')),
        P('train full disk', ['train', '--out', '/tmp/full/r', *MICRO], needle=('space', 'disk')),
        P('train --flow_size -32,64', ['train', '--out', 'r', *MICRO, '--flow_size', '-32,64'], needle='-32'),
    ]


# --- running and classifying ------------------------------------------------------------------------------------
def classify(p:dict, r, before:dict, after:dict, d:Path) -> tuple:
    err, rc = r.stderr if r else '', r.returncode if r else None
    if (d.parent.parent / 'PWNED').exists(): return 'silent', 'the checkpoint ran code'
    for f, text in p['user'].items():
        if f in before and after.get(f) != before[f]: return 'lost', f"{f} changed or removed"
    if r is None: return 'unclear', 'timed out'
    if 'Traceback (most recent call last)' in err or rc < 0:
        tail = [l for l in err.splitlines() if l.strip()]
        return 'crash', tail[-1][:150] if tail else f'signal {-rc}'
    lines = [l for l in err.splitlines() if 'error' in l.lower()]
    full = lines[-1] if lines else (err.strip().splitlines() or [''])[-1]
    msg = full[:200]
    new = sorted(set(after) - set(before))
    if p['expect'] == 'ok':
        if rc != 0: return 'unclear', f"refused: {msg}"
        try: ok = p['check'] is None or p['check'](d)
        except Exception as e: ok = False
        return ('fine', '') if ok else ('silent', 'rc 0 but the output is wrong or missing')
    if rc == 0: return 'silent', f"rc 0; new files: {new[:4]}"
    needles = p['needle'] if isinstance(p['needle'], tuple) else (p['needle'],)
    if new: return 'unclear', f"left {new[:4]}: {msg}"
    if not any(n.lower() in full.lower() for n in needles if n): return 'unclear', msg
    return 'clear', msg


def run_probe(p:dict, fx:Path, work:Path, py:list, env:dict) -> dict:
    d = work / 'cwd'
    if work.exists(): shutil.rmtree(work)
    d.mkdir(parents=True)
    for f in p['files']:
        (shutil.copytree if (fx / f).is_dir() else shutil.copy)(fx / f, d / f)
    for f, text in p['user'].items():
        (d / f).parent.mkdir(parents=True, exist_ok=True)
        (d / f).write_text(text)
    full = Path('/tmp/full')
    if 'full disk' in p['name']:
        full.mkdir(exist_ok=True)
        subprocess.run(['umount', str(full)], capture_output=True)
        subprocess.run(['mount', '-t', 'tmpfs', '-o', 'size=300k', 'tmpfs', str(full)], check=True)
    before = tree(d)
    cmd = [*py, '-c', p['py']] if p['py'] else [*py, '-m', f"mcjepa.{p['argv'][0]}", *p['argv'][1:]]
    t0 = time.time()
    try: r = subprocess.run(cmd, capture_output=True, text=True, cwd=d, env=env, timeout=p['timeout'])
    except subprocess.TimeoutExpired: r = None
    after = tree(d)
    if 'full disk' in p['name']:   # the disk is the run's folder here
        after = {**after, **{f'full/{k}': v for k, v in tree(full).items()}}
        subprocess.run(['umount', str(full)], capture_output=True)
    cls, why = classify(p, r, before, after, d)
    rc = None if r is None else r.returncode
    return dict(name=p['name'], cls=cls, why=why, rc=rc, sec=round(time.time() - t0, 1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--root', default=str(HERE), help="checkout whose mcjepa is probed")
    ap.add_argument('--only', default=None, help="run the probes whose name holds one of these ('|'-separated)")
    ap.add_argument('--json', default=None, help="write the results here")
    a = ap.parse_args()
    root = Path(a.root).resolve()
    env = {**os.environ, 'OMP_NUM_THREADS': '1', 'PYTHONPATH': str(root)}
    py = [sys.executable]
    check = subprocess.run([*py, '-c', 'import mcjepa; print(mcjepa.__file__)'], env=env, capture_output=True,
                           text=True, cwd='/tmp').stdout.strip()
    print(f"probing {check}", flush=True)
    base = Path(tempfile.mkdtemp(prefix='mcjepa-probes-'))
    fx = base / 'fixtures'
    fx.mkdir()
    make_fixtures(fx, py, env)
    shutil.copytree(HERE / 'nbs/results/claims', fx / 'claims')
    rows = []
    for p in probes():
        if a.only and not any(o in p['name'] for o in a.only.split('|')): continue
        (base / 'PWNED').unlink(missing_ok=True)
        row = run_probe(p, fx, base / 'work', py, env)
        rows.append(row)
        print(f"{row['cls']:8} {row['sec']:6.1f}s  {row['name']}: {row['why']}", flush=True)
    counts = {c: sum(r['cls'] == c for r in rows) for c in ('fine', 'clear', 'unclear', 'crash', 'silent', 'lost')}
    print(f"{len(rows)} probes: " + ', '.join(f'{k} {v}' for k, v in counts.items()))
    if a.json: Path(a.json).write_text(json.dumps(dict(root=str(root), counts=counts, rows=rows), indent=1))
    shutil.rmtree(base, ignore_errors=True)


if __name__ == '__main__': main()
