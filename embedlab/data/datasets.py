"""Dataset loaders: each returns every labelled image of a dataset as uint8 arrays.

A loader takes the download root positionally and its options as keywords; it returns
:class:`RawDataset`. Datasets with an official test split mark it, and the split
protocol uses it as the test set. The loaders live in this file (``digits``),
:mod:`embedlab.data.public_datasets` (downloaded through torchvision) and
:mod:`embedlab.data.file_datasets` (the user's own image folder or HDF5 file).
"""

from dataclasses import dataclass

import numpy as np

from embedlab.errors import DataError
from embedlab.registry import Registry

DATASETS = Registry("dataset")


@dataclass
class RawDataset:
    images: np.ndarray  # uint8, N x H x W x C
    labels: np.ndarray  # int64, N
    classes: list
    official_test: np.ndarray | None = None  # bool mask of the dataset's own test split
    unlabeled: np.ndarray | None = None  # extra images without labels (self-supervised)

    def __post_init__(self):
        if self.images.dtype != np.uint8 or self.images.ndim != 4:
            raise DataError(f"images must be uint8 N x H x W x C, got {self.images.dtype} {self.images.shape}")
        if len(self.images) != len(self.labels):
            raise DataError(f"{len(self.images)} images but {len(self.labels)} labels")
        present = len(np.unique(self.labels))
        if present < 2:
            raise DataError(f"the dataset has {present} class(es) {self.classes}; metric learning needs at least two")


@DATASETS.register("digits")
def digits(root):
    """scikit-learn's 8x8 handwritten digits (1,797 images, 10 classes), shipped with
    scikit-learn, so the default pipeline needs no download."""
    from sklearn.datasets import load_digits

    bunch = load_digits()
    images = np.rint(bunch.images * (255 / 16)).astype(np.uint8)[..., None]
    return RawDataset(images, bunch.target.astype(np.int64), [str(c) for c in bunch.target_names])


from embedlab.data import file_datasets, public_datasets  # noqa: E402,F401  (fill the registry)
