"""Retrieval and clustering metrics computed by pytorch-metric-learning's AccuracyCalculator,
as defined in Musgrave, Belongie and Lim, "A Metric Learning Reality Check" (ECCV 2020).

The calculator is handed the context's shared neighbour search and K-means clustering,
so nothing is computed twice. R-precision and MAP@R look at the R nearest neighbours of
a query, R = the number of gallery items of its class; so ``k="max_bin_count"`` (the
largest class) makes them exact, and the one neighbour search then holds that many.
"""

import numpy as np

from embedlab.errors import EmbedlabError
from embedlab.metrics.registry import METRICS


def calculate(context, metric):
    """One AccuracyCalculator metric on ``context`` (leave-one-out when the context is)."""
    import torch  # here, not at the top: stages that only read metric names need not load torch
    from pytorch_metric_learning.utils.accuracy_calculator import AccuracyCalculator

    if not np.isin(context.query_labels, context.gallery_labels).any():
        raise EmbedlabError(f"{metric} needs test classes that the gallery (training split) has; none has any "
                            "(e.g. sentence pairs without a label column, each its own class): remove it from evaluate.metrics")
    calculator = AccuracyCalculator(
        include=(metric,),
        k="max_bin_count",
        device=torch.device("cpu"),
        knn_func=lambda query, k, reference, ref_includes_query: (None, torch.from_numpy(context.neighbours(k))),
        kmeans_func=lambda query, n_clusters: torch.from_numpy(context.clusters(n_clusters)),
    )
    if context.leave_one_out:  # the reference is the query set; the calculator discounts each query itself
        return float(calculator.get_accuracy(context.query, context.query_labels)[metric])
    return float(calculator.get_accuracy(context.query, context.query_labels, context.gallery, context.gallery_labels)[metric])


@METRICS.register("precision_at_1")
def precision_at_1(context):
    """Fraction of queries whose nearest gallery embedding has their label."""
    return {"precision_at_1": calculate(context, "precision_at_1")}


@METRICS.register("r_precision")
def r_precision(context):
    """Mean over queries of (same-label items among the R nearest) / R, R = the query's
    class size in the gallery (Musgrave et al. 2020, sec. 3.2)."""
    return {"r_precision": calculate(context, "r_precision")}


@METRICS.register("map_at_r")
def map_at_r(context):
    """Mean average precision at R: (1/R) sum over the R nearest of precision@i at each
    same-label position i (Musgrave et al. 2020, sec. 3.2)."""
    return {"map_at_r": calculate(context, "mean_average_precision_at_r")}


@METRICS.register("nmi")
def nmi(context):
    """Normalised mutual information between classes and K-means clusters (K = number of
    classes) of the test embeddings (Strehl and Ghosh 2002; scikit-learn's arithmetic mean)."""
    return {"nmi": calculate(context, "NMI")}


@METRICS.register("ami")
def ami(context):
    """Adjusted mutual information between classes and the same K-means clusters: NMI
    corrected for chance (Vinh, Epps and Bailey 2010)."""
    return {"ami": calculate(context, "AMI")}
