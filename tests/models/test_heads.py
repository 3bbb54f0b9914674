import pytest
import torch

from embedlab.models.heads import HEADS, MonotonicLinear
from embedlab.registry import Spec


def jacobians(head, dim, samples=16):
    torch.manual_seed(0)
    inputs = torch.randn(samples, dim) * 3
    return torch.stack([torch.autograd.functional.jacobian(head, x) for x in inputs])


@pytest.mark.parametrize("init", ["torch", "variance"])
def test_monotonic_head_is_non_decreasing_in_every_input(init):
    torch.manual_seed(1)
    head = HEADS.build(Spec("monotonic", {"init": init}), "head", 12)
    with torch.no_grad():  # make the raw weights clearly mixed-sign: squaring must still win
        for p in head.parameters():
            p.normal_(std=1.0)
    assert (jacobians(head, 12) >= 0).all()


def test_monotonic_head_stays_monotone_after_training_steps():
    torch.manual_seed(2)
    head = HEADS.build(Spec("monotonic"), "head", 6)
    optimizer = torch.optim.SGD(head.parameters(), lr=0.5)
    target = torch.randn(64, 6)
    for _ in range(20):
        loss = ((head(torch.randn(64, 6)) + target) ** 2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    assert (jacobians(head, 6) >= 0).all()


def test_mlp_head_is_not_constrained():
    torch.manual_seed(0)
    head = HEADS.build(Spec("mlp"), "head", 12)
    assert (jacobians(head, 12) < 0).any()


def test_monotonic_layer_uses_squared_weights():
    layer = MonotonicLinear(2, 1)
    with torch.no_grad():
        layer.weight.copy_(torch.tensor([[-2.0, 3.0]]))
        layer.bias.fill_(0.5)
    assert layer(torch.tensor([[1.0, 1.0]])).item() == pytest.approx(4 + 9 + 0.5)


@pytest.mark.parametrize("name, hidden", [("monotonic", 24), ("mlp", 24)])
def test_two_layer_heads_have_hidden_width_twice_the_input(name, hidden):
    head = HEADS.build(Spec(name), "head", 12)
    assert head.hidden.out_features == hidden and head.out.out_features == 12
    assert isinstance(head.act, torch.nn.LeakyReLU)


def test_variance_init_gives_squared_weights_unit_second_moment():
    torch.manual_seed(0)
    head = HEADS.build(Spec("monotonic", {"init": "variance"}), "head", 256)
    effective = head.hidden.weight.square()
    # E[(w^2)^2] * fan_in should be 2 (the Kaiming-normal second moment)
    assert (effective.square().mean() * 256).item() == pytest.approx(2.0, rel=0.1)
    assert torch.count_nonzero(head.hidden.bias) == 0


@pytest.mark.parametrize("name", ["linear", "none"])
def test_simple_heads_keep_the_width(name):
    head = HEADS.build(Spec(name), "head", 5)
    assert head(torch.randn(3, 5)).shape == (3, 5)
