import numpy as np
from pydantic import PositiveFloat, PositiveInt

from embedlab.metrics.registry import METRICS

FOLDS = 5  # cross-validation folds when there is no separate query set (holdout classes)


@METRICS.register("linear_probe")
def linear_probe(context, *, C: PositiveFloat = 1.0, max_iter: PositiveInt = 1000):  # noqa: N803 (scikit-learn's name)
    """Linear probe: scikit-learn's logistic regression fitted on the frozen gallery
    (training) embeddings, accuracy on the query (test) ones, as the Matryoshka/ReLIC
    seed evaluates. Features are standardised first, so ``C`` means the same whatever
    the embedding's scale (L2-normalised coordinates are ~1/sqrt(d)). Leave-one-out
    sets (the holdout classes: query = gallery) are scored by stratified, seeded
    cross-validation instead, so no embedding is scored by a probe fitted on it."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    probe = make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=max_iter))
    if context.leave_one_out:
        return {"linear_probe_accuracy": _cross_validated(probe, context.gallery, context.gallery_labels, context.seed)}
    probe.fit(context.gallery, context.gallery_labels)
    return {"linear_probe_accuracy": float(probe.score(context.query, context.query_labels))}


def _cross_validated(probe, features, labels, seed):
    """Mean accuracy over stratified folds (as many as the smallest class allows, from
    2 up to :data:`FOLDS`)."""
    from sklearn.model_selection import StratifiedKFold, cross_val_score

    folds = max(2, min(FOLDS, int(np.unique(labels, return_counts=True)[1].min())))
    return float(cross_val_score(probe, features, labels, cv=StratifiedKFold(folds, shuffle=True, random_state=seed)).mean())
