"""The prepare stage, in-process in a temporary folder: a saved split is reused exactly,
and a dataset that cannot be downloaded stops it with one line and no files in data/."""

import shutil
import urllib.error
import urllib.request

import numpy as np
import pytest

from stages import prepare
from tests.conftest import write_params


def run_prepare(tmp_path, monkeypatch, params):
    monkeypatch.chdir(tmp_path)
    write_params(tmp_path, params)
    prepare.main()


def test_a_later_run_reuses_the_saved_split(tmp_path, monkeypatch, params):
    params["prepare"].update(samples_per_class=5, holdout_classes=[9])
    run_prepare(tmp_path, monkeypatch, params)
    first = {name: np.load(tmp_path / "data/prepared" / f"{name}_labels.npy") for name in ("train", "val", "test", "holdout")}
    shutil.copy(tmp_path / "data/prepared/split.json", tmp_path / "saved_split.json")

    params["base"]["seed"] = 1  # another seed would draw another split
    params["prepare"].update(split_file="saved_split.json", samples_per_class=None, holdout_classes=[])
    run_prepare(tmp_path, monkeypatch, params)
    assert (tmp_path / "data/prepared/split.json").read_text() == (tmp_path / "saved_split.json").read_text()
    for name, labels in first.items():
        assert np.array_equal(np.load(tmp_path / "data/prepared" / f"{name}_labels.npy"), labels)
    assert np.bincount(first["train"]).tolist() == [5] * 9 and set(first["holdout"]) == {9}


def test_offline_download_stops_with_one_line_and_nothing_in_data(tmp_path, monkeypatch, params, capsys):
    def refuse(*args, **kwargs):
        raise urllib.error.URLError("no network")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    params["dataset"] = "cifar10"
    with pytest.raises(SystemExit) as exited:
        run_prepare(tmp_path, monkeypatch, params)
    error = capsys.readouterr().err
    assert exited.value.code == 2 and error.count("\n") == 1
    assert error.startswith("error: dataset 'cifar10' is not in data/downloads/cifar10") and "cifar-10-python.tar.gz" in error
    assert [p for p in (tmp_path / "data").rglob("*") if p.is_file()] == []
