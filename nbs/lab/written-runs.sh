#!/usr/bin/env bash
# The paper's objective as written (no deviation of the CPU preset) at 256x384 with the miniature's widths, and the
# same runs with one of the CPU preset's deviations switched on.
# usage: written-runs.sh NAME SEED [SWITCH]   (NAME: m or mc; SWITCH: names from the case below, joined by +), e.g.
#   nohup nbs/lab/written-runs.sh m 0 >/dev/null 2>&1 &
#   nohup nbs/lab/written-runs.sh m 0 bicubic >/dev/null 2>&1 &
# Runs live in $RUNS (default ~/mcjepa-runs/written, outside the work tree, which a new session lays anew); a run
# whose folder has a checkpoint resumes. Its log.csv, diagnostics.jsonl and config.json are copied to
# nbs/results/written/ when committed.
#   nbs/lab/written-runs.sh copy   copies every run's logs and config into nbs/results/written/
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
py=${PY:-$repo/.venv/bin/python}
mkdir -p "${RUNS:=$HOME/mcjepa-runs/written}" && cd "$RUNS"
if [ "$1" = copy ]; then
  for run in */seed*; do
    what=${run%%/*}; base=${what%%-*}-jepa_256x384; [ "$what" != "${what%%-*}" ] && base=${base}_${what#*-}
    to=$repo/nbs/results/written/${base}_${run##*/}; mkdir -p "$to"
    cp "$run"/config.json "$run"/log.csv "$run"/diagnostics.jsonl "$to"/ 2>/dev/null; echo "$run -> $to"
  done
  exit 0
fi
name=$1; seed=$2; switch=${3:-}
common="--encoder convnext_atto --width_factor 0.25 --flow_size 256,384 --flow_batch_size 4 --epochs 10 --warmup_epochs 1
 --motion chairs --photometric true --num_workers 1 --val_pairs 16 --large_val_pairs 8 --warp_mode bilinear
 --occ_min_visible 0 --occlusion_warmup_epochs 0 --output_scale 20 --corr_norm none --reg_detach none --num_threads 1
 --log_every 10 --val_every 50 --checkpoint_every 25 --tensorboard false --progress false --seed $seed"
case $name in
  m)  args="--preset m-jepa --embedded_pairs 400 $common";;
  mc) args="--preset mc-jepa --expander_dims 256-256-256 --image_size 64 --batch_size 16 --embedded_images 1600
            --flow_start_epoch 1 --vc_warmup_epochs 0 $common";;
esac
# one deviation of the CPU preset at a time (or several joined by '+'; the later flag wins)
for one in ${switch//+/ }; do
  case $one in
    bicubic) args="$args --warp_mode bicubic";;                 # the losses' warps without bilinear's cusp at 0
    estbicubic) args="$args --est_warp_mode bicubic";;          # the estimator's feature warp, bicubic too
    maskwarmup) args="$args --occlusion_warmup_epochs 1";;      # the first 100 flow steps without occlusion masks
    fallback) args="$args --occ_min_visible 0.5";;              # a batch with < 50 % visible trains without masks
    scale1) args="$args --output_scale 1";;                     # heads predict image pixels (not PWC-Net's /20)
    stdcorr) args="$args --corr_norm standard";;                # standardised cost volume
    regdetach) args="$args --reg_detach features";;             # L_reg sends no gradient into the encoder
    flowlr) args="$args --flow_lr 5e-4 --flow_end_lr 5e-5";;    # the CPU preset's estimator lr
    cpu) args="$args --warp_mode bicubic --occlusion_warmup_epochs 2 --occ_min_visible 0.5 --output_scale 1
               --corr_norm standard --reg_detach features --flow_lr 5e-4 --flow_end_lr 5e-5 --output_level 3
               --drop_path_rate 0";;
                                                                # every deviation of the CPU preset (masks after ~200 steps)
    *) echo "unknown switch $one" >&2; exit 2;;
  esac
done
out=$name${switch:+-$switch}/seed$seed
# a checkpoint of an older mcjepa (pickled; these runs are our own, so trusted) is converted before resuming
log=$name${switch:+-$switch}-seed$seed.log
if [ -f $out/checkpoint.pt ]; then $py -m mcjepa.runs $out/checkpoint.pt --trust_pickle >> $log 2>&1; args="--resume $out"; fi
echo "$(date -Is) start: $args" >> $log
OMP_NUM_THREADS=1 exec $py -m mcjepa.train --out $out $args >> $log 2>&1
