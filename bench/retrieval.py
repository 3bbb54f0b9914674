"""Retrieval at Fashion-MNIST size: a baseline and a monotonic model trained on
Fashion-MNIST as in bench/fashion_mnist.py (width 16, 4 + 4 epochs), then the retrieval
stage on their embeddings (54,000 gallery x 10,000 queries): every index at the full,
the 99%-variance and fixed compact dimensions, the stage's wall time, and compare's
one line. Needs the idx files of `apt-get install dataset-fashion-mnist`.

    python bench/retrieval.py                   # in a fresh temporary copy: trains first
    python bench/retrieval.py --workdir DIR     # in DIR (kept); run again and DVC skips the training

The same as, in the repository itself,

    dvc exp run -S dataset=fashion_mnist -S encoder.width=16 -S pretrain.epochs=4 -S train.epochs=4 \\
        -S warmup.epochs=1 -S 'retrieval.indexes=[flat, {name: hnsw, M: 16, efSearch: 64}, ...]' ...

(RETRIEVAL below). Training runs with OMP_NUM_THREADS=1 (see the README: on two busy cores
it is faster); the retrieval stage sets its own thread counts.
"""

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from embedlab.retrieval.results import read_table
from embedlab.workspace import REPO, commit, copy_repository, tool_env
from fashion_mnist import OVERRIDES, set_params

RETRIEVAL = {
    "retrieval.indexes": ["flat", {"name": "hnsw", "M": 16, "efSearch": 64, "efConstruction": 40},
                          {"name": "ivfpq", "nlist": 256, "m": 16, "nbits": 8, "nprobe": 16},
                          {"name": "pq", "m": 16, "nbits": 8}, "sq8"],
    "retrieval.dims": [16, 32],
}
CODE = ("embedlab", "stages", "dvc.yaml", "params.yaml")  # what a kept copy is brought up to date with; never its dvc.lock
COLUMNS = ("index", "dims", "dim", "bytes", "disk", "recall10", "knn", "p1", "qps1", "qps", "build_s")


def prepare_copy(directory):
    """A copy of the repository with the benchmark's params; a kept one gets the current code."""
    if (directory / ".git").exists():
        for name in CODE:
            source, target = REPO / name, directory / name
            if source.is_dir():
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(source, target)
    else:
        copy_repository(directory)
    set_params(directory / "params.yaml", {**OVERRIDES, **RETRIEVAL})
    commit(directory, "retrieval benchmark params")


def timed(command, directory, **env):
    """(wall seconds, 1-minute load average before and after, stdout) of one command."""
    start, load = time.perf_counter(), os.getloadavg()[0]
    result = subprocess.run(command, cwd=directory, env={**tool_env(), **env}, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return time.perf_counter() - start, (load, os.getloadavg()[0]), result.stdout


def print_table(directory):
    with contextlib.chdir(directory):
        tables = {role: read_table(role) for role in ("baseline", "model")}
    print("| role | " + " | ".join(COLUMNS) + " |")
    print("|" + " --- |" * (len(COLUMNS) + 1))
    for role, rows in tables.items():
        for row in rows:
            print(f"| {role} | " + " | ".join(_cell(row[c]) for c in COLUMNS) + " |")


def _cell(value):
    if isinstance(value, float):
        return f"{value:,.0f}" if value >= 100 else f"{value:.3f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workdir", type=Path, help="keep the copy here (reused, with its DVC cache, when it exists)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = (args.workdir or Path(tmp) / "repo").resolve()
        directory.mkdir(parents=True, exist_ok=True)
        prepare_copy(directory)
        wall, load, _ = timed(["dvc", "repro", "evaluate@baseline", "evaluate@model"], directory, OMP_NUM_THREADS="1")
        print(f"training and evaluation (dvc repro up to evaluate): {wall:.0f} s wall, load average {load[0]:.1f} -> {load[1]:.1f}")
        wall, load, _ = timed(["dvc", "repro", "retrieval@baseline", "retrieval@model"], directory)
        print(f"retrieval stage, both roles: {wall:.0f} s wall, load average {load[0]:.1f} -> {load[1]:.1f}")
        _, _, output = timed(["dvc", "repro", "compare"], directory)
        print(next(line for line in output.splitlines() if line.startswith("at recall@10")))
        dims = {role: json.loads((directory / f"metrics/evaluate/{role}.json").read_text())["dim99"] for role in ("baseline", "model")}
        print(f"dim99: {dims}; threads: {json.loads((directory / 'metrics/timings/retrieval/model.json').read_text())['threads']}")
        print_table(directory)


if __name__ == "__main__":
    main()
