"""Each public dataset's loader reads tiny files written here in the real formats (idx,
CIFAR pickle batches, STL10 binaries, the pets' JPEGs and annotation lists); torchvision
checks their MD5 sums as it checks the real ones. No test touches the network."""

import gzip
import io
import hashlib
import pickle
import tarfile
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from embedlab.data.datasets import DATASETS
from embedlab.data.public_datasets import FASHION_MNIST_IDX, read_idx
from embedlab.errors import DataError
from embedlab.registry import Spec

RNG = np.random.default_rng(0)


def load(name, root, **options):
    return DATASETS.build(Spec(name, options), "dataset", str(root))


def md5(path):
    return hashlib.md5(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def offline(monkeypatch):
    """Every URL fails to open, as on a machine without network."""

    def refuse(*args, **kwargs):
        raise urllib.error.URLError("no network")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)


def files_under(folder):
    return [p for p in Path(folder).rglob("*") if p.is_file()]


# -- idx (MNIST, Fashion-MNIST) ---------------------------------------------------------


def idx_bytes(array):
    header = bytes([0, 0, 8, array.ndim]) + np.asarray(array.shape, ">i4").tobytes()
    return header + array.astype(np.uint8).tobytes()


def write_idx_set(folder, sizes=(6, 4), compress=True):
    """The four MNIST-format files: images N x 5 x 5 and labels; returns the arrays."""
    folder.mkdir(parents=True, exist_ok=True)
    arrays = {}
    for split, n in zip(("train", "t10k"), sizes):
        arrays[split] = (RNG.integers(0, 256, (n, 5, 5), dtype=np.uint8), np.arange(n, dtype=np.uint8) % 3)
        for kind, array in zip(("images-idx3", "labels-idx1"), arrays[split]):
            name = f"{split}-{kind}-ubyte"
            if compress:
                (folder / f"{name}.gz").write_bytes(gzip.compress(idx_bytes(array)))
            else:
                (folder / name).write_bytes(idx_bytes(array))
    return arrays


def assert_idx_dataset(raw, arrays):
    assert raw.inputs.shape == (10, 5, 5, 1) and raw.inputs.dtype == np.uint8
    assert np.array_equal(raw.inputs[:6, ..., 0], arrays["train"][0])
    assert np.array_equal(raw.inputs[6:, ..., 0], arrays["t10k"][0])
    assert raw.labels.dtype == np.int64 and raw.labels.tolist() == [0, 1, 2, 0, 1, 2, 0, 1, 2, 0]
    assert raw.official_test.tolist() == [False] * 6 + [True] * 4


def test_fashion_mnist_reads_installed_idx_files(tmp_path):
    arrays = write_idx_set(tmp_path / "idx")
    raw = load("fashion_mnist", tmp_path / "downloads", idx_dir=str(tmp_path / "idx"))
    assert_idx_dataset(raw, arrays)
    assert raw.classes[0] == "T-shirt/top" and len(raw.classes) == 10
    assert not (tmp_path / "downloads").exists()


def test_mnist_reads_files_in_torchvision_layout(tmp_path):
    arrays = write_idx_set(tmp_path / "mnist" / "MNIST" / "raw", compress=False)
    assert_idx_dataset(load("mnist", tmp_path), arrays)


def test_idx_reader_rejects_other_files(tmp_path):
    (tmp_path / "bad.gz").write_bytes(gzip.compress(b"\x00\x00\x0d\x01" + bytes(8)))
    with pytest.raises(DataError, match="not an idx file of unsigned bytes"):
        read_idx(tmp_path / "bad.gz")
    (tmp_path / "short.gz").write_bytes(gzip.compress(idx_bytes(np.zeros((3, 2), np.uint8))[:-1]))
    with pytest.raises(DataError, match=r"header says \[3, 2\]"):
        read_idx(tmp_path / "short.gz")
    (tmp_path / "cut.gz").write_bytes(gzip.compress(idx_bytes(np.zeros((30, 20), np.uint8)))[:-12])
    with pytest.raises(DataError, match="is not a complete gzip file"):
        read_idx(tmp_path / "cut.gz")
    (tmp_path / "plain.gz").write_bytes(idx_bytes(np.zeros((3, 2), np.uint8)))
    with pytest.raises(DataError, match="is not a complete gzip file"):
        read_idx(tmp_path / "plain.gz")


def test_fashion_mnist_without_idx_files_downloads_and_offline_says_where_to_put_them(tmp_path, offline):
    with pytest.raises(DataError) as raised:
        load("fashion_mnist", tmp_path / "downloads", idx_dir=str(tmp_path / "absent"))
    message = str(raised.value)
    assert "\n" not in message
    assert "'fashion_mnist'" in message and "train-images-idx3-ubyte.gz" in message and "apt-get install" in message
    assert str(tmp_path / "downloads" / "fashion_mnist" / "FashionMNIST" / "raw") in message
    assert files_under(tmp_path / "downloads") == []


@pytest.mark.skipif(not Path(FASHION_MNIST_IDX).is_dir(), reason="needs `apt-get install dataset-fashion-mnist`")
def test_real_fashion_mnist_from_the_debian_package(tmp_path):
    raw = load("fashion_mnist", tmp_path)
    assert raw.inputs.shape == (70_000, 28, 28, 1)
    assert raw.official_test.sum() == 10_000
    assert np.bincount(raw.labels).tolist() == [7_000] * 10
    assert raw.inputs.max() == 255 and raw.inputs.mean() > 50  # real pictures, not blank


# -- CIFAR -------------------------------------------------------------------------------


def write_cifar(root, cls, label_key, per_batch=3):
    """The pickled batches of ``cls`` (tiny), archived as torchvision downloads them; the
    class's checksums are pointed at these files. Returns the archive path and images."""
    folder = root / "build" / cls.base_folder
    folder.mkdir(parents=True)
    images = {}
    for name, _ in cls.train_list + cls.test_list:
        batch = RNG.integers(0, 256, (per_batch, 3, 32, 32), dtype=np.uint8)
        images[name] = batch.transpose(0, 2, 3, 1)
        entry = {"data": batch.reshape(per_batch, -1), label_key: list(range(per_batch))}
        (folder / name).write_bytes(pickle.dumps(entry))
    meta_key = cls.meta["key"]
    (folder / cls.meta["filename"]).write_bytes(pickle.dumps({meta_key: ["apple", "bee", "cat"]}))
    archive = root / cls.filename
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(folder, arcname=cls.base_folder)
    return archive, images


def point_checksums(monkeypatch, cls, root, archive):
    folder = root / "build" / cls.base_folder
    for attribute in ("train_list", "test_list"):
        monkeypatch.setattr(cls, attribute, [[name, md5(folder / name)] for name, _ in getattr(cls, attribute)])
    monkeypatch.setattr(cls, "meta", {**cls.meta, "md5": md5(folder / cls.meta["filename"])})
    monkeypatch.setattr(cls, "tgz_md5", md5(archive))


@pytest.mark.parametrize("name, class_name, label_key", [("cifar10", "CIFAR10", "labels"), ("cifar100", "CIFAR100", "fine_labels")])
def test_cifar_archive_placed_by_hand_is_checked_unpacked_and_read(tmp_path, monkeypatch, offline, name, class_name, label_key):
    import torchvision.datasets as tvd

    cls = getattr(tvd, class_name)
    archive, images = write_cifar(tmp_path, cls, label_key)
    point_checksums(monkeypatch, cls, tmp_path, archive)
    placed = tmp_path / "downloads" / name
    placed.mkdir(parents=True)
    archive.rename(placed / archive.name)

    raw = load(name, tmp_path / "downloads")
    train_names = [n for n, _ in cls.train_list]
    expected = np.concatenate([images[n] for n in train_names] + [images[cls.test_list[0][0]]])
    assert np.array_equal(raw.inputs, expected)
    assert raw.classes == ["apple", "bee", "cat"]
    assert raw.official_test.sum() == 3 and raw.labels.tolist()[:3] == [0, 1, 2]
    assert (placed / cls.base_folder / train_names[0]).is_file()  # unpacked where it was placed
    assert not any(p.name.endswith(".tmp") for p in (tmp_path / "downloads").iterdir())


def test_cifar_offline_fails_with_one_line_and_leaves_nothing(tmp_path, offline):
    with pytest.raises(DataError) as raised:
        load("cifar10", tmp_path / "downloads")
    message = str(raised.value)
    assert "\n" not in message and "'cifar10'" in message
    assert "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz" in message
    assert str(tmp_path / "downloads" / "cifar10") in message and "URLError" in message
    assert files_under(tmp_path / "downloads") == []


def test_an_archive_reaching_outside_its_folder_is_refused(tmp_path, monkeypatch, offline):
    import torchvision.datasets as tvd

    archive, _ = write_cifar(tmp_path, tvd.CIFAR10, "labels")
    with tarfile.open(archive, "r:gz") as src:
        members = [(m, src.extractfile(m).read() if m.isfile() else None) for m in src.getmembers()]
    with tarfile.open(archive, "w:gz") as tar:
        for member, data in members:
            tar.addfile(member, None if data is None else io.BytesIO(data))
        escape = tarfile.TarInfo("../escaped.txt")
        escape.size = 3
        tar.addfile(escape, io.BytesIO(b"bad"))
    point_checksums(monkeypatch, tvd.CIFAR10, tmp_path, archive)
    placed = tmp_path / "downloads" / "cifar10"
    placed.mkdir(parents=True)
    archive.rename(placed / archive.name)

    with pytest.raises(DataError, match="refusing to extract '../escaped.txt' outside the data folder"):
        load("cifar10", tmp_path / "downloads")
    assert not (tmp_path / "downloads" / "escaped.txt").exists()
    assert [p.name for p in (tmp_path / "downloads").iterdir()] == ["cifar10"]


def test_an_interrupted_download_leaves_no_partial_file(tmp_path, monkeypatch):
    import torchvision.datasets.utils as tvu

    def half_then_fail(url, filename, **kwargs):
        Path(filename).write_bytes(b"half an archive")
        raise urllib.error.URLError("connection reset")

    monkeypatch.setattr(tvu, "_get_redirect_url", lambda url, max_hops: url)
    monkeypatch.setattr(tvu, "_urlretrieve", half_then_fail)
    with pytest.raises(DataError, match="connection reset"):
        load("cifar100", tmp_path / "downloads")
    assert files_under(tmp_path / "downloads") == []


# -- STL10 -----------------------------------------------------------------------------


def test_stl10_labelled_and_unlabeled_splits(tmp_path, monkeypatch):
    from torchvision.datasets import STL10

    folder = tmp_path / "stl10" / STL10.base_folder
    folder.mkdir(parents=True)
    images = {name: RNG.integers(0, 256, (n, 96, 96, 3), dtype=np.uint8) for name, n in (("train", 2), ("test", 3), ("unlabeled", 4))}
    for name, array in images.items():
        (folder / f"{name}_X.bin").write_bytes(array.transpose(0, 3, 2, 1).tobytes())  # STL10 stores columns first
    (folder / "train_y.bin").write_bytes(bytes([1, 10]))  # 1-based
    (folder / "test_y.bin").write_bytes(bytes([2, 3, 4]))
    (folder / "class_names.txt").write_text("\n".join(f"class{i}" for i in range(10)) + "\n")
    for attribute in ("train_list", "test_list"):
        monkeypatch.setattr(STL10, attribute, [[name, md5(folder / name)] for name, _ in getattr(STL10, attribute)])

    raw = load("stl10", tmp_path)
    assert np.array_equal(raw.inputs, np.concatenate([images["train"], images["test"]]))
    assert raw.labels.tolist() == [0, 9, 1, 2, 3] and raw.official_test.tolist() == [False] * 2 + [True] * 3
    assert np.array_equal(raw.unlabeled, images["unlabeled"]) and raw.classes[9] == "class9"
    assert load("stl10", tmp_path, unlabeled=False).unlabeled is None


# -- Oxford-IIIT pets ----------------------------------------------------------------------


def test_oxford_pets_photos_of_any_size_become_squares(tmp_path):
    base = tmp_path / "oxford_pets" / "oxford-iiit-pet"
    (base / "images").mkdir(parents=True)
    (base / "annotations").mkdir()
    lists = {"trainval": ["Abyssinian_1 1 1 1", "beagle_1 2 2 1", "beagle_2 2 2 1"], "test": ["Abyssinian_2 1 1 1"]}
    for split, lines in lists.items():
        (base / "annotations" / f"{split}.txt").write_text("\n".join(lines) + "\n")
        for line, size in zip(lines, [(40, 30), (20, 60), (33, 33)]):
            Image.new("RGB", size, (200, 10, 10)).save(base / "images" / f"{line.split()[0]}.jpg")

    raw = load("oxford_pets", tmp_path, image_size=16)
    assert raw.inputs.shape == (4, 16, 16, 3)
    assert raw.classes == ["Abyssinian", "Beagle"] and raw.labels.tolist() == [0, 1, 1, 0]
    assert raw.official_test.tolist() == [False, False, False, True]
    assert abs(int(raw.inputs[0, 8, 8, 0]) - 200) < 10  # the photo's colour, not padding
