"""Stage evaluate: embed the gallery (train) and query (test) splits with a trained
model, save the embeddings, and compute the metrics named in params -- on the holdout
classes too when there are any (open-set, leave-one-out), and the dimension of the
encoder and head outputs at every saved epoch (train.save_every_epoch) or the kept one.
A Matryoshka model's checkpoint names its nested dims; the ``accuracy_at_d`` metric cuts
prefixes. A text model also embeds the shipped STS-B sentences (the ``stsb_spearman``
metric), tokenised as its prepared inputs were."""

import argparse

import numpy as np

from embedlab.config import load_params
from embedlab.data.prepared import load_meta, load_split_arrays
from embedlab.errors import one_line_errors
from embedlab.io import save_npz
from embedlab.metrics import Curve, EvalContext, check_neighbour_counts, evaluate_metrics
from embedlab.metrics.dynamics import dimension_dynamics, fixed_subset
from embedlab.metrics.results import prefixed, save_results
from embedlab.models import load_embedder
from embedlab.models.text import TEXT_ENCODERS, text_source, tokenize
from embedlab.paths import EMBEDDINGS, MODELS, PREPARED, ROLES
from embedlab.registry import Spec
from embedlab.training.checkpoint import load_checkpoint
from embedlab.training.inference import embed_inputs
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

    def embed(inputs):
        return embed_inputs(model, inputs, device, params.base.precision, params.evaluate.batch_size)

    context = EvalContext(embed(gallery.inputs), gallery.labels, embed(query.inputs), query.labels, seed=params.base.seed,
                          nested_dims=nested_dims, embed_sentences=sentence_embedder(checkpoint, embed))
    results = evaluate_metrics(context, params.evaluate.metrics)
    save_embeddings(role, context, labelled=load_meta(PREPARED)["modality"] == "image")
    if len(holdout):
        open_set = EvalContext.open_set(embed(holdout.inputs), holdout.labels, seed=params.base.seed, nested_dims=nested_dims)
        results.update(prefixed("holdout_", evaluate_metrics(open_set, params.evaluate.metrics)))
    results.update(dynamics(role, gallery, params, device))
    numbers = save_results(role, results)
    print(f"{role}: " + ", ".join(f"{k} {v:.4g}" for k, v in numbers.items()))


def save_embeddings(role, context, labelled):
    """The embeddings, with the K-means clustering of the queries the metrics used (the
    plots stage draws it rather than clustering again); sentence pairs have no classes
    to cluster by."""
    clusters = context.clusters(len(np.unique(context.query_labels))) if labelled else np.zeros(0, dtype=np.int64)
    save_npz(EMBEDDINGS / f"{role}.npz", gallery=context.gallery, gallery_labels=context.gallery_labels,
             query=context.query, query_labels=context.query_labels, query_clusters=clusters)


def sentence_embedder(checkpoint, embed):
    """For a text model: sentences -> its raw embeddings; None for an image model."""
    encoder = checkpoint["architecture"]["encoder"]
    if Spec.parse(encoder, "encoder").name not in TEXT_ENCODERS:
        return None
    source, max_length = text_source(encoder)
    return lambda sentences: embed(tokenize(sentences, source, max_length))


def dynamics(role, gallery, params, device):
    """The dimension-vs-epoch curve: every saved epoch with train.save_every_epoch, else
    the kept (best) epoch alone -- still the encoder against the head of the final model."""
    checkpoints = sorted((MODELS / role / "epochs").glob("*.pt")) or [MODELS / role / "best.pt"]
    inputs = gallery.inputs[fixed_subset(len(gallery), params.evaluate.dynamics_samples, params.base.seed)]
    return {"dynamics": Curve(dimension_dynamics(checkpoints, inputs, device, params.base.precision, params.evaluate.batch_size))}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("role", choices=ROLES)
    main(parser.parse_args().role)
