#!/usr/bin/env bash
# The paper's objective as written (no deviation of the CPU preset) at 256x384 with the miniature's widths.
# usage: written-runs.sh NAME SEED   (NAME: m or mc), in the background:
#   nohup nbs/lab/written-runs.sh m 0 >/dev/null 2>&1 &
# Runs live in $RUNS (default ~/mcjepa-runs/written, outside the work tree, which a new session lays anew); a run
# whose folder has a checkpoint resumes. Its log.csv, diagnostics.jsonl and config.json are copied to
# nbs/results/written/ when committed.
set -u
name=$1; seed=$2
py=${PY:-$(cd "$(dirname "$0")/../.." && pwd)/.venv/bin/python}
mkdir -p "${RUNS:=$HOME/mcjepa-runs/written}" && cd "$RUNS"
common="--encoder convnext_atto --width_factor 0.25 --flow_size 256,384 --flow_batch_size 4 --epochs 10 --warmup_epochs 1
 --motion chairs --photometric true --num_workers 1 --val_pairs 16 --large_val_pairs 8 --warp_mode bilinear
 --occ_min_visible 0 --occlusion_warmup_epochs 0 --output_scale 20 --corr_norm none --reg_detach none --num_threads 1
 --log_every 10 --val_every 50 --checkpoint_every 25 --tensorboard false --progress false --seed $seed"
case $name in
  m)  args="--preset m-jepa --embedded_pairs 400 $common";;
  mc) args="--preset mc-jepa --expander_dims 256-256-256 --image_size 64 --batch_size 16 --embedded_images 1600
            --flow_start_epoch 1 --vc_warmup_epochs 0 $common";;
esac
out=$name/seed$seed
# a checkpoint of an older mcjepa (pickled; these runs are our own, so trusted) is converted before resuming
if [ -f $out/checkpoint.pt ]; then $py -m mcjepa.config $out/checkpoint.pt --trust_pickle >> $name-seed$seed.log 2>&1; args="--resume $out"; fi
echo "$(date -Is) start: $args" >> $name-seed$seed.log
OMP_NUM_THREADS=1 exec $py -m mcjepa.train --out $out $args >> $name-seed$seed.log 2>&1
