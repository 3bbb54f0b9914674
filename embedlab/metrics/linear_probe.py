from pydantic import PositiveFloat, PositiveInt

from embedlab.metrics.registry import METRICS


@METRICS.register("linear_probe")
def linear_probe(context, *, C: PositiveFloat = 1.0, max_iter: PositiveInt = 1000):  # noqa: N803 (scikit-learn's name)
    """Linear probe: scikit-learn's logistic regression fitted on the frozen gallery
    (training) embeddings, accuracy on the query (test) ones, as the Matryoshka/ReLIC
    seed evaluates. Features are standardised first, so ``C`` means the same whatever
    the embedding's scale (L2-normalised coordinates are ~1/sqrt(d))."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    probe = make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=max_iter))
    probe.fit(context.gallery, context.gallery_labels)
    return {"linear_probe_accuracy": float(probe.score(context.query, context.query_labels))}
