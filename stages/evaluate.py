"""Stage evaluate: embed the gallery (train) and query (test) splits with a trained
model, save the embeddings, and compute the metrics named in params -- on the holdout
classes too when there are any (open-set, leave-one-out), and the dimension of the
encoder and head outputs at every saved epoch (train.save_every_epoch) or the kept one.
A Matryoshka model's checkpoint names its nested dims; the ``accuracy_at_d`` metric cuts
prefixes."""

import argparse

import numpy as np

from embedlab.config import load_params
from embedlab.data.prepared import load_split_arrays
from embedlab.errors import one_line_errors
from embedlab.io import save_npz
from embedlab.metrics import Curve, EvalContext, check_neighbour_counts, evaluate_metrics
from embedlab.metrics.dynamics import dimension_dynamics, fixed_subset
from embedlab.metrics.results import prefixed, save_results
from embedlab.models import load_embedder
from embedlab.paths import EMBEDDINGS, MODELS, PREPARED, ROLES
from embedlab.training.checkpoint import load_checkpoint
from embedlab.training.inference import embed_images
from embedlab.training.runtime import resolve_device


@one_line_errors
def main(role):
    params = load_params()
    device = resolve_device(params.base.device)
    gallery, query, holdout = (load_split_arrays(PREPARED, name) for name in ("train", "test", "holdout"))
    check_neighbour_counts(params.evaluate.metrics, len(gallery))
    checkpoint = load_checkpoint(MODELS / role / "best.pt")
    model = load_embedder(checkpoint).to(device)
    nested_dims = tuple(checkpoint.get("matryoshka_dims", ()))

    def embed(split):
        return embed_images(model, split.images, device, params.base.amp, params.evaluate.batch_size)

    context = EvalContext(embed(gallery), gallery.labels, embed(query), query.labels, seed=params.base.seed, nested_dims=nested_dims)
    results = evaluate_metrics(context, params.evaluate.metrics)
    save_embeddings(role, context)
    if len(holdout):
        open_set = EvalContext.open_set(embed(holdout), holdout.labels, seed=params.base.seed, nested_dims=nested_dims)
        results.update(prefixed("holdout_", evaluate_metrics(open_set, params.evaluate.metrics)))
    results.update(dynamics(role, gallery, params, device))
    numbers = save_results(role, results)
    print(f"{role}: " + ", ".join(f"{k} {v:.4g}" for k, v in numbers.items()))


def save_embeddings(role, context):
    """The embeddings, with the K-means clustering of the queries the metrics used (the
    plots stage draws it rather than clustering again)."""
    clusters = context.clusters(len(np.unique(context.query_labels)))
    save_npz(EMBEDDINGS / f"{role}.npz", gallery=context.gallery, gallery_labels=context.gallery_labels,
             query=context.query, query_labels=context.query_labels, query_clusters=clusters)


def dynamics(role, gallery, params, device):
    """The dimension-vs-epoch curve: every saved epoch with train.save_every_epoch, else
    the kept (best) epoch alone -- still the encoder against the head of the final model."""
    checkpoints = sorted((MODELS / role / "epochs").glob("*.pt")) or [MODELS / role / "best.pt"]
    images = gallery.images[fixed_subset(len(gallery), params.evaluate.dynamics_samples, params.base.seed)]
    return {"dynamics": Curve(dimension_dynamics(checkpoints, images, device, params.base.amp, params.evaluate.batch_size))}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("role", choices=ROLES)
    main(parser.parse_args().role)
