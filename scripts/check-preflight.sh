#!/usr/bin/env bash
# Checks the native-load preflight for real: runs examples/Dnn against Debian 12's libstdc++ (GLIBCXX 3.4.30, too
# old for TorchSharp 0.107) and expects DeepKeras's one-line explanation instead of TorchSharp's loader trace.
# Needs apt access to the Debian 12 archive (apt-get download); skips with a message when that is not possible.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(uname -s)" = Linux ] && command -v apt-get >/dev/null || { echo "preflight check: not a Debian/apt system, skipped"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$(apt-cache madison libstdc++6 2>/dev/null | awk '$3 ~ /^12\./ {print $3; exit}')
[ -n "$version" ] || { echo "preflight check: no Debian 12 libstdc++6 in the apt lists, skipped"; exit 0; }
(cd "$work" && apt-get download -q "libstdc++6=$version" >/dev/null 2>&1) || { echo "preflight check: download failed, skipped"; exit 0; }
dpkg-deb -x "$work"/libstdc++6_*.deb "$work/x"
lib=$(dirname "$(find "$work/x" -name 'libstdc++.so.6' | head -1)")
dotnet build examples/Dnn -c Release -v q --nologo >/dev/null
set +e
out=$(LD_LIBRARY_PATH="$lib" dotnet examples/Dnn/bin/Release/net10.0/Dnn.dll --epochs 1 --limit 100 2>&1)
code=$?
set -e
echo "$out" | grep -F "needs libstdc++ with GLIBCXX_3.4.32" | grep -F "./build.sh setup" || {
  echo "preflight check FAILED (exit $code): expected the BackendLoadException explanation, got:"; echo "$out" | tail -20; exit 1; }
[ "$code" = 3 ] || { echo "preflight check FAILED: expected exit code 3, got $code"; exit 1; }
echo "preflight check passed: an old libstdc++ gives DeepKeras's explanation (exit 3)"
