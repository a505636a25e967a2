"""Exact one-sided p-values of chapter 14's checks on the two-seed runs (results/claims-2seeds).
usage: python nbs/lab/claims_pvalues.py [OUT.json]
A check's p is chapter 14's `p_value`: the share of the C(n_b + n_w, n_b) ways to split its runs into the two arms
whose Mann-Whitney U is at least the observed one. With two seeds an arm the smallest p is 1/6; with four, 1/70.
`pvalues-2seeds.json` (made at f81a54c) has 21 checks; today's content checks read chapter 11's probe, which these
runs were not scored on, so today the script gives the 10 EPE checks, each with the p-values of that file."""
import sys, json
from pathlib import Path
from math import comb
from mcjepa.claims import CLAIM_RUNS, CLAIM_CHECKS, twin_of, badness, scored, p_value

if len(sys.argv) > 2 or sys.argv[1:2] and sys.argv[1].startswith('-'): sys.exit(__doc__)

# read as written: these runs' preset has changed since, so `load_claims` would call every one of them stale
written = {}
for f in sorted(Path('nbs/results/claims-2seeds').glob('*/seed*.json')):
    r = json.loads(f.read_text())
    written.setdefault(r['variant'], []).append(r)
results = {v: written.get(twin_of(v), []) for v in CLAIM_RUNS} # a twin (flow_alpha=0.1 is MC-JEPA) shares its runs
rows = []
for src, says, key, better, worse in CLAIM_CHECKS:
    b, w = ([badness(r, key) for r in scored(results.get(v, []), key)] for v in (better, worse))
    if len(b) < 2 or len(w) < 2: continue
    rows.append(dict(source=src, says=says, key=key, better=better, worse=worse, seeds=(len(b), len(w)),
                     p_agrees=p_value(b, w), p_disagrees=p_value(w, b)))
out = dict(checks=rows, smallest_p_two_seeds=1 / comb(4, 2), smallest_p_four_seeds=1 / comb(8, 4),
           expected_by_chance_at_smallest_p=len(rows) * 2 / comb(4, 2))
for r in rows: print(f"{r['p_agrees']:.3f} {r['p_disagrees']:.3f}  {r['source']}: {r['says']}")
print(f"{len(rows)} checks; with two seeds the smallest p is 1/6, so chance alone gives "
      f"~{out['expected_by_chance_at_smallest_p']:.1f} 'all runs of one arm beat all of the other' verdicts")
if len(sys.argv) > 1: open(sys.argv[1], 'w').write(json.dumps(out, indent=1))
