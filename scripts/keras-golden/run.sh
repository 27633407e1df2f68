#!/usr/bin/env bash
# Runs golden-file generators in the Keras oracle and copies what they write into the test data folder.
#   scripts/keras-golden/run.sh                      every generator (scripts/keras-golden/gen_*.py)
#   scripts/keras-golden/run.sh gen_tracking.py ...  only these
# Needs the oracle (../shared/keras-oracle/README.md); CI never runs this, it reads the committed files.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
oracle="${KERAS_ORACLE_RUN:-$repo/../shared/keras-oracle/run.sh}"
data="$repo/tests/DeepKeras.Tests/Data/keras3"
cd "$here"
gens=("$@")
[ ${#gens[@]} -gt 0 ] || gens=(gen_*.py)
for gen in "${gens[@]}"; do
  work=$(mktemp -d /tmp/keras-golden.XXXXXX)
  cp "$here/golden.py" "$here/$gen" "$work/"
  echo "== $gen"
  COLUMNS=200 ORACLE_GOLDEN_OUT="$work/out" PYTHONHASHSEED=0 OMP_NUM_THREADS=1 "$oracle" "$work/$gen"
  for case in "$work"/out/*/; do
    name=$(basename "$case")
    rm -rf "${data:?}/$name"
    mkdir -p "$data/$name"
    cp "$case"* "$data/$name/"
    echo "   $name: $(ls "$data/$name" | wc -l) files, $(du -sk "$data/$name" | cut -f1) KiB"
  done
  rm -rf "$work"
done
