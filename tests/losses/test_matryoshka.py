import pytest
import torch
from torch.nn import functional as F

from embedlab.config import load_params
from embedlab.errors import ConfigError, EmbedlabError
from embedlab.losses import LossContext, build_loss, build_nested_loss
from tests.conftest import write_params
from tests.losses.test_supcon import supcon_by_hand
from tests.losses.toy import value_before_and_after

CONTEXT = LossContext(embedding_dim=8, num_classes=3)


def test_nested_loss_is_the_weighted_sum_of_prefix_losses():
    torch.manual_seed(9)
    z, labels = torch.randn(9, 8), torch.tensor([0, 1, 2] * 3)
    nested = build_nested_loss({"name": "supcon", "temperature": 0.5}, CONTEXT, [2, 4, 8], [1.0, 0.5, 2.0])
    expected = sum(w * supcon_by_hand(z[:, :d], labels.tolist(), 0.5) for d, w in ((2, 1.0), (4, 0.5), (8, 2.0)))
    assert nested([z], labels).item() == pytest.approx(expected, rel=1e-5)


def test_prefixes_are_normalised_after_slicing():
    """Scaling the coordinates beyond a prefix changes nothing in that prefix's loss."""
    torch.manual_seed(10)
    z, labels = torch.randn(6, 8), torch.tensor([0, 1, 2] * 2)
    nested = build_nested_loss("supcon", CONTEXT, [4, 8], [1.0, 1e-9])
    scaled = torch.cat([z[:, :4], 100 * z[:, 4:]], dim=1)
    assert nested([scaled], labels).item() == pytest.approx(nested([z], labels).item(), rel=1e-4)
    prefix = build_loss("supcon", CONTEXT)([F.normalize(z[:, :4], dim=1)], labels)
    assert nested([z], labels).item() == pytest.approx(prefix.item(), rel=1e-4)


def test_targets_are_sliced_too_and_each_prefix_has_its_own_parameters():
    torch.manual_seed(11)
    outputs, targets = [torch.randn(4, 8), torch.randn(4, 8)], [torch.randn(4, 8), torch.randn(4, 8)]
    nested = build_nested_loss("relic", CONTEXT, [3, 8])
    single = build_loss("relic", CONTEXT)
    expected = sum(single([o[:, :d] for o in outputs], None, [t[:, :d] for t in targets]) for d in (3, 8))
    assert nested(outputs, None, targets).item() == pytest.approx(expected.item(), rel=1e-5)
    assert len(list(nested.parameters())) == 2 and nested.target_schedule is not None


def test_a_nested_classifier_reads_only_its_prefix():
    nested = build_nested_loss("ce", CONTEXT, [2, 8])
    assert [part.loss.parts[0].classifier.in_features for part in nested.parts] == [2, 8]


def test_nested_optimisation_lowers_it():
    start, end = value_before_and_after(build_nested_loss("supcon", LossContext(4, 3), [2, 4]))
    assert end < start - 0.2


@pytest.mark.parametrize(
    "dims, weights, message",
    [
        ([8, 16], [], "params: matryoshka_dims=[8, 16] is not allowed; expected dimensions up to the embedding dimension 8"),
        ([2, 4], [], "params: matryoshka_dims=[2, 4] is not allowed; expected a list that ends with the full embedding dimension 8"),
        ([4, 2, 8], [], "params: matryoshka_dims=[4, 2, 8] is not allowed; expected increasing dimensions"),
        ([4, 8], [1.0], "params: matryoshka_weights=[1.0] is not allowed; expected 2 weights"),
    ],
)
def test_bad_nesting_is_a_one_line_error(dims, weights, message):
    with pytest.raises(ConfigError) as raised:
        build_nested_loss("supcon", CONTEXT, dims, weights)
    assert str(raised.value).startswith(message) and "\n" not in str(raised.value)


@pytest.mark.parametrize("weights, fragment", [([1, 0], "matryoshka_weights.1=0"), ([-1, 1], "matryoshka_weights.0=-1")])
def test_non_positive_nesting_weights_stop_params_loading(tmp_path, params, weights, fragment):
    params.update(matryoshka_dims=[8, 128], matryoshka_weights=weights)
    with pytest.raises(EmbedlabError) as raised:
        load_params(write_params(tmp_path, params))
    assert fragment in str(raised.value) and "greater than 0" in str(raised.value)
