"""Stage evaluate: embed the gallery (train) and query (test) splits with a trained
model, save the embeddings, compute the metrics named in params, and the accuracy of the
first d features for each d (Matryoshka prefixes, or PCA truncation)."""

import argparse

from embedlab.config import load_params
from embedlab.data.prepared import load_split_arrays
from embedlab.errors import one_line_errors
from embedlab.io import save_npz, write_csv, write_json
from embedlab.metrics import EvalContext, evaluate_metrics
from embedlab.metrics.dimensions import dimension_curve
from embedlab.models import load_embedder
from embedlab.paths import EMBEDDINGS, METRICS, MODELS, PLOTS, PREPARED, ROLES
from embedlab.training.checkpoint import load_checkpoint
from embedlab.training.inference import embed_images
from embedlab.training.runtime import resolve_device


@one_line_errors
def main(role):
    params = load_params()
    device = resolve_device(params.base.device)
    checkpoint = load_checkpoint(MODELS / role / "best.pt")
    model = load_embedder(checkpoint).to(device)
    gallery, query = load_split_arrays(PREPARED, "train"), load_split_arrays(PREPARED, "test")

    def embed(split):
        return embed_images(model, split.images, device, params.base.amp, params.evaluate.batch_size)

    context = EvalContext(embed(gallery), gallery.labels, embed(query), query.labels)
    save_npz(EMBEDDINGS / f"{role}.npz", gallery=context.gallery, gallery_labels=gallery.labels, query=context.query, query_labels=query.labels)
    metrics = evaluate_metrics(context, params.evaluate.metrics)
    write_json(METRICS / "evaluate" / f"{role}.json", metrics)
    write_csv(PLOTS / "data" / role / "variance.csv", variance_rows(context.pca.explained_variance_ratio_))
    write_csv(PLOTS / "data" / role / "dims.csv", dimension_curve(context, checkpoint.get("matryoshka_dims", [])))
    print(f"{role}: " + ", ".join(f"{k} {v:.4g}" for k, v in metrics.items()))


def variance_rows(ratios):
    cumulative = ratios.cumsum()
    return [{"component": i + 1, "explained": float(r), "cumulative": float(c)} for i, (r, c) in enumerate(zip(ratios, cumulative))]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("role", choices=ROLES)
    main(parser.parse_args().role)
