"""Dataset loaders: each returns every labelled input of a dataset -- images as uint8
arrays, or sentences.

A loader takes the download root positionally and its options as keywords; it returns
:class:`RawDataset`. Datasets with an official test (and validation) split mark it, and
the split protocol uses it. The loaders live in this file (``digits``),
:mod:`embedlab.data.public_datasets` (downloaded through torchvision),
:mod:`embedlab.data.file_datasets` (the user's own image folder or HDF5 file) and
:mod:`embedlab.data.text_datasets` (sentence pairs: STS-B, SNLI, the user's own file).
"""

from dataclasses import dataclass

import numpy as np

from embedlab.errors import DataError
from embedlab.registry import Registry

DATASETS = Registry("dataset")


@dataclass
class RawDataset:
    """``inputs``: images (uint8 N x H x W x C), sentences (N strings), or sentences as
    token ids (int32 N x max_length, padded, see :mod:`embedlab.models.text`).

    Sentence datasets hold pairs: rows 2i and 2i + 1 are one pair and share its label
    (each pair its own class, as MonoCon trains on entailment pairs); ``scores`` is the
    pair's gold similarity on each of its rows (NaN where the dataset has none).
    """

    inputs: np.ndarray
    labels: np.ndarray  # int64, N
    classes: list
    official_test: np.ndarray | None = None  # bool mask of the dataset's own test split
    unlabeled: np.ndarray | None = None  # extra images without labels (self-supervised)
    official_val: np.ndarray | None = None  # bool mask of the dataset's own validation split
    scores: np.ndarray | None = None  # float32 N: each sentence pair's gold similarity

    def __post_init__(self):
        if modality(self.inputs) is None:
            raise DataError(f"inputs must be uint8 N x H x W x C images, N sentences or int N x L token ids, got {self.inputs.dtype} {self.inputs.shape}")
        if len(self.inputs) != len(self.labels):
            raise DataError(f"{len(self.inputs)} inputs but {len(self.labels)} labels")
        present = len(np.unique(self.labels))
        if present < 2:
            raise DataError(f"the dataset has {present} class(es) {self.classes}; metric learning needs at least two")


def modality(inputs):
    """``image`` (uint8 N x H x W x C), ``text`` (N sentences, or int N x L token ids), or None."""
    if inputs.dtype == np.uint8 and inputs.ndim == 4:
        return "image"
    if (inputs.dtype.kind == "U" and inputs.ndim == 1) or (inputs.dtype.kind == "i" and inputs.ndim == 2):
        return "text"
    return None


@DATASETS.register("digits")
def digits(root):
    """scikit-learn's 8x8 handwritten digits (1,797 images, 10 classes), shipped with
    scikit-learn, so the default pipeline needs no download."""
    from sklearn.datasets import load_digits

    bunch = load_digits()
    images = np.rint(bunch.images * (255 / 16)).astype(np.uint8)[..., None]
    return RawDataset(images, bunch.target.astype(np.int64), [str(c) for c in bunch.target_names])


from embedlab.data import file_datasets, public_datasets, text_datasets  # noqa: E402,F401  (fill the registry)
