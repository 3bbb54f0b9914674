import io
import tarfile

import pytest
from torchvision.datasets.utils import extract_archive

from embedlab.data.archives import safe_extraction
from embedlab.errors import DataError


def archive_with(tmp_path, name):
    path = tmp_path / "evil.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        member = tarfile.TarInfo(name)
        payload = b"escaped"
        member.size = len(payload)
        tar.addfile(member, io.BytesIO(payload))
    return path


def test_members_outside_the_data_folder_are_refused(tmp_path):
    root = tmp_path / "data"
    root.mkdir()
    with pytest.raises(DataError, match="refusing to extract '../escaped.txt'"):
        with safe_extraction("cifar10"):
            extract_archive(str(archive_with(tmp_path, "../escaped.txt")), str(root))
    assert not (tmp_path / "escaped.txt").exists()


def test_absolute_members_land_inside_the_data_folder(tmp_path):
    root = tmp_path / "data"
    root.mkdir()
    target = tmp_path / "outside.txt"
    with safe_extraction("cifar10"):
        extract_archive(str(archive_with(tmp_path, str(target))), str(root))
    assert not target.exists()
    assert (root / str(target).lstrip("/")).read_bytes() == b"escaped"


def test_ordinary_archives_still_extract(tmp_path):
    root = tmp_path / "data"
    root.mkdir()
    with safe_extraction("cifar10"):
        extract_archive(str(archive_with(tmp_path, "batches/file.txt")), str(root))
    assert (root / "batches/file.txt").read_bytes() == b"escaped"
