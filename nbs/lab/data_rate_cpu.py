"""The embedded data's rate at Table 6's per-GPU batch, one process on one CPU thread: what one DataLoader worker
delivers (the device check measures the GPU machine's loaders, with 4, 8 and 15 workers, against its own step).
usage: OMP_NUM_THREADS=1 python nbs/lab/data_rate_cpu.py OUT.json"""
import json, platform, sys, time, torch
from mcjepa.bench import DEVICE_PLANS, data_rate, _batch_overrides
from mcjepa.config import get_config

def main(out:str, batches:int=3):
    torch.set_num_threads(1)
    rows = []
    for preset, spec in DEVICE_PLANS['full']['steps'].items():
        cfg = get_config(preset, **_batch_overrides(preset, spec))
        r = data_rate(cfg, 0, batches)
        row = dict(preset=preset, pair=f"{spec['pair_batch']}×{spec['pair_size'][0]}×{spec['pair_size'][1]}",
                   images=spec.get('image_batch'), steps_per_s=r, s_per_step=1 / r, pairs_per_s=r * spec['pair_batch'])
        if spec.get('image_batch'): row['images_per_s'] = r * spec['image_batch']
        rows.append(row)
        print(row, flush=True)
    cpu = open('/proc/cpuinfo').read().split('model name')[1].split('\n')[0].strip(' :\t')
    json.dump(dict(machine=platform.processor() or platform.machine(), cpu=cpu,
                   date=time.strftime('%Y-%m-%d'), workers=0, threads=1, rows=rows), open(out, 'w'), indent=1)

if __name__ == '__main__': main(sys.argv[1])
