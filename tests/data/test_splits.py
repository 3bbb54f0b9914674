from types import SimpleNamespace

import numpy as np
import pytest

from embedlab.data.datasets import RawDataset
from embedlab.data.prepared import load_split, save_split
from embedlab.data.splits import make_split
from embedlab.errors import ConfigError, DataError


def raw(classes=5, per_class=40, official_test=False):
    labels = np.repeat(np.arange(classes), per_class)
    images = np.zeros((len(labels), 4, 4, 1), np.uint8)
    test = (np.arange(len(labels)) % 4 == 0) if official_test else None
    return RawDataset(images, labels, [str(c) for c in range(classes)], official_test=test)


def prepare(**overrides):
    values = dict(val_fraction=0.1, test_fraction=0.2, num_classes=None, samples_per_class=None, holdout_classes=[])
    return SimpleNamespace(**{**values, **overrides})


def test_stratified_fractions_and_disjoint_splits():
    split = make_split(raw(), prepare(), seed=0)
    sizes = {name: len(idx) for name, idx in split.items()}
    assert sizes == {"train": 144, "val": 16, "test": 40, "holdout": 0}
    labels = raw().labels
    assert all(np.bincount(labels[split["test"]]).tolist() == [8] * 5 for _ in [0])
    everything = np.concatenate(list(split.values()))
    assert len(np.unique(everything)) == len(everything) == 200


def test_same_seed_same_split_other_seed_other_split():
    a, b, c = (make_split(raw(), prepare(), seed=s) for s in (1, 1, 2))
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert not np.array_equal(a["train"], c["train"])


def test_official_test_split_is_used():
    data = raw(official_test=True)
    split = make_split(data, prepare(), seed=0)
    assert np.array_equal(split["test"], np.flatnonzero(data.official_test))


def test_first_num_classes_only():
    split = make_split(raw(), prepare(num_classes=3), seed=0)
    labels = raw().labels
    assert set(labels[np.concatenate(list(split.values()))]) == {0, 1, 2}


def test_samples_per_class_in_training_only():
    split = make_split(raw(), prepare(samples_per_class=15), seed=0)
    labels = raw().labels
    assert np.bincount(labels[split["train"]]).tolist() == [15] * 5
    assert len(split["test"]) == 40


def test_holdout_classes_never_reach_training():
    split = make_split(raw(), prepare(holdout_classes=[1, 3]), seed=0)
    labels = raw().labels
    assert set(labels[split["holdout"]]) == {1, 3} and len(split["holdout"]) == 80
    for name in ("train", "val", "test"):
        assert not set(labels[split[name]]) & {1, 3}


@pytest.mark.parametrize(
    "overrides, key",
    [({"num_classes": 9}, "prepare.num_classes"), ({"samples_per_class": 500}, "prepare.samples_per_class"),
     ({"holdout_classes": [7]}, "prepare.holdout_classes"), ({"holdout_classes": [0, 1, 2, 3]}, "prepare.holdout_classes")],
)
def test_impossible_protocols_name_the_key(overrides, key):
    with pytest.raises(ConfigError, match=key):
        make_split(raw(), prepare(**overrides), seed=0)


def test_saved_split_is_reused_exactly(tmp_path):
    split = make_split(raw(), prepare(holdout_classes=[4]), seed=3)
    save_split(tmp_path / "split.json", split)
    loaded = load_split(tmp_path / "split.json", 200)
    assert all(np.array_equal(split[k], loaded[k]) for k in split)


def test_split_file_out_of_range_or_malformed(tmp_path):
    save_split(tmp_path / "split.json", make_split(raw(), prepare(), seed=0))
    with pytest.raises(DataError, match="out of range"):
        load_split(tmp_path / "split.json", 100)
    (tmp_path / "bad.json").write_text("{\"train\": [1]}")
    with pytest.raises(DataError, match="not a split"):
        load_split(tmp_path / "bad.json", 100)
