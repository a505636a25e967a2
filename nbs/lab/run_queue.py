"""The lab's queues of runs: workers (one a core) share a queue and each takes its first run that is neither finished
nor locked by another worker (a `fcntl` lock, which the kernel drops when its worker dies, so a killed session leaves
no stale lock). Every run is trained and scored with chapter 14's recipe (`run_claim`: one thread, the same scoring
sets, resumable from its last checkpoint); the queue is read again after every run, so it may depend on the results.
A worker given a deadline (`UNTIL=HH:MM`, the machine's clock: the next such time, so 01:05 at 22:10 is tomorrow)
starts no run it could not finish by then (`RUN_MINUTES`, default 45: a run beside another, scoring included), so a
session that ends loses no half-run."""
import json, fcntl, os, time
from datetime import datetime, timedelta
from dataclasses import asdict
from pathlib import Path
from mcjepa.claims import run_claim, claim_sets, claim_paths, claim_config

def finished(result:Path, # a result file of `run_claim`
             variant:str, seed:int, # the run it holds
             overrides:dict # the run's fields beyond its variant's
            ) -> bool:
    "Whether `result` holds this run scored with its configuration of today (a result of another one is stale)."
    if not result.exists(): return False
    config = json.loads(json.dumps(asdict(claim_config(variant, seed, **overrides))))
    return json.loads(result.read_text()).get('config') == config

def deadline(until:str|None=os.environ.get('UNTIL') # 'HH:MM', the next such time, or None (no deadline)
            ) -> float: # seconds since the epoch (inf without a deadline)
    if not until: return float('inf')
    h, m = (int(x) for x in until.split(':'))
    now = datetime.now()
    at = now.replace(hour=h, minute=m, second=0, microsecond=0)
    return (at + timedelta(days=1) if at <= now else at).timestamp()

def work(queue, # () -> [(label, variant, seed, results folder, runs folder, overrides)], in the order to take them
         until:float|None=None, # start no run after this time minus `run_minutes` (default: `deadline()`)
         run_minutes:float=float(os.environ.get('RUN_MINUTES', 45))
        ):
    "Train and score the queue's next free run until every run is finished or taken; other workers may run beside."
    sets, until = claim_sets(), deadline() if until is None else until
    while True:
        for label, variant, seed, results, runs, overrides in queue():
            result, folder = claim_paths(variant, seed, results, runs)
            if finished(result, variant, seed, overrides): continue
            folder.parent.mkdir(parents=True, exist_ok=True)
            lock = open(folder.parent / f'{folder.name}.lock', 'w')
            try: fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:                  # another worker has it
                lock.close()
                continue
            if time.time() + 60 * run_minutes > until:
                lock.close()
                print(f"deadline: no time left to run {label} (seed {seed}) before {time.ctime(until)}", flush=True)
                return
            try: run_claim(variant, seed, results=results, runs=runs, sets=sets,
                           log=lambda line: print(f"{label}: {line}", flush=True), **overrides)
            finally: lock.close()
            break
        else: return
