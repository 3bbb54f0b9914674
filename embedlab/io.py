"""Atomic writes: every output is written to a temporary name and renamed into place,
so a killed or failed stage never leaves a half-written file for DVC to cache."""

import contextlib
import json
import os
import tempfile
from pathlib import Path


def _default_mode(mode):
    """``mode`` less the process umask (mkstemp/mkdtemp would leave owner-only files)."""
    umask = os.umask(0)
    os.umask(umask)
    return mode & ~umask


@contextlib.contextmanager
def atomic_path(path):
    """Yield a temporary path beside ``path``; rename it onto ``path`` on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    os.chmod(tmp, _default_mode(0o666))
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(tmp)


def write_text(path, text):
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_json(path, data):
    write_text(path, json.dumps(data, indent=2, sort_keys=True) + "\n")


def write_csv(path, rows):
    """Write a list of dicts (same keys) as CSV, the format DVC plots read."""
    if not rows:
        raise ValueError(f"no rows to write to {path}")
    header = list(rows[0])
    lines = [",".join(header)] + [",".join(_csv_cell(row[h]) for h in header) for row in rows]
    write_text(path, "\n".join(lines) + "\n")


def _csv_cell(value):
    return f"{value:.6g}" if isinstance(value, float) else str(value)


def save_npz(path, **arrays):
    import numpy as np

    with atomic_path(path) as tmp:
        with open(tmp, "wb") as handle:
            np.savez(handle, **arrays)


def save_torch(path, obj):
    import torch

    with atomic_path(path) as tmp, open(tmp, "wb") as handle:
        torch.save(obj, handle)  # a file object: the archive is named "archive", not after the random temporary name


@contextlib.contextmanager
def atomic_dir(path):
    """Yield a temporary directory beside ``path``; it replaces ``path`` on success.
    Temporary directories left beside it by a killed run are removed first."""
    import shutil

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        shutil.rmtree(stale, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    os.chmod(tmp, _default_mode(0o777))
    try:
        yield tmp
        if path.exists():
            shutil.rmtree(path)
        os.replace(tmp, path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
