"""Wall time of a full `dvc repro` of the default params from an empty cache, of a
no-op `dvc repro`, and the headline metrics it produced (digits, this machine).

    python bench/repro_time.py            # or: make bench
"""

import json
import tempfile
import time
from pathlib import Path

from embedlab.metrics.comparison import compare_figures
from embedlab.workspace import copy_repository, run


def timed(command, cwd):
    start = time.perf_counter()
    run(command, cwd)
    return time.perf_counter() - start


def main():
    with tempfile.TemporaryDirectory() as tmp:
        repo = copy_repository(Path(tmp) / "repo")
        full = timed(["dvc", "repro"], repo)
        noop = timed(["dvc", "repro"], repo)
        metrics = {role: json.loads((repo / f"metrics/evaluate/{role}.json").read_text()) for role in ("baseline", "model")}
        compare = compare_figures(json.loads((repo / "metrics/headline.json").read_text()))
    print(f"full dvc repro (empty cache): {full:.1f} s")
    print(f"no-op dvc repro:              {noop:.2f} s")
    for role, values in metrics.items():
        print(f"{role:8s} 5-NN {values['knn_accuracy']:.4f}  dim99 {values['dim99']}  rmse {values['rmse']:.5f}")
    print("  ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in compare.items()))


if __name__ == "__main__":
    main()
