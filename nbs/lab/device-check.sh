#!/usr/bin/env bash
# The device check on a lent GPU machine (its image has torch, torchvision, timm, accelerate, scikit-image; not the
# fast.ai packages nor nbdev). Two steps, from the repository root:
#   here (with PyPI):   bash nbs/lab/device-check.sh wheels    -> .whl/ (git-ignored): what the GPU machine lacks
#   there (no network): bash nbs/lab/device-check.sh run DIR   -> installs them, runs the check into DIR
#                       (device tool: carry ['.whl'], command 'bash nbs/lab/device-check.sh run $OUT/check')
# Then copy DIR to nbs/results/device/<date>-<gpu>/ and commit it.
set -euo pipefail
cd "$(dirname "$0")/../.."
case "${1:-}" in
  wheels)
    rm -rf .whl
    python3 -m pip download -q --only-binary=:all: --python-version 3.12 --implementation cp \
      --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 -d .whl \
      "fastcore>=1.12.3,<2" fastprogress "nbdev>=2.4.14,<3" "execnb>=0.1.12,<0.2" matplotlib-inline
    du -sh .whl ;;
  run)
    out=${2:?usage: device-check.sh run DIR}
    python3 -m pip install -q --no-index --find-links .whl "fastcore>=1.12.3,<2" fastprogress "nbdev>=2.4.14,<3" \
      "execnb>=0.1.12,<0.2" matplotlib-inline
    export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1
    nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv || true
    python3 -m mcjepa.bench --device_check "$out" ;;
  *) echo "usage: $0 wheels | run DIR" >&2; exit 2 ;;
esac
