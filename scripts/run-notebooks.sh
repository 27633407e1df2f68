#!/usr/bin/env bash
# Runs notebooks headless with tools/NotebookRunner (the .NET Interactive C# kernel, in process).
#   scripts/run-notebooks.sh [--quick] [--out DIR] [NOTEBOOK.ipynb...]    (default: notebooks/*.ipynb)
# Needs the local feed (scripts/pack.sh). Exits non-zero naming the notebook and cell when a cell fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) export DEEPKERAS_QUICK=1 ;;
    --out) args+=(--out "$2"); shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
compgen -G "artifacts/packages/DeepKeras.Interactive.*.nupkg" >/dev/null || { echo "no packages in artifacts/packages: run ./build.sh pack" >&2; exit 1; }
dotnet build tools/NotebookRunner -c Release --nologo -v q -p:NoWarn=NU1603 >/dev/null
has_notebook=0
for a in "${args[@]+"${args[@]}"}"; do case "$a" in *.ipynb) has_notebook=1 ;; esac; done
[ "$has_notebook" = 1 ] || args+=(notebooks/*.ipynb)
exec tools/NotebookRunner/bin/Release/net10.0/NotebookRunner --feed artifacts/packages "${args[@]}"
