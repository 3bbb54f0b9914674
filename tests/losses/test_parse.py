"""Bad loss params give a one-line error naming the key, the value and what is allowed."""

import pytest

from embedlab.errors import ConfigError
from embedlab.losses import LossContext, build_loss

CONTEXT = LossContext(embedding_dim=4, num_classes=3)


@pytest.mark.parametrize(
    "value, message",
    [
        ("tripplet", "params: loss='tripplet' is not allowed; expected ce, multisimilarity, ntxent, relic, supcon, triplet (did you mean 'triplet'?)"),
        ([{"name": "supcon"}, {"name": "multisimilarty"}], "params: loss[1]='multisimilarty' is not allowed"),
        ({"name": "triplet", "miner": "hardest"}, "params: loss.miner='hardest' is not allowed; expected 'none', 'semihard' or 'hard'"),
        ([{"name": "supcon", "weight": 0}], "params: loss[0].weight=0 is not allowed; expected a number > 0"),
        ([{"name": "supcon", "weight": 1}, {"name": "ce", "weight": -2}], "params: loss[1].weight=-2 is not allowed; expected a number > 0"),
        ({"name": "relic", "gamma": 1.0}, "params: loss.gamma=1.0 is not allowed; expected less than 1"),
    ],
)
def test_bad_loss_params(value, message):
    with pytest.raises(ConfigError) as raised:
        build_loss(value, CONTEXT)
    assert str(raised.value).startswith(message) and "\n" not in str(raised.value)
