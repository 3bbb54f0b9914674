"""The prepared dataset on disk (``data/prepared``): one .npy pair per split (inputs and
labels; for sentence pairs also their gold scores), the split indices (reusable by a
later run) and a small metadata file. Arrays are memory-mapped on load."""

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from embedlab.data.datasets import modality
from embedlab.errors import DataError
from embedlab.io import atomic_path, write_json

SPLITS = ("train", "val", "test", "holdout")


@dataclass
class Split:
    inputs: np.ndarray  # uint8 N x H x W x C images, or int32 N x L token ids
    labels: np.ndarray  # int64 N
    scores: np.ndarray | None = None  # float32 N: a sentence pair's gold similarity on both its rows

    def __len__(self):
        return len(self.labels)


def save_prepared(directory, raw, split, dataset_name):
    directory = Path(directory)
    for name, idx in split.items():
        _save_npy(directory / f"{name}_inputs.npy", raw.inputs[idx])
        _save_npy(directory / f"{name}_labels.npy", raw.labels[idx])
        if raw.scores is not None:
            _save_npy(directory / f"{name}_scores.npy", raw.scores[idx])
    if raw.unlabeled is not None:
        _save_npy(directory / "unlabeled_inputs.npy", raw.unlabeled)
    save_split(directory / "split.json", split)
    meta = {
        "dataset": dataset_name,
        "modality": modality(raw.inputs),
        "classes": raw.classes,
        "input_shape": input_shape(raw.inputs),
        "sizes": {name: len(idx) for name, idx in split.items()},
        "unlabeled": 0 if raw.unlabeled is None else len(raw.unlabeled),
    }
    write_json(directory / "meta.json", meta)
    return meta


def input_shape(inputs):
    """[channels, height, width] of images; [max_length] of token ids."""
    if modality(inputs) == "image":
        height, width, channels = inputs.shape[1:]
        return [channels, height, width]
    return list(inputs.shape[1:])


def _save_npy(path, array):
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as handle:
            np.save(handle, np.ascontiguousarray(array))


def load_meta(directory):
    path = Path(directory) / "meta.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DataError(f"{path} is unreadable ({type(error).__name__}); run `dvc repro prepare`") from None


def load_split_arrays(directory, name):
    directory = Path(directory)
    inputs = _load_npy(directory / f"{name}_inputs.npy", mmap_mode="r")
    labels = _load_npy(directory / f"{name}_labels.npy")
    if modality(inputs) is None or len(inputs) != len(labels):
        raise DataError(f"{directory}/{name}_*.npy do not hold N inputs (images or token ids) and N labels; run `dvc repro prepare`")
    scores = directory / f"{name}_scores.npy"
    return Split(inputs, labels, _load_npy(scores) if scores.exists() else None)


def _load_npy(path, mmap_mode=None):
    try:
        return np.load(path, mmap_mode=mmap_mode, allow_pickle=False)
    except (OSError, ValueError, EOFError) as error:
        raise DataError(f"{path} is missing or corrupt ({type(error).__name__}); run `dvc repro prepare`") from None


def load_unlabeled(directory):
    path = Path(directory) / "unlabeled_inputs.npy"
    return np.load(path, mmap_mode="r") if path.exists() else None


def save_split(path, split):
    write_json(path, {name: idx.tolist() for name, idx in split.items()})


def load_split(path, num_samples):
    """Read a split file written by :func:`save_split`, checking every index."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        split = {name: np.asarray(data[name], dtype=np.int64) for name in SPLITS}
    except FileNotFoundError:
        raise DataError(f"split file {path} does not exist") from None
    except (ValueError, KeyError, TypeError) as error:
        raise DataError(f"split file {path} is not a split ({type(error).__name__}: {error}); expected keys {', '.join(SPLITS)}") from None
    for name, idx in split.items():
        if idx.size and (idx.min() < 0 or idx.max() >= num_samples):
            raise DataError(f"split file {path}: {name} indices out of range for {num_samples} samples")
    return split
