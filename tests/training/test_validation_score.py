"""The validation score that picks checkpoints: 5-NN for images; for sentence pairs STS
Spearman when the pairs have scores, else in-pair retrieval."""

import numpy as np
import pytest

from embedlab.data.prepared import Split
from embedlab.data.tokens import PAD
from embedlab.metrics.context import EvalContext
from embedlab.training.trainer import validation_key, validation_score

TOKENS = np.full((6, 4), PAD, np.int32)
PAIRS = np.repeat(np.arange(3), 2)
# pairs 0 and 2 sit close together; pair 1's second sentence lies nearer to pair 2 than to its partner
EMBEDDINGS = np.array([[1, 0, 0], [0.9, 0.1, 0], [0, 1, 0], [0, 0.2, 1], [0, 0, 1], [0, -0.1, 1]], np.float32)


def context(query):
    return EvalContext(query, np.zeros(len(query), int), query, np.zeros(len(query), int))


def test_images_validate_on_5nn():
    assert validation_key(Split(np.zeros((2, 8, 8, 1), np.uint8), np.array([0, 1]))) == "val_knn_accuracy"


def test_scored_pairs_validate_on_spearman():
    val = Split(TOKENS, PAIRS, np.repeat(np.array([5.0, 0.0, 4.0], np.float32), 2))
    # cosines by hand: pair 0 0.99388, pair 1 0.19612, pair 2 0.99504, ranks (2, 1, 3);
    # the scores rank them (3, 1, 2): sum d^2 = 2, rho = 1 - 6 * 2 / (3 * 8) = 0.5
    assert validation_score(context(EMBEDDINGS), val) == {"val_spearman": pytest.approx(0.5)}


def test_unscored_pairs_validate_on_in_pair_retrieval():
    val = Split(TOKENS, PAIRS)
    # nearest other sentence by cosine: 0->1, 1->0, 2->3, 3->4 (0.981, not its partner: 0.196), 4->5, 5->4
    assert validation_score(context(EMBEDDINGS), val) == {"val_pair_retrieval": pytest.approx(5 / 6)}
