#!/usr/bin/env bash
# Packs the libraries into the local feed artifacts/packages (DeepKeras, DeepKeras.Plotting, DeepKeras.Interactive).
# Each pack gets a fresh prerelease version, 0.1.0-dev.<UTC yyyyMMddHHmmss>, and the notebooks ask for "0.1.0-*"
# (the highest one): a rebuilt package is never shadowed by an older copy of the same version in the NuGet cache.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
suffix="dev.$(date -u +%Y%m%d%H%M%S)"
rm -rf artifacts/packages
for p in src/DeepKeras src/DeepKeras.Plotting src/DeepKeras.Interactive; do
  dotnet pack "$p" -c Release --nologo -v q --version-suffix "$suffix" -p:NoWarn=NU1603 >/dev/null
done
echo "[pack] $(ls artifacts/packages | tr '\n' ' ')"
