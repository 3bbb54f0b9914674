import numpy as np
from pydantic import PositiveInt

from embedlab.metrics.registry import METRICS


def knn_predict(neighbour_labels):
    """Uniform majority vote per row; ties go to the smallest label (as scikit-learn)."""
    num_classes = int(neighbour_labels.max()) + 1
    counts = np.zeros((len(neighbour_labels), num_classes), dtype=np.int64)
    np.add.at(counts, (np.arange(len(neighbour_labels))[:, None], neighbour_labels), 1)
    return counts.argmax(axis=1)


@METRICS.register("knn")
def knn_accuracy(context, *, k: PositiveInt = 5):
    """k-NN accuracy: k nearest gallery embeddings (Euclidean on L2-normalised vectors),
    uniform vote, compared with the query's label (METHODS.md, 5-NN accuracy)."""
    votes = context.gallery_labels[context.neighbours(k)]
    return {"knn_accuracy": float(np.mean(knn_predict(votes) == context.query_labels))}
