"""Fashion-MNIST with the default encoder on this machine: wall time of a full `dvc repro`
(empty cache) and the headline metrics, on the full training set and in the low-data
regime (15 training images per class, with the same epochs and with more steps). Needs the idx files of
`apt-get install dataset-fashion-mnist` (otherwise torchvision downloads them).

    python bench/fashion_mnist.py                 # every run
    python bench/fashion_mnist.py --only full     # only the full training set

Each run is the same as, in the repository itself (see RUNS for the low-data ones),

    dvc exp run -S dataset=fashion_mnist -S encoder.width=16 -S pretrain.epochs=4 \\
        -S train.epochs=4 -S warmup.epochs=1
"""

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import yaml

from embedlab.metrics.comparison import compare_figures
from embedlab.workspace import commit, copy_repository, run

OVERRIDES = {"dataset": "fashion_mnist", "encoder.width": 16, "pretrain.epochs": 4, "train.epochs": 4, "warmup.epochs": 1}
LOW_DATA = {"prepare.samples_per_class": 15}
RUNS = {
    "full": {},
    "low-data": LOW_DATA,  # the same epochs: one step of 128 images per epoch, far too few
    "low-data-long": {**LOW_DATA, "pretrain.batch_size": 16, "train.batch_size": 16, "pretrain.epochs": 40,
                      "train.epochs": 40, "warmup.epochs": 5},  # 9 steps per epoch, 360 per run
}


def set_params(path, overrides):
    params = yaml.safe_load(path.read_text())
    for dotted, value in overrides.items():
        *sections, key = dotted.split(".")
        target = params
        for section in sections:
            target = target[section]
        target[key] = value
    path.write_text(yaml.safe_dump(params, sort_keys=False))


def repro(overrides):
    with tempfile.TemporaryDirectory() as tmp:
        repo = copy_repository(Path(tmp) / "repo")
        set_params(repo / "params.yaml", overrides)
        commit(repo, "fashion-mnist params")
        start, cpu, load = time.perf_counter(), os.times(), os.getloadavg()[0]
        run(["dvc", "repro"], repo)
        wall, cpu_end, load = time.perf_counter() - start, os.times(), (load, os.getloadavg()[0])
        metrics = {role: json.loads((repo / f"metrics/evaluate/{role}.json").read_text()) for role in ("baseline", "model")}
        compare = compare_figures(json.loads((repo / "metrics/headline.json").read_text()))
    cpu_s = cpu_end.children_user + cpu_end.children_system - cpu.children_user - cpu.children_system
    return wall, cpu_s, load, metrics, compare


def report(label, wall, cpu_s, load, metrics, compare):
    """``load``: the 1-minute load average before and after (other work slows the run)."""
    print(f"== {label}: full dvc repro {wall:.0f} s wall, {cpu_s:.0f} s CPU, load average {load[0]:.1f} -> {load[1]:.1f}")
    for role, values in metrics.items():
        print(f"{role:8s} 5-NN {values['knn_accuracy']:.4f}  dim99 {values['dim99']}  rmse {values['rmse']:.5f}")
    print("  ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in compare.items()), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", choices=list(RUNS), help="make this run (repeatable; default: all)")
    for name in parser.parse_args().only or RUNS:
        report(name, *repro({**OVERRIDES, **RUNS[name]}))


if __name__ == "__main__":
    main()
