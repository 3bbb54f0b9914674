"""Every loss on equal terms, and Matryoshka nesting against PCA truncation, on the
default dataset and encoder (digits, small_cnn): the figures in the README.

Runs the real pipeline (`dvc repro`) in a throw-away copy of this repository once per
configuration -- the same params as the repository's except the ones named below, so
every method gets the same encoder, data, augmentation and budget -- then prints test
5-NN accuracy and linear-probe accuracy of the baseline and the model, and the accuracy
of the first d features at each d for the nested run and the run without nesting.

    python bench/methods.py                          # 6 losses + the nested run (~10 min on an idle 2-core CPU)
    python bench/methods.py --losses relic ntxent --no-matryoshka
"""

import argparse
import csv
import json
import tempfile
from pathlib import Path

import yaml

from embedlab.workspace import commit, copy_repository, run

LOSSES = ("supcon", "triplet", "multisimilarity", "ce", "ntxent", "relic")
NESTED = {"loss": "supcon", "matryoshka_dims": [8, 16, 32, 64, 128]}
ROLES = ("baseline", "model")


def repro(repo, overrides):
    """`dvc repro` with ``overrides`` applied to the repository's params; the results."""
    path = repo / "params.yaml"
    params = yaml.safe_load(path.read_text())
    path.write_text(yaml.safe_dump({**params, **overrides}, sort_keys=False))
    commit(repo, json.dumps(overrides))
    run(["dvc", "repro"], repo)
    metrics = {role: json.loads((repo / f"metrics/evaluate/{role}.json").read_text()) for role in ROLES}
    curves = {role: list(csv.DictReader((repo / f"plots/data/{role}/dims.csv").open())) for role in ROLES}
    return metrics, curves


def print_losses(results):
    print(f"\n{'loss':16s} {'5-NN baseline':>14s} {'5-NN model':>11s} {'probe baseline':>15s} {'probe model':>12s}")
    for name, (metrics, _) in results.items():
        knn = [metrics[role]["knn_accuracy"] for role in ROLES]
        probe = [metrics[role]["linear_probe_accuracy"] for role in ROLES]
        print(f"{name:16s} {knn[0]:14.4f} {knn[1]:11.4f} {probe[0]:15.4f} {probe[1]:12.4f}")


def print_curves(nested, flat):
    """One line per nested d: 5-NN / linear probe of each role's prefix and PCA curves."""
    print("\n5-NN / linear probe of the first d features: nested run (prefix) vs run without nesting (PCA)")
    columns = [(role, label, {row["dim"]: row for row in curve[role]}) for role in ROLES
               for label, curve in (("prefix", nested), ("PCA", flat))]
    print(f"{'d':>4s} " + " ".join(f"{role + ' ' + label:>17s}" for role, label, _ in columns))
    for row in nested["baseline"]:
        cells = [_pair(by_dim.get(row["dim"])) for _, _, by_dim in columns]
        print(f"{row['dim']:>4s} " + " ".join(f"{cell:>17s}" for cell in cells))


def _pair(row):
    return "-" if row is None else f"{float(row['knn_accuracy']):.4f} / {float(row['linear_probe_accuracy']):.4f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--losses", nargs="+", default=list(LOSSES), choices=LOSSES)
    parser.add_argument("--no-matryoshka", action="store_true", help="skip the nested run and the curves")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = copy_repository(Path(tmp) / "repo")
        results = {}
        for name in args.losses:
            results[name] = repro(repo, {"loss": name})
            print(f"{name}: done", flush=True)
        print_losses(results)
        if not args.no_matryoshka:
            flat = results["supcon"][1] if "supcon" in results else repro(repo, {"loss": "supcon"})[1]
            print_curves(repro(repo, NESTED)[1], flat)


if __name__ == "__main__":
    main()
