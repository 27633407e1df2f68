"""Folder datasets: the file order, labels, class names, split and printed lines of Keras's
image_dataset_from_directory / text_dataset_from_directory for a small tree of empty files.

The oracle has neither TensorFlow nor PIL, so it cannot decode images; what is compared here is the pure-Python part
both functions share (dataset_utils.index_directory, get_training_or_validation_split, check_validation_split_arg).
The tree (tree.json) is written by this script in a temporary folder, and the C# test builds the same tree from it.
"""
import contextlib
import io
import os
import shutil
import tempfile

from keras.src.utils import dataset_utils

import golden

IMAGE_FORMATS = (".bmp", ".gif", ".jpeg", ".jpg", ".png")

# Files of the tree, relative, "/"-separated; folders are made as needed. Hidden folders, nested folders, upper-case
# extensions, files of other formats and files at the top level are all there on purpose.
TREE = [
    "cats/c01.png", "cats/c02.jpg", "cats/c03.JPEG", "cats/c04.bmp", "cats/c05.gif", "cats/c06.png", "cats/notes.txt",
    "dogs/d01.png", "dogs/d02.png", "dogs/D03.PNG", "dogs/d04.jpg", "dogs/puppies/p01.png", "dogs/puppies/p02.png",
    "dogs/puppies/deep/p03.png", "dogs/readme.txt",
    "birds/b01.png", "birds/b02.png", "birds/b03.png", "birds/b 04.png", "birds/b_05.png",
    "birds-extra/e01.png",
    ".hidden/h01.png",
    "top.png", "top.txt",
]
TEXT_TREE = [
    "neg/n1.txt", "neg/n2.txt", "neg/n3.txt", "neg/N4.TXT", "neg/skip.md", "neg/sub/n5.txt",
    "pos/p1.txt", "pos/p2.txt", "pos/p3.txt", "pos/p4.txt",
    "unsup.txt",
]


def make_tree(root, names):
    for name in names:
        path = os.path.join(root, *name.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(name)


def index(root, formats, labels="inferred", class_names=None, shuffle=True, seed=None, validation_split=None, subset=None):
    given = list(labels) if isinstance(labels, list) else labels  # index_directory shuffles a labels list in place
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        dataset_utils.check_validation_split_arg(validation_split, subset, shuffle, seed)
        paths, labs, names = dataset_utils.index_directory(
            root, labels, formats=formats, class_names=class_names, shuffle=shuffle, seed=seed, verbose=True)
        parts = {}
        subsets = ["training", "validation"] if subset == "both" else [subset]
        for s in subsets:
            p, l = dataset_utils.get_training_or_validation_split(paths, labs, validation_split, s)
            parts[s or "all"] = {
                "files": [os.path.relpath(x, root).replace(os.sep, "/") for x in p],
                "labels": None if l is None else [int(v) for v in l],
            }
    return {
        "args": {"labels": given, "class_names": class_names, "shuffle": shuffle, "seed": seed,
                 "validation_split": validation_split, "subset": subset},
        "class_names": names,
        "parts": parts,
        "printed": out.getvalue(),
    }


def error(root, formats, **kwargs):
    try:
        index(root, formats, **kwargs)
    except ValueError as e:
        return {"args": kwargs, "error": str(e)}
    raise AssertionError(f"expected an error for {kwargs}")


def main():
    tmp = tempfile.mkdtemp()
    try:
        images = os.path.join(tmp, "images")
        texts = os.path.join(tmp, "texts")
        make_tree(images, TREE)
        make_tree(texts, TEXT_TREE)
        # Explicit labels: one per image file of the whole tree (hidden folders included), in os.walk order.
        manual = range(len(index(images, IMAGE_FORMATS, labels=None, shuffle=False)["parts"]["all"]["files"]))

        d = golden.out_dir("folders_images")
        golden.save_json(d, "tree", TREE)
        golden.save_json(d, "cases", [
            index(images, IMAGE_FORMATS, shuffle=False),
            index(images, IMAGE_FORMATS, seed=1),
            index(images, IMAGE_FORMATS, seed=42),
            index(images, IMAGE_FORMATS, seed=1337, validation_split=0.25, subset="training"),
            index(images, IMAGE_FORMATS, seed=1337, validation_split=0.25, subset="validation"),
            index(images, IMAGE_FORMATS, seed=7, validation_split=0.2, subset="both"),
            index(images, IMAGE_FORMATS, shuffle=False, validation_split=0.3, subset="both"),
            index(images, IMAGE_FORMATS, seed=3, class_names=["dogs", "cats"]),
            index(images, IMAGE_FORMATS, labels=None, seed=5),
            index(images, IMAGE_FORMATS, labels=[i % 3 for i in manual], shuffle=False),
            index(images, IMAGE_FORMATS, labels=[i % 2 for i in manual], seed=11, validation_split=0.5, subset="both"),
        ])
        golden.save_json(d, "errors", [
            error(images, IMAGE_FORMATS, validation_split=1.5, subset="training", seed=1),
            error(images, IMAGE_FORMATS, validation_split=0.2, seed=1),
            error(images, IMAGE_FORMATS, subset="training", seed=1),
            error(images, IMAGE_FORMATS, validation_split=0.2, subset="train", seed=1),
            error(images, IMAGE_FORMATS, validation_split=0.2, subset="training"),
            error(images, IMAGE_FORMATS, seed=1, class_names=["cats", "wolves"]),
            error(images, IMAGE_FORMATS, seed=1, labels=[0, 1]),
        ])

        d = golden.out_dir("folders_texts")
        golden.save_json(d, "tree", TEXT_TREE)
        golden.save_json(d, "cases", [
            index(texts, (".txt",), shuffle=False),
            index(texts, (".txt",), seed=1337, validation_split=0.2, subset="both"),
            index(texts, (".txt",), labels=None, shuffle=False),
        ])
    finally:
        shutil.rmtree(tmp)


main()
