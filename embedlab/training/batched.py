"""Batched training augmentation on the device, for the augmentations that are only a
random crop and flip (``none``, ``basic``).

The per-item path (a torchvision transform per image in a DataLoader) costs Python time
per image, which starves a GPU. Here the uint8 split is moved to the device once, and
each batch is shuffled, padded, cropped and flipped by one gather over the whole batch.
The crop offsets and flips follow torchvision's ``RandomCrop(size, padding)`` and
``RandomHorizontalFlip()``: offsets uniform in ``[0, 2 * padding]``, a flip with
probability 1/2. Augmentations with per-image operations (``trivialaugment``,
``simclr``) keep the per-item path.

The random draws come from a CPU generator seeded per epoch and are made for the whole
global batch, so CPU and CUDA draw the same crops, and under DDP (``shard``) each rank
takes its slice of exactly the crops one process would draw.
"""

from dataclasses import dataclass

import numpy as np
import torch

from embedlab.data.augment import AUGMENTATIONS, crop_padding


@dataclass(frozen=True)
class CropFlip:
    padding: int  # zero padding per side; 0 = no crop
    flip: bool

    def draw(self, count, generator):
        """Top and left offsets into the padded image, and which images to mirror."""
        offsets = torch.randint(0, 2 * self.padding + 1, (2, count), generator=generator)
        flips = torch.rand(count, generator=generator) < 0.5 if self.flip else torch.zeros(count, dtype=torch.bool)
        return offsets[0], offsets[1], flips

    def apply(self, images, tops, lefts, flips):
        """uint8 B x H x W x C images -> float B x C x H x W in [0, 1], each image cropped at
        its (top, left) of the zero-padded image and mirrored where ``flips``."""
        count, height, width, _ = images.shape
        p = self.padding
        padded = torch.nn.functional.pad(images, (0, 0, p, p, p, p))
        device = images.device
        rows = tops.to(device)[:, None] + torch.arange(height, device=device)
        columns = torch.arange(width, device=device).expand(count, width)
        columns = torch.where(flips.to(device)[:, None], columns.flip(1), columns) + lefts.to(device)[:, None]
        crops = padded[torch.arange(count, device=device)[:, None, None], rows[:, :, None], columns[:, None, :]]
        return crops.permute(0, 3, 1, 2).float().div_(255)


BATCHED = {
    "none": lambda image_size: CropFlip(0, False),
    "basic": lambda image_size, flip=True: CropFlip(crop_padding(image_size), flip),
}


def batched_augmentation(spec, image_size):
    """The batched form of the augmentation ``spec``, or None when it
    needs the per-item path."""
    builder = BATCHED.get(spec.name)
    return builder(image_size, **AUGMENTATIONS.validate(spec, "augment")) if builder else None


@dataclass
class DeviceSplit:
    images: torch.Tensor  # uint8 N x H x W x C, on the training device
    labels: torch.Tensor  # int64 N (-1: unlabeled)

    @classmethod
    def of(cls, split, device, unlabeled=None):
        """The split (and any unlabeled images, with the label -1) on ``device``, copied once."""
        images, labels = np.array(split.inputs), np.asarray(split.labels, dtype=np.int64)  # read from the memory map once
        if unlabeled is not None:
            images = np.concatenate([images, np.asarray(unlabeled)])
            labels = np.concatenate([labels, np.full(len(unlabeled), -1, dtype=np.int64)])
        return cls(torch.from_numpy(images).to(device), torch.from_numpy(labels).to(device))


class DeviceBatches:
    """One epoch of shuffled ``(views, labels)`` batches, like :func:`train_loader`: the last
    partial batch dropped, ``views`` independent draws per image. ``shard`` = (rank,
    world size): this rank's contiguous slice of every global batch."""

    def __init__(self, data, augmentation, views, batch_size, seed, shard=(0, 1)):
        self.data, self.augmentation, self.views = data, augmentation, views
        self.batch_size = min(batch_size, len(data.labels))
        self.seed, self.shard = seed, shard

    def __len__(self):
        return len(self.data.labels) // self.batch_size

    def __iter__(self):
        generator = torch.Generator().manual_seed(self.seed)
        order = torch.randperm(len(self.data.labels), generator=generator)
        rank, world = self.shard
        mine = slice(rank * self.batch_size // world, (rank + 1) * self.batch_size // world)
        for step in range(len(self)):
            index = order[step * self.batch_size : (step + 1) * self.batch_size]
            draws = [[d[mine] for d in self.augmentation.draw(self.batch_size, generator)] for _ in range(self.views)]
            index = index[mine].to(self.data.images.device)
            images = self.data.images[index]
            yield [self.augmentation.apply(images, *d) for d in draws], self.data.labels[index]
