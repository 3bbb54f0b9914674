"""Public image datasets, fetched through torchvision's dataset classes (which check
every file against its published MD5 checksum) into ``prepare.root/<dataset>/``.

A download goes to a temporary folder that replaces the dataset's folder only once
torchvision has finished, so a failed or interrupted download leaves nothing
half-written behind. Offline, ``prepare`` stops with one line naming the files to
fetch by hand and the folder to put them in; archives placed there are checked and
unpacked on the next run, exactly as if torchvision had downloaded them.
"""

import gzip
import os
import shutil
import zlib
from pathlib import Path

import numpy as np
from pydantic import PositiveInt

from embedlab.data.archives import safe_extraction
from embedlab.data.datasets import DATASETS, RawDataset
from embedlab.data.images import image_arrays
from embedlab.errors import DataError
from embedlab.io import atomic_dir

FASHION_MNIST_IDX = "/usr/share/datasets/fashion-mnist"  # installed by `apt-get install dataset-fashion-mnist`


def with_official_test(train, test, classes, unlabeled=None):
    """One :class:`RawDataset` of ``(images, labels)`` pairs, the test pair marked official."""
    images = np.concatenate([train[0], test[0]])
    official_test = np.repeat([False, True], [len(train[1]), len(test[1])])
    labels = np.concatenate([train[1], test[1]]).astype(np.int64)
    return RawDataset(images, labels, list(classes), official_test=official_test, unlabeled=unlabeled)


def open_or_download(name, root, open_splits, urls, place="", hint=""):
    """``open_splits(folder, download)`` opens the dataset's splits with torchvision;
    the dataset's folder is used as it is when torchvision accepts it."""
    folder = Path(root) / name
    try:
        return open_splits(folder, download=False)
    except RuntimeError:  # torchvision's word for "not there, or a checksum is wrong"
        pass
    try:
        _download(folder, open_splits)
    except (OSError, RuntimeError) as error:
        raise DataError(
            f"dataset {name!r} is not in {folder} and could not be downloaded ({type(error).__name__}: {_first_line(error)}); "
            f"fetch {' '.join(urls)} by hand into {folder / place} and run prepare again{hint}"
        ) from None
    return open_splits(folder, download=False)


def _download(folder, open_splits):
    """Download into a temporary copy of ``folder`` (hard links, so archives placed there
    by hand are found and checked) that replaces it only when torchvision is done."""
    with atomic_dir(folder) as tmp, safe_extraction(folder.name):
        if folder.exists():
            shutil.copytree(folder, tmp, copy_function=os.link, dirs_exist_ok=True)
        open_splits(tmp, download=True)


def _first_line(error):
    lines = str(error).strip().splitlines()
    return lines[0].rstrip(":") if lines else ""


# -- MNIST and Fashion-MNIST (idx files) -----------------------------------------


def read_idx(path):
    """An idx file of unsigned bytes (the MNIST format), gzip-compressed, as an array."""
    try:
        with gzip.open(path, "rb") as handle:
            data = handle.read()
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:  # cut short or not gzip at all
        raise DataError(f"{path} is not a complete gzip file ({error})") from None
    if len(data) < 4 or data[:3] != b"\x00\x00\x08":
        raise DataError(f"{path} is not an idx file of unsigned bytes")
    shape = np.frombuffer(data, ">i4", count=data[3], offset=4)
    try:
        return np.frombuffer(data, np.uint8, offset=4 + 4 * data[3]).reshape(shape)
    except ValueError:
        raise DataError(f"{path}: idx header says {shape.tolist()}, the file holds {len(data)} bytes") from None


def _read_idx_split(folder, split):
    """``(images, labels)`` of one split (``train`` or ``t10k``) in MNIST's file names."""
    return read_idx(folder / f"{split}-images-idx3-ubyte.gz")[..., None], read_idx(folder / f"{split}-labels-idx1-ubyte.gz")


def _train_and_test(cls):
    """``open_splits`` for torchvision classes with a ``train`` flag (MNIST, CIFAR)."""

    def open_splits(folder, download):
        return cls(folder, train=True, download=download), cls(folder, train=False)

    return open_splits


def _mnist_like(name, root, cls, hint=""):
    urls = [f"{cls.mirrors[0]}{filename}" for filename, _ in cls.resources]
    splits = open_or_download(name, root, _train_and_test(cls), urls, f"{cls.__name__}/raw", hint)
    train, test = ((split.data.numpy()[..., None], split.targets.numpy()) for split in splits)
    return with_official_test(train, test, cls.classes)


@DATASETS.register("fashion_mnist")
def fashion_mnist(root, *, idx_dir: str = FASHION_MNIST_IDX):
    """Fashion-MNIST (70,000 28x28 grayscale clothing images, 10 classes, official
    10,000-image test split). Read from the four idx ``.gz`` files in ``idx_dir`` when
    they are all there (Debian's ``dataset-fashion-mnist`` package installs them);
    otherwise downloaded through torchvision."""
    from torchvision.datasets import FashionMNIST

    folder = Path(idx_dir)
    if all((folder / filename).is_file() for filename, _ in FashionMNIST.resources):
        return with_official_test(_read_idx_split(folder, "train"), _read_idx_split(folder, "t10k"), FashionMNIST.classes)
    return _mnist_like("fashion_mnist", root, FashionMNIST, f" (or `apt-get install dataset-fashion-mnist`, read from {idx_dir})")


@DATASETS.register("mnist")
def mnist(root):
    """MNIST (70,000 28x28 handwritten digits, official 10,000-image test split)."""
    from torchvision.datasets import MNIST

    return _mnist_like("mnist", root, MNIST)


# -- CIFAR, STL10 ---------------------------------------------------------------


def _cifar(name, root, cls):
    train, test = open_or_download(name, root, _train_and_test(cls), [cls.url])
    return with_official_test(*((split.data, np.asarray(split.targets)) for split in (train, test)), train.classes)


@DATASETS.register("cifar10")
def cifar10(root):
    """CIFAR-10 (60,000 32x32 colour images, 10 classes, official 10,000-image test split)."""
    from torchvision.datasets import CIFAR10

    return _cifar("cifar10", root, CIFAR10)


@DATASETS.register("cifar100")
def cifar100(root):
    """CIFAR-100 (60,000 32x32 colour images, 100 fine classes, MonoCon's benchmark)."""
    from torchvision.datasets import CIFAR100

    return _cifar("cifar100", root, CIFAR100)


@DATASETS.register("stl10")
def stl10(root, *, unlabeled: bool = True):
    """STL10 (13,000 labelled 96x96 colour images, 10 classes, official 8,000-image test
    split) and, with ``unlabeled``, its 100,000 unlabeled images (2.8 GB in memory),
    which pretraining adds to its training images when the loss needs no labels."""
    from torchvision.datasets import STL10

    def open_splits(folder, download):
        train = STL10(folder, split="train", download=download)
        return train, STL10(folder, split="test"), STL10(folder, split="unlabeled").data if unlabeled else None

    train, test, extra = open_or_download("stl10", root, open_splits, [STL10.url])
    pairs = ((split.data.transpose(0, 2, 3, 1), split.labels) for split in (train, test))
    return with_official_test(*pairs, train.classes, unlabeled=None if extra is None else extra.transpose(0, 2, 3, 1))


# -- Oxford-IIIT pets (images of varying size) -------------------------------------


@DATASETS.register("oxford_pets")
def oxford_pets(root, *, image_size: PositiveInt = 224):
    """Oxford-IIIT Pet (7,349 photos of 37 cat and dog breeds, official 3,669-image test
    split); each photo is scaled so its shorter side is ``image_size`` and centre-cropped
    to a square."""
    from torchvision.datasets import OxfordIIITPet

    def open_splits(folder, download):
        return OxfordIIITPet(folder, split="trainval", download=download), OxfordIIITPet(folder, split="test")

    urls = [url for url, _ in OxfordIIITPet._RESOURCES]
    train, test = open_or_download("oxford_pets", root, open_splits, urls, "oxford-iiit-pet")
    return with_official_test(image_arrays(train, image_size), image_arrays(test, image_size), train.classes)
