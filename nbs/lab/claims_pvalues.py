"""Exact one-sided p-values of chapter 14's checks on the finished runs (seeds as they are), and the chance line.
usage: python nbs/lab/claims_pvalues.py [OUT.json]
A check's p is the share of the C(n_b + n_w, n_b) ways to split its runs into the two arms whose Mann-Whitney U
(pairs where the 'better' arm's run is better) is at least the observed one: 'as the paper says' by chance. With two
seeds an arm the smallest p is 1/6; with four, 1/70."""
import sys, json, itertools
from math import comb
from mcjepa.claims import load_claims, CLAIM_CHECKS, badness

def u_stat(b:list, w:list) -> float: return sum((x < y) + 0.5 * (x == y) for x in b for y in w)

def p_one_sided(b:list, w:list) -> float:
    "P(U >= observed) over every relabelling of the pooled runs (exact permutation test)."
    pooled, nb, obs = b + w, len(b), u_stat(b, w)
    splits = list(itertools.combinations(range(len(pooled)), nb))
    hits = sum(u_stat([pooled[i] for i in s], [pooled[i] for i in range(len(pooled)) if i not in s]) >= obs
               for s in splits)
    return hits / len(splits)

results, stale = load_claims()
rows = []
for src, says, key, better, worse in CLAIM_CHECKS:
    b = [badness(r, key) for r in results.get(better, [])]
    w = [badness(r, key) for r in results.get(worse, [])]
    if len(b) < 2 or len(w) < 2: continue
    rows.append(dict(source=src, says=says, key=key, better=better, worse=worse, seeds=(len(b), len(w)),
                     p_agrees=p_one_sided(b, w), p_disagrees=p_one_sided(w, b)))
out = dict(checks=rows, smallest_p_two_seeds=1 / comb(4, 2), smallest_p_four_seeds=1 / comb(8, 4),
           expected_by_chance_at_smallest_p=len(rows) * 2 / comb(4, 2))
for r in rows: print(f"{r['p_agrees']:.3f} {r['p_disagrees']:.3f}  {r['source']}: {r['says']}")
print(f"{len(rows)} checks; with two seeds the smallest p is 1/6, so chance alone gives ~{out['expected_by_chance_at_smallest_p']:.1f}"
      " 'all runs of one arm beat all of the other' verdicts")
if len(sys.argv) > 1: open(sys.argv[1], 'w').write(json.dumps(out, indent=1))
