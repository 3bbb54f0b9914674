import numpy as np
from pydantic import PositiveInt

from embedlab.metrics.registry import METRICS


def knn_predict(neighbour_labels):
    """Uniform majority vote per row; ties go to the smallest label (as scikit-learn)."""
    num_classes = int(neighbour_labels.max()) + 1
    counts = np.zeros((len(neighbour_labels), num_classes), dtype=np.int64)
    np.add.at(counts, (np.arange(len(neighbour_labels))[:, None], neighbour_labels), 1)
    return counts.argmax(axis=1)


def vote_accuracy(neighbour_labels, query_labels):
    """Fraction of queries whose neighbours' majority vote is their label."""
    return float(np.mean(knn_predict(neighbour_labels) == query_labels))


@METRICS.register("knn")
def knn_accuracy(context, *, k: PositiveInt = 5):
    """k-NN accuracy: k nearest gallery embeddings (Euclidean on L2-normalised vectors),
    uniform vote, compared with the query's label (METHODS.md, 5-NN accuracy)."""
    return {"knn_accuracy": vote_accuracy(context.gallery_labels[context.neighbours(k)], context.query_labels)}
