"""The prepared dataset on disk (``data/prepared``): one .npy pair per split, the split
indices and a small metadata file. Arrays are memory-mapped on load."""

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from embedlab.data.splits import SPLITS, save_split
from embedlab.io import atomic_path, write_json


@dataclass
class Split:
    images: np.ndarray  # uint8 N x H x W x C
    labels: np.ndarray  # int64 N

    def __len__(self):
        return len(self.labels)


def save_prepared(directory, raw, split, dataset_name):
    directory = Path(directory)
    for name, idx in split.items():
        _save_npy(directory / f"{name}_images.npy", raw.images[idx])
        _save_npy(directory / f"{name}_labels.npy", raw.labels[idx])
    if raw.unlabeled is not None:
        _save_npy(directory / "unlabeled_images.npy", raw.unlabeled)
    save_split(directory / "split.json", split)
    height, width, channels = raw.images.shape[1:]
    meta = {
        "dataset": dataset_name,
        "classes": raw.classes,
        "image_shape": [channels, height, width],
        "sizes": {name: len(idx) for name, idx in split.items()},
        "unlabeled": 0 if raw.unlabeled is None else len(raw.unlabeled),
    }
    write_json(directory / "meta.json", meta)
    return meta


def _save_npy(path, array):
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as handle:
            np.save(handle, np.ascontiguousarray(array))


def load_meta(directory):
    return json.loads((Path(directory) / "meta.json").read_text(encoding="utf-8"))


def load_split_arrays(directory, name):
    directory = Path(directory)
    images = np.load(directory / f"{name}_images.npy", mmap_mode="r")
    labels = np.load(directory / f"{name}_labels.npy")
    return Split(images, labels)


def load_unlabeled(directory):
    path = Path(directory) / "unlabeled_images.npy"
    return np.load(path, mmap_mode="r") if path.exists() else None


__all__ = ["SPLITS", "Split", "load_meta", "load_split_arrays", "load_unlabeled", "save_prepared"]
