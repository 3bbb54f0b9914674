"""The batched crop-and-flip path against torchvision's per-item transforms, on CPU tensors."""

import numpy as np
import pytest
import torch
from scipy.stats import chi2_contingency
from torchvision.transforms.v2 import functional

from embedlab.data.augment import AUGMENTATIONS
from embedlab.data.prepared import Split
from embedlab.registry import Spec
from embedlab.training.batched import CropFlip, DeviceBatches, DeviceSplit, batched_augmentation


def position_image(size):
    """uint8 H x W x 2: channel 0 holds row + 1, channel 1 column + 1 (the padding is 0)."""
    rows, columns = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    return np.stack([rows + 1, columns + 1], axis=-1).astype(np.uint8)


def decode(view, padding):
    """(top, left, flipped) of a float C x H x W crop of :func:`position_image`."""
    values = (view * 255).round().long()
    middle = view.shape[-1] // 2
    row, column, right = values[0, middle, middle], values[1, middle, middle], values[1, middle, middle + 1]
    flipped = bool(right < column)
    source_column = view.shape[-1] - 1 - middle if flipped else middle
    return int(row - 1 + padding - middle), int(column - 1 + padding - source_column), flipped


def test_crop_and_flip_match_torchvision_pixel_for_pixel():
    images = torch.from_numpy(np.random.default_rng(0).integers(0, 256, size=(4, 8, 8, 3), dtype=np.uint8))
    tops, lefts, flips = torch.tensor([0, 2, 1, 2]), torch.tensor([2, 0, 1, 1]), torch.tensor([False, True, True, False])
    batched = CropFlip(padding=1, flip=True).apply(images, tops, lefts, flips)
    for image, top, left, flip, got in zip(images.permute(0, 3, 1, 2), tops, lefts, flips, batched, strict=True):
        expected = functional.crop(functional.pad(image, [1]), int(top), int(left), 8, 8)
        expected = functional.horizontal_flip(expected) if flip else expected
        assert torch.equal(got, expected.float() / 255)


@pytest.mark.parametrize("size", [8, 16])
def test_batched_draws_crops_and_flips_distributed_as_torchvision(size):
    """Two-sample chi-square on the joint histogram of (top, left, flip) of 4,000 views each."""
    padding, count = max(1, size // 8), 4000
    image = position_image(size)
    per_item = AUGMENTATIONS.build(Spec("basic"), "augment", size)
    torch.manual_seed(0)
    reference = [decode(per_item(torch.from_numpy(image).permute(2, 0, 1)), padding) for _ in range(count)]
    augmentation = batched_augmentation(Spec("basic"), size)
    draws = augmentation.draw(count, torch.Generator().manual_seed(1))
    batched = [decode(view, padding) for view in augmentation.apply(torch.from_numpy(image).expand(count, -1, -1, -1), *draws)]
    cells = [(t, left, f) for t in range(2 * padding + 1) for left in range(2 * padding + 1) for f in (False, True)]
    table = np.array([[sample.count(cell) for cell in cells] for sample in (reference, batched)])
    assert table.sum() == 2 * count  # every decoded crop is a valid (top, left, flip)
    assert table.min() > 0.5 * count / len(cells)  # no cell missing in either sample
    assert chi2_contingency(table).pvalue > 0.01


def test_only_crop_and_flip_augmentations_are_batched():
    assert batched_augmentation(Spec("none"), 8) == CropFlip(0, False)
    assert batched_augmentation(Spec("basic", {"flip": False}), 32) == CropFlip(4, False)
    assert batched_augmentation(Spec("trivialaugment"), 32) is None
    assert batched_augmentation(Spec("simclr"), 32) is None


def indexed_split(n):
    """Image i is filled with the value i, its label is i % 3."""
    return Split(np.repeat(np.arange(n, dtype=np.uint8), 16).reshape(n, 4, 4, 1), np.arange(n) % 3)


def test_an_epoch_visits_each_image_at_most_once_with_its_label():
    data = DeviceSplit.of(indexed_split(50), torch.device("cpu"), unlabeled=np.full((10, 4, 4, 1), 200, np.uint8))
    batches = DeviceBatches(data, CropFlip(0, False), views=2, batch_size=16, seed=3)
    seen = []
    for views, labels in batches:
        assert len(views) == 2 and torch.equal(views[0], views[1])  # no augmentation: both views are the image
        ids = (views[0][:, 0, 0, 0] * 255).round().long()
        assert torch.equal(labels, torch.where(ids == 200, -1, ids % 3))
        seen += ids.tolist()
    assert len(batches) == 3 and len(seen) == 48 and len(set(seen) - {200}) == len([i for i in seen if i != 200])


def test_shards_are_the_slices_of_the_single_process_batches():
    data = DeviceSplit.of(indexed_split(40), torch.device("cpu"))
    augmentation = CropFlip(1, True)
    whole = list(DeviceBatches(data, augmentation, 2, 20, seed=5))
    shards = [list(DeviceBatches(data, augmentation, 2, 20, seed=5, shard=(rank, 2))) for rank in range(2)]
    for step, (views, labels) in enumerate(whole):
        assert torch.equal(labels, torch.cat([shards[0][step][1], shards[1][step][1]]))
        for v in range(2):
            assert torch.equal(views[v], torch.cat([shards[0][step][0][v], shards[1][step][0][v]]))


def test_trainer_takes_the_batched_path_and_stays_reproducible(tmp_path):
    from tests.training.test_trainer import make_trainer

    weights = []
    for run in ("a", "b"):
        trainer = make_trainer(tmp_path / run, epochs=2)
        trainer.data.batched = CropFlip(1, False)
        assert isinstance(trainer._batches(0), DeviceBatches)
        weights.append(trainer.fit()["model"])
    assert all(torch.equal(weights[0][k], weights[1][k]) for k in weights[0])
