#!/usr/bin/env bash
# DeepKeras entry script.
#   ./build.sh setup   idempotent machine setup (libstdc++ for TorchSharp, Fashion-MNIST into the Keras cache)
#   ./build.sh test    setup, then build and run the unit tests
#   ./build.sh demo    setup, then run the main demo (examples/Dnn: the course's DNN on Fashion-MNIST)
#   ./build.sh bench [model]   setup, then the Fit-vs-raw-TorchSharp benchmark (mlp by default)
#   ./build.sh pack    the NuGet packages DeepKeras, DeepKeras.Plotting, DeepKeras.Interactive -> artifacts/packages
#                      (version 0.1.0-dev.<UTC time>: every pack is newer than any copy in the NuGet cache)
#   ./build.sh notebooks [--quick] [--out DIR] [notebooks...]   setup, pack, then run the notebooks headless
#                      (default: all of notebooks/*.ipynb, rewritten in place with their outputs; --quick sets
#                      DEEPKERAS_QUICK=1 for short runs; --out DIR writes the executed copies there instead)
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

verb="${1:-}"
shift || true
case "$verb" in
  setup)
    bash scripts/setup.sh
    ;;
  test)
    bash scripts/setup.sh
    dotnet build DeepKeras.sln -c Release --nologo -v q
    dotnet test tests/DeepKeras.Tests/DeepKeras.Tests.csproj -c Release --no-build --nologo \
      --logger "console;verbosity=normal" "$@"
    ;;
  demo)
    bash scripts/setup.sh
    dotnet run -c Release --project examples/Dnn -- "$@"
    ;;
  bench)
    bash scripts/setup.sh
    dotnet run -c Release --project bench/DeepKeras.Bench -- "${@:-mlp}"
    ;;
  pack)
    bash scripts/pack.sh
    ;;
  notebooks)
    bash scripts/setup.sh
    bash scripts/pack.sh
    bash scripts/run-notebooks.sh "$@"
    ;;
  *)
    echo "usage: ./build.sh setup|test|demo|bench|pack|notebooks [args]" >&2
    exit 2
    ;;
esac
