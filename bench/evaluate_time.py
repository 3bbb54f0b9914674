"""Wall time of the full evaluation metric set (params.yaml's evaluate.metrics) on
Fashion-MNIST-sized embeddings: a 60,000 x 128 gallery and 10,000 x 128 queries, ten
synthetic Gaussian classes (6,000 / 1,000 per class) with 5-NN accuracy near 0.85.
No model, no images: only the metrics, which is what the evaluate stage adds to
inference. The first retrieval metric pays for the shared neighbour search (k = the
largest class, 6,000) and each later metric reuses it.

    python bench/evaluate_time.py [--scale 1.0]
"""

import argparse
import resource
import time

import numpy as np

from embedlab.config import load_params
from embedlab.metrics import EvalContext, evaluate_metrics
from embedlab.registry import Spec


def clustered(rng, centres, per_class, spread):
    labels = np.repeat(np.arange(len(centres)), per_class)
    return centres[labels] + rng.normal(scale=spread, size=(len(labels), centres.shape[1])).astype(np.float32), labels


def main(scale):
    rng = np.random.default_rng(0)
    centres = 0.33 * rng.normal(size=(10, 128)).astype(np.float32)  # close enough that 5-NN is imperfect
    gallery, gallery_labels = clustered(rng, centres, int(6000 * scale), spread=1.0)
    query, query_labels = clustered(rng, centres, int(1000 * scale), spread=1.0)
    specs = load_params().evaluate.metrics

    start = time.perf_counter()
    context = EvalContext(gallery, gallery_labels, query, query_labels)
    print(f"{'L2 normalisation':32s} {time.perf_counter() - start:6.2f} s")
    for index, spec in enumerate(specs):
        began = time.perf_counter()
        numbers = {k: v for k, v in evaluate_metrics(context, [spec]).items() if isinstance(v, float | int)}
        summary = ", ".join(f"{k} {v:.4g}" for k, v in list(numbers.items())[:3])
        print(f"{Spec.parse(spec, str(index)).name:32s} {time.perf_counter() - began:6.2f} s   {summary}")
    total = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(f"\nfull metric set on {len(gallery):,} x {len(query):,} embeddings of 128 dims: {total:.1f} s (peak memory {peak:.1f} GiB)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the Fashion-MNIST size (for a quick look)")
    main(parser.parse_args().scale)
