"""Wall time of a queued sweep on DVC's experiment queue with N workers, in a throw-away
copy of the repository with tiny training settings (digits, 1 + 2 epochs):

    dvc exp run --queue -S head=monotonic,mlp,linear -S base.seed=0,1
    OMP_NUM_THREADS=1 dvc queue start -j N

then waits until every experiment has finished and prints the wall time, the load
average and the experiments' status.

    python bench/queue_sweep.py --jobs 1 --jobs 2
"""

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

import yaml

from embedlab.workspace import commit, copy_repository, tool_env

TINY = {"pretrain": {"epochs": 1}, "train": {"epochs": 2}, "warmup": {"epochs": 1}, "plots": {"points_per_class": 20}}
GRID = ["-S", "head=monotonic,mlp,linear", "-S", "base.seed=0,1"]
IDENTITY = {"GIT_AUTHOR_NAME": "embedlab", "GIT_AUTHOR_EMAIL": "embedlab@example.invalid",
            "GIT_COMMITTER_NAME": "embedlab", "GIT_COMMITTER_EMAIL": "embedlab@example.invalid"}


def dvc(args, cwd):
    env = {**tool_env(), **IDENTITY, "OMP_NUM_THREADS": "1"}
    return subprocess.run(["dvc", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


def tiny_repository(directory):
    copy_repository(directory)
    path = directory / "params.yaml"
    params = yaml.safe_load(path.read_text())
    for section, values in TINY.items():
        params[section].update(values)
    path.write_text(yaml.safe_dump(params, sort_keys=False))
    commit(directory, "tiny sweep settings")
    return directory


def sweep(jobs):
    with tempfile.TemporaryDirectory() as tmp:
        repo = tiny_repository(Path(tmp) / "repo")
        dvc(["exp", "run", "--queue", *GRID], repo)
        load, start = os.getloadavg()[0], time.perf_counter()
        dvc(["queue", "start", "-j", str(jobs)], repo)
        while True:
            status = dvc(["queue", "status"], repo)
            if " Queued " not in status and " Running " not in status:
                break
            time.sleep(2)
        wall = time.perf_counter() - start
        print(f"== -j {jobs}: {wall:.0f} s wall; load average {load:.2f} -> {os.getloadavg()[0]:.2f}")
        print(status, flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, action="append", help="workers (repeatable; default 1 and 2)")
    for jobs in parser.parse_args().jobs or [1, 2]:
        sweep(jobs)
