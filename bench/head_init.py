"""Which initialisation should the monotonic head start from? Fine-tunes the model from
the pipeline's pretrained encoder with each head init and several seeds, next to the
baseline, and prints test 5-NN accuracy and the 99%-variance dimension.

Run after `dvc repro` (it reads data/prepared and models/pretrain/best.pt):

    python bench/head_init.py [--seeds 0 1 2]
"""

import argparse
import tempfile
from pathlib import Path

from embedlab.config import load_params
from embedlab.data.prepared import load_split_arrays
from embedlab.metrics import EvalContext, evaluate_metrics
from embedlab.models import load_embedder
from embedlab.paths import PREPARED
from embedlab.pipeline import RunPaths, fine_tune
from embedlab.training.inference import embed_inputs
from embedlab.training.runtime import start

VARIANTS = {"baseline": None, "monotonic, torch init": "torch", "monotonic, variance init": "variance"}


def test_metrics(checkpoint, device):
    model = load_embedder(checkpoint).to(device)
    gallery, query = load_split_arrays(PREPARED, "train"), load_split_arrays(PREPARED, "test")
    context = EvalContext(embed_inputs(model, gallery.inputs, device), gallery.labels,
                          embed_inputs(model, query.inputs, device), query.labels)
    return evaluate_metrics(context, ["knn", "compactness"])


def run(params, name, init, seed, workdir):
    params = params.model_copy(update={"base": params.base.model_copy(update={"seed": seed}),
                                       "head": {"name": "monotonic", "init": init}})
    device = start(params)
    paths = RunPaths(workdir / f"{init}-{seed}", workdir / f"{init}-{seed}-live")
    best = fine_tune(params, "baseline" if init is None else "model", device, paths)
    return test_metrics(best, device)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    seeds = parser.parse_args().seeds
    params = load_params()
    print(f"{'variant':26s} " + "  ".join(f"seed {s}: 5-NN / dim99" for s in seeds))
    with tempfile.TemporaryDirectory() as tmp:
        for name, init in VARIANTS.items():
            results = [run(params, name, init, seed, Path(tmp)) for seed in seeds]
            print(f"{name:26s} " + "  ".join(f"{r['knn_accuracy']:.4f} / {r['dim99']:<9d}" for r in results), flush=True)


if __name__ == "__main__":
    main()
