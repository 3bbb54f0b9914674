"""Semantic textual similarity: Spearman correlation between the cosine similarity of a
sentence pair's embeddings and its human score (METHODS.md, STS-B), on the shipped STS
Benchmark's dev and test pairs, whatever the model trained on; and the same at d
dimensions (METHODS.md: a Matryoshka prefix, else the first d PCA coordinates of the
gallery; cosine similarity normalises them again), d = 1, 2, 4, ..., the full width
(``dims.csv``)."""

import numpy as np
from pydantic import PositiveInt
from scipy.stats import spearmanr

from embedlab.errors import EmbedlabError
from embedlab.metrics.context import l2_normalize
from embedlab.metrics.dimensions import curve_dims, first_numbers
from embedlab.metrics.registry import METRICS, Curve


def pair_cosines(embeddings):
    """Cosine similarity of rows 2i and 2i + 1 (a pair's two sentences), for every i."""
    unit = l2_normalize(embeddings)
    return (unit[0::2] * unit[1::2]).sum(axis=1)


def pair_spearman(embeddings, scores):
    """Spearman correlation between the pairs' cosine similarities and their scores
    (``scores`` per row, as the prepared splits hold them: each pair's on both rows)."""
    return float(spearmanr(pair_cosines(embeddings), np.asarray(scores)[0::2]).statistic)


def stsb_sentences(name, max_pairs=None):
    """The shipped STS-B ``dev`` or ``test`` split (its first ``max_pairs`` pairs): the
    sentences, pair i on rows 2i and 2i + 1, and the gold score on each row."""
    from embedlab.data.text_datasets import stsb_split

    pairs = stsb_split(name)
    sentences = [s for pair in zip(pairs.first, pairs.second) for s in pair][: None if max_pairs is None else 2 * max_pairs]
    return sentences, np.repeat(pairs.scores, 2)[: len(sentences)]


@METRICS.register("stsb_spearman")
def stsb_spearman(context, *, max_pairs: PositiveInt | None = None):
    """``stsb_spearman_dev`` and ``stsb_spearman_test``, and Spearman on the test pairs
    at d dimensions (:func:`embedlab.metrics.dimensions.first_numbers`).
    ``max_pairs``: only the first pairs of each split, for a quick look (null: all)."""
    if context.embed_sentences is None:
        raise EmbedlabError("stsb_spearman needs a text model (encoder minilm or hf); remove it from evaluate.metrics")
    embedded = {name: _embedded_split(context, name, max_pairs) for name in ("dev", "test")}
    results = {f"stsb_spearman_{name}": pair_spearman(*pairs) for name, pairs in embedded.items()}
    test_embeddings, test_scores = embedded["test"]
    nested = bool(context.nested_dims)
    results["dims"] = Curve([{"dim": d, "truncation": "prefix" if nested else "pca",
                              "stsb_spearman_test": pair_spearman(first_numbers(context, test_embeddings, d, nested), test_scores)}
                             for d in curve_dims(test_embeddings.shape[1], context.nested_dims)])
    return results


def _embedded_split(context, name, max_pairs):
    """(L2-normalised embeddings, scores) of an STS-B split's sentences."""
    sentences, scores = stsb_sentences(name, max_pairs)
    return l2_normalize(context.embed_sentences(sentences)), scores
