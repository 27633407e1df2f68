#!/usr/bin/env bash
# Idempotent machine setup for DeepKeras.
#  1. TorchSharp-cpu 0.107.0's native shim needs libstdc++ with GLIBCXX_3.4.32 (Debian 12 has 3.4.30):
#     add Debian 13 "trixie" with a low apt pin (100) and install libstdc++6 from it.
#  2. Real Fashion-MNIST from Debian's dataset-fashion-mnist, seeded into the Keras cache layout
#     (~/.keras/datasets/fashion-mnist/*.gz, or $KERAS_HOME/datasets/...).
#  3. Debian packages: fonts-dejavu-core (plot text), python3-statsmodels (series CSVs for examples/Forecast),
#     fortunes (a labelled text corpus for examples/TextRnn) and python3-h5py (the saving tests check the Keras
#     layout of weights files with it), mpich (MPI for multi-process training: MPI.NET speaks MPICH's ABI; the
#     distributed tests and examples/Distributed run under its `mpiexec -n 2`), graphviz (its `dot` draws the PNGs
#     of Keras.Utils.PlotModel, as Keras's plot_model does).
# A machine that already satisfies all of them is left untouched. Without root/apt it prints the commands to run.
set -euo pipefail

say() { echo "[setup] $*"; }

find_libstdcxx() {
  local p
  for p in /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/aarch64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6 /usr/lib/libstdc++.so.6; do
    [ -e "$p" ] && { echo "$p"; return 0; }
  done
  ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 /{print $NF; exit}'
}

has_glibcxx_3432() {
  [ "$(uname -s)" = "Linux" ] || return 0
  local lib; lib=$(find_libstdcxx)
  [ -n "$lib" ] || return 1
  grep -aq 'GLIBCXX_3\.4\.32' "$lib"
}

can_apt() { [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; }

APT_UPDATED=0
apt_update_once() { [ "$APT_UPDATED" = 1 ] || { apt-get update -qq; APT_UPDATED=1; }; }

TRIXIE_LIST=/etc/apt/sources.list.d/deepkeras-trixie.sources
TRIXIE_PIN=/etc/apt/preferences.d/deepkeras-trixie-pin

fix_libstdcxx() {
  if has_glibcxx_3432; then say "libstdc++ provides GLIBCXX_3.4.32: ok"; return 0; fi
  if ! can_apt; then
    cat <<MSG
[setup] libstdc++ lacks GLIBCXX_3.4.32, which TorchSharp 0.107.0 needs. As root on Debian 12, run:
  printf 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' > $TRIXIE_LIST
  printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' > $TRIXIE_PIN
  apt-get update && apt-get install -y -t trixie libstdc++6
On other systems use a distribution with GCC 13+ runtime (Ubuntu 24.04+, Debian 13+).
MSG
    return 1
  fi
  say "libstdc++ lacks GLIBCXX_3.4.32: installing libstdc++6 from Debian trixie (pin 100)"
  if [ ! -f "$TRIXIE_LIST" ]; then
    printf 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' > "$TRIXIE_LIST"
  fi
  if [ ! -f "$TRIXIE_PIN" ]; then
    printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' > "$TRIXIE_PIN"
  fi
  APT_UPDATED=0; apt_update_once
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t trixie libstdc++6 >/dev/null
  has_glibcxx_3432 && say "libstdc++6 from trixie installed" || { say "still no GLIBCXX_3.4.32"; return 1; }
}

keras_datasets_dir() { echo "${KERAS_HOME:-$HOME/.keras}/datasets"; }

seed_fashion_mnist() {
  local src=/usr/share/datasets/fashion-mnist dst; dst="$(keras_datasets_dir)/fashion-mnist"
  local files="train-labels-idx1-ubyte.gz train-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz"
  local f missing=0
  for f in $files; do [ -s "$dst/$f" ] || missing=1; done
  if [ "$missing" = 0 ]; then say "Fashion-MNIST cached in $dst: ok"; return 0; fi
  if [ ! -s "$src/train-images-idx3-ubyte.gz" ]; then
    if can_apt; then
      say "installing Debian package dataset-fashion-mnist"
      apt_update_once
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist >/dev/null
    else
      echo "[setup] Fashion-MNIST not cached. As root run: apt-get install dataset-fashion-mnist  (then rerun setup)"
      return 1
    fi
  fi
  mkdir -p "$dst"
  for f in $files; do
    if [ -s "$src/$f" ]; then cp -f "$src/$f" "$dst/$f";
    elif [ -s "$src/${f%.gz}" ]; then gzip -c "$src/${f%.gz}" > "$dst/$f";
    else say "missing $src/$f"; return 1; fi
  done
  say "Fashion-MNIST seeded into $dst"
}

# Debian packages the project needs at run time: fonts for plot text; the real data sets the RNN examples use offline
# (python3-statsmodels: series such as sunspots and co2 as CSV for examples/Forecast; fortunes: labelled text for
# examples/TextRnn when IMDB is not cached).
ensure_packages() {
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && { say "packages present: $*"; return 0; }
  if ! can_apt; then echo "[setup] missing packages: ${missing[*]}. As root run: apt-get install -y ${missing[*]}"; return 1; fi
  say "installing ${missing[*]}"
  apt_update_once
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

has_h5py() {
  local py
  for py in /usr/bin/python3 python3; do
    command -v "$py" >/dev/null 2>&1 && "$py" -c 'import h5py' >/dev/null 2>&1 && return 0
  done
  return 1
}

ensure_h5py() {
  if has_h5py; then say "python3 with h5py: ok"; return 0; fi
  if ! can_apt; then
    echo "[setup] python3-h5py is missing (the saving tests read weights files with it). As root run: apt-get install python3-h5py"
    return 1
  fi
  say "installing Debian package python3-h5py"
  apt_update_once
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-h5py >/dev/null
  has_h5py && say "python3-h5py installed" || { say "h5py still not importable"; return 1; }
}

status=0
fix_libstdcxx || status=1
if command -v dpkg >/dev/null 2>&1; then ensure_packages fonts-dejavu-core python3-statsmodels fortunes mpich graphviz || status=1; fi
seed_fashion_mnist || status=1
ensure_h5py || status=1
exit $status
