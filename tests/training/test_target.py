import pytest
import torch

from embedlab.losses.base import CosineEMA
from embedlab.training.target import TargetNetwork
from tests.training.test_trainer import make_trainer


def test_update_moves_the_target_towards_the_online_weights_by_one_minus_gamma():
    online = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.BatchNorm1d(2))
    target = TargetNetwork(online, CosineEMA(0.9))
    before = {k: v.clone() for k, v in target.state_dict().items()}
    with torch.no_grad():
        online[0].weight.add_(1.0)
        online[1].running_mean.fill_(2.0)
        online[1].num_batches_tracked.fill_(7)
    target.update(0.0)  # gamma = 0.9 at the start
    assert torch.allclose(target.model[0].weight, 0.9 * before["0.weight"] + 0.1 * online[0].weight)
    assert torch.allclose(target.model[1].running_mean, torch.full((2,), 0.2))
    assert target.model[1].num_batches_tracked.item() == 7  # integer buffers are copied
    assert not any(p.requires_grad for p in target.model.parameters())
    target.update(1.0)  # gamma = 1 at the end: the target stays put
    assert torch.allclose(target.model[1].running_mean, torch.full((2,), 0.2))


def test_outputs_follow_the_online_modes_and_carry_no_gradient():
    online = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Dropout(0.5))
    target = TargetNetwork(online, CosineEMA(0.9))
    online.eval()
    first, second = target.outputs(torch.ones(4, 3), views=2)
    assert not target.model[1].training and torch.equal(first, second)
    assert not first.requires_grad


def test_relic_trains_with_a_target_network_that_lags_the_model(tmp_path):
    trainer = make_trainer(tmp_path, loss={"name": "relic", "gamma": 0.9}, epochs=1)
    assert trainer.target is not None and trainer.loss.views == 2
    trainer._train_epoch(0)
    online, target = trainer.model.state_dict(), trainer.target.state_dict()
    changed = [k for k in online if online[k].is_floating_point() and not torch.equal(online[k], target[k])]
    assert changed  # the EMA copy differs from the online weights...
    initial = make_trainer(tmp_path / "fresh", loss="relic").model.state_dict()
    assert any(not torch.equal(initial[k], target[k]) for k in changed)  # ...but has moved


def test_no_target_network_for_losses_that_do_not_need_one(tmp_path):
    assert make_trainer(tmp_path, loss="ntxent").target is None


def test_self_supervised_training_never_uses_the_labels(tmp_path):
    first = make_trainer(tmp_path / "a", loss="relic")
    second = make_trainer(tmp_path / "b", loss="relic")
    second.data.train.labels[:] = second.data.train.labels[::-1].copy()
    first._train_epoch(0)
    second._train_epoch(0)
    assert all(torch.equal(v, second.model.state_dict()[k]) for k, v in first.model.state_dict().items())


def test_a_resumed_run_continues_the_target_exactly(tmp_path):
    whole = make_trainer(tmp_path / "whole", loss="relic", epochs=2)
    whole.fit()
    killed = make_trainer(tmp_path / "resumed", loss="relic", epochs=2)
    killed._train_epoch(0)
    killed.scheduler.step()
    killed._save_state(0)  # what fit() leaves behind after epoch 1 when it is killed
    resumed = make_trainer(tmp_path / "resumed", loss="relic", epochs=2)
    resumed.fit()
    for mine, theirs in ((resumed.model.state_dict(), whole.model.state_dict()), (resumed.target.state_dict(), whole.target.state_dict())):
        assert all(torch.equal(mine[k], theirs[k]) for k in mine)


@pytest.mark.parametrize("loss", ["ce", "multisimilarity", {"name": "triplet", "miner": "semihard"}, "ntxent"])
def test_every_loss_trains_through_the_trainer(tmp_path, loss):
    trainer = make_trainer(tmp_path, loss=loss, epochs=1)
    assert trainer._train_epoch(0) > 0
