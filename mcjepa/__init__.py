__version__ = "0.0.1"

# OpenMP threads that wait for each other spin (libgomp: 300,000 turns) before they sleep. On a machine busy with other
# programs a preempted thread makes the others spin away their share: the main job's step took 9.0× its time alone
# beside four CPU-bound processes, 2.75× with a passive wait (its share predicts 3×; alone it costs 4 % more; chapter
# 13, "A busy machine"). Set before torch loads OpenMP; a wait policy or spin count in the environment wins.
import os as _os
if 'OMP_WAIT_POLICY' not in _os.environ and 'GOMP_SPINCOUNT' not in _os.environ:
    _os.environ['OMP_WAIT_POLICY'] = 'PASSIVE'
