"""The user's own data: a folder of images with one sub-folder per class, or one HDF5
file with an image array and a label array (as the three-stage thesis used). These
have no official test split; the split protocol draws one (``prepare.test_fraction``)."""

from pathlib import Path

import numpy as np
from pydantic import PositiveInt

from embedlab.data.datasets import DATASETS, RawDataset
from embedlab.data.images import image_arrays
from embedlab.errors import DataError


def _existing(path, key, kind):
    path = Path(path)
    if not (path.is_dir() if kind == "folder" else path.is_file()):
        raise DataError(f"{key} {str(path)!r} is not a {kind}")
    return path


@DATASETS.register("imagefolder")
def imagefolder(root, *, path: str, image_size: PositiveInt = 224):
    """Every image under ``path/<class>/`` (torchvision's ImageFolder: sub-folders sorted
    by name are the classes), scaled so the shorter side is ``image_size`` and
    centre-cropped to a square."""
    from torchvision.datasets import ImageFolder

    try:
        folder = ImageFolder(_existing(path, "dataset.path", "folder"))
    except FileNotFoundError as error:  # a class folder without images
        raise DataError(f"dataset.path {path!r}: {error}") from None
    images, labels = image_arrays(folder, image_size)
    return RawDataset(images, labels, folder.classes)


@DATASETS.register("hdf5")
def hdf5(root, *, path: str, images: str = "images", labels: str = "labels"):
    """One HDF5 file: ``images`` (uint8, or floats in [0, 1]; N x H x W, N x H x W x C or
    N x C x H x W with C 1 or 3) and ``labels`` (N values of any kind; their sorted
    distinct values become the classes)."""
    import h5py

    with h5py.File(_existing(path, "dataset.path", "file"), "r") as handle:
        image_array, label_array = (_read(handle, name, path) for name in (images, labels))
    values, label_ids = np.unique(label_array, return_inverse=True)
    classes = [v.decode() if isinstance(v, bytes) else str(v) for v in values.tolist()]
    return RawDataset(_channels_last(_as_uint8(image_array, path), path), label_ids.astype(np.int64), classes)


def _read(handle, name, path):
    if name not in handle:
        raise DataError(f"{path} has no dataset {name!r}; it has {', '.join(handle.keys()) or 'none'}")
    return handle[name][()]


def _as_uint8(images, path):
    if images.dtype == np.uint8:
        return images
    if np.issubdtype(images.dtype, np.floating) and images.size and 0 <= images.min() and images.max() <= 1:
        return np.rint(images * 255).astype(np.uint8)
    raise DataError(f"{path}: images must be uint8 or floats in [0, 1], got {images.dtype}")


def _channels_last(images, path):
    """N x H x W x C; a 4-D array whose last axis is not 1 or 3 is read as N x C x H x W."""
    if images.ndim == 3:
        return images[..., None]
    if images.ndim == 4 and images.shape[-1] in (1, 3):
        return images
    if images.ndim == 4 and images.shape[1] in (1, 3):
        return images.transpose(0, 2, 3, 1)
    raise DataError(f"{path}: images of shape {images.shape} are not N x H x W (x C) with 1 or 3 channels")
