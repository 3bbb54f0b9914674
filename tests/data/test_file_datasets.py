"""The user's own data: an image folder and an HDF5 file, written here in those formats."""

import h5py
import numpy as np
import pytest
from PIL import Image

from embedlab.data.datasets import DATASETS
from embedlab.errors import DataError, EmbedlabError
from embedlab.registry import Spec


def load(name, **options):
    return DATASETS.build(Spec(name, options), "dataset", "unused-download-root")


# -- image folder ----------------------------------------------------------------------------


def test_image_folder_one_class_per_sub_folder(tmp_path):
    for cls, sizes in {"cells": [(20, 10), (12, 12)], "debris": [(9, 30)]}.items():
        (tmp_path / cls).mkdir()
        for index, size in enumerate(sizes):
            Image.new("L", size, 90).convert("L" if index else "RGB").save(tmp_path / cls / f"{index}.png")
    (tmp_path / "cells" / "notes.txt").write_text("not an image")

    raw = load("imagefolder", path=str(tmp_path), image_size=8)
    assert raw.inputs.shape == (3, 8, 8, 3) and raw.inputs.dtype == np.uint8
    assert raw.classes == ["cells", "debris"] and raw.labels.tolist() == [0, 0, 1]
    assert raw.official_test is None and (raw.inputs == 90).all()


def test_image_folder_missing_or_with_an_empty_class(tmp_path):
    with pytest.raises(DataError, match="dataset.path .* is not a folder"):
        load("imagefolder", path=str(tmp_path / "absent"))
    (tmp_path / "empty_class").mkdir()
    with pytest.raises(DataError, match="empty_class"):
        load("imagefolder", path=str(tmp_path))


def test_image_folder_of_one_class_is_refused(tmp_path):
    (tmp_path / "only").mkdir()
    Image.new("L", (4, 4)).save(tmp_path / "only" / "a.png")
    with pytest.raises(DataError, match=r"the dataset has 1 class\(es\) \['only'\]; metric learning needs at least two"):
        load("imagefolder", path=str(tmp_path))


def test_a_dataset_option_without_default_is_required():
    with pytest.raises(EmbedlabError, match=r"params: dataset.path is missing \(dataset 'imagefolder' needs it\)"):
        DATASETS.validate(Spec("imagefolder"), "dataset")


# -- HDF5 --------------------------------------------------------------------------------------


def write_h5(path, **arrays):
    with h5py.File(path, "w") as handle:
        for name, array in arrays.items():
            handle[name] = array


def test_hdf5_channels_last_uint8_with_named_arrays(tmp_path):
    images = np.random.default_rng(0).integers(0, 256, (6, 4, 5, 3), dtype=np.uint8)
    write_h5(tmp_path / "d.h5", x=images, y=np.array([7, 3, 7, 3, 12, 12]))
    raw = load("hdf5", path=str(tmp_path / "d.h5"), images="x", labels="y")
    assert np.array_equal(raw.inputs, images)
    assert raw.classes == ["3", "7", "12"] and raw.labels.tolist() == [1, 0, 1, 0, 2, 2]


def test_hdf5_channels_first_floats_and_string_labels(tmp_path):
    images = np.random.default_rng(1).random((4, 3, 6, 6)).astype(np.float32)
    write_h5(tmp_path / "d.h5", images=images, labels=np.array([b"dog", b"cat", b"dog", b"cat"]))
    raw = load("hdf5", path=str(tmp_path / "d.h5"))
    assert raw.inputs.shape == (4, 6, 6, 3)
    assert np.array_equal(raw.inputs, np.rint(images.transpose(0, 2, 3, 1) * 255).astype(np.uint8))
    assert raw.classes == ["cat", "dog"] and raw.labels.tolist() == [1, 0, 1, 0]


def test_hdf5_grayscale_without_channel_axis(tmp_path):
    write_h5(tmp_path / "d.h5", images=np.zeros((2, 7, 7), np.uint8), labels=np.array([0, 1]))
    assert load("hdf5", path=str(tmp_path / "d.h5")).inputs.shape == (2, 7, 7, 1)


@pytest.mark.parametrize(
    "arrays, options, fragment",
    [
        ({"images": np.zeros((2, 4, 4), np.uint8), "labels": np.zeros(2)}, {"labels": "targets"}, "no dataset 'targets'; it has images, labels"),
        ({"images": np.full((2, 4, 4), 3.0), "labels": np.zeros(2)}, {}, "uint8 or floats in [0, 1], got float64"),
        ({"images": np.zeros((2, 5, 4, 4), np.uint8), "labels": np.zeros(2)}, {}, "not N x H x W (x C) with 1 or 3 channels"),
        ({"images": np.zeros((3, 4, 4), np.uint8), "labels": np.zeros(2)}, {}, "3 inputs but 2 labels"),
    ],
)
def test_hdf5_files_that_do_not_fit_fail_with_one_line(tmp_path, arrays, options, fragment):
    write_h5(tmp_path / "d.h5", **arrays)
    with pytest.raises(DataError) as raised:
        load("hdf5", path=str(tmp_path / "d.h5"), **options)
    assert fragment in str(raised.value) and "\n" not in str(raised.value)


def test_hdf5_missing_file(tmp_path):
    with pytest.raises(DataError, match="dataset.path .* is not a file"):
        load("hdf5", path=str(tmp_path / "absent.h5"))
