"""Checks that Keras loads the legacy .h5 file DeepKeras writes (not a generator: it writes nothing).

    mkdir -p /tmp/dk && DEEPKERAS_ORACLE_OUT=/tmp/dk dotnet test tests/DeepKeras.Tests -c Release --no-build \
        --filter "FullyQualifiedName~SaveH5_WarnsAsKeras"
    cp tests/DeepKeras.Tests/Data/keras3/names_legacy_h5/*.npy tests/DeepKeras.Tests/Data/keras3/names_legacy_h5/*.json /tmp/dk
    cp scripts/keras-golden/check_names_legacy_h5.py /tmp/dk     # the oracle's chroot sees /tmp
    ../shared/keras-oracle/run.sh /tmp/dk/check_names_legacy_h5.py /tmp/dk/deepkeras_functional.h5

Keras loads the model, and its predictions equal those Keras recorded for the file the model was loaded from. Keras
3.15.1 cannot compile a legacy file whose loss is a string such as "mse" (also its own file: "Could not deserialize
'keras.metrics.mse'"), so the model is loaded with compile=False and evaluated after compiling it as the golden
generator did (tests/DeepKeras.Tests/Data/keras3/names_legacy_h5, copied next to the file)."""
import json
import os
import sys

import keras
import numpy as np

case = os.path.dirname(os.path.abspath(sys.argv[1]))
model = keras.models.load_model(sys.argv[1], compile=False)
model.compile(optimizer="adam", loss=["mse", "categorical_crossentropy"], metrics=[["mae"], ["accuracy"]], loss_weights=[1.0, 0.5])
xa, xb, ys, yk = (np.load(f"{case}/{n}.npy") for n in ("xa", "xb", "ys", "yk"))
score, kind = model.predict([xa, xb], verbose=0)
print("score max diff:", np.abs(score - np.load(f"{case}/functional_score.npy")).max())
print("kind max diff:", np.abs(kind - np.load(f"{case}/functional_kind.npy")).max())
expected = json.load(open(f"{case}/results.json"))["functional_evaluate"]
actual = model.evaluate([xa, xb], [ys, yk], verbose=0, return_dict=True)
print("evaluate:", {k: round(actual[k] - expected[k], 7) for k in expected})
