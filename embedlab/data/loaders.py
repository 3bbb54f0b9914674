"""Torch datasets and loaders over the prepared arrays."""

import numpy as np
import torch
from torch.utils.data import ConcatDataset, DataLoader, Dataset

from embedlab.data.augment import to_float
from embedlab.data.prepared import Split


class ArrayDataset(Dataset):
    """Yields ``(views, label)``: ``views`` augmented copies of one image as float tensors."""

    def __init__(self, split, transform, views=1):
        self.split = split
        self.transform = transform
        self.views = views

    def __len__(self):
        return len(self.split)

    def __getitem__(self, index):
        image = torch.from_numpy(np.array(self.split.images[index])).permute(2, 0, 1)
        views = [self.transform(image) for _ in range(self.views)]
        return views, int(self.split.labels[index])


def train_loader(split, transform, views, batch_size, seed, num_workers, unlabeled=None, shard=(0, 1)):
    """Shuffled, seeded batches; the last partial batch is dropped (contrastive losses
    need several samples per batch). ``unlabeled`` images, if given, are shuffled in with
    the label -1 (for losses that do not use labels). ``shard`` = (rank, world size):
    this DDP rank's contiguous slice of every global batch."""
    dataset = ArrayDataset(split, transform, views)
    if unlabeled is not None:
        no_labels = Split(unlabeled, np.full(len(unlabeled), -1, dtype=np.int64))
        dataset = ConcatDataset([dataset, ArrayDataset(no_labels, transform, views)])
    generator = torch.Generator().manual_seed(seed)
    return DataLoader(
        dataset,
        batch_sampler=ShardedBatches(len(dataset), min(batch_size, len(dataset)), generator, shard),
        generator=generator,
        num_workers=num_workers,
        persistent_workers=num_workers > 0,
    )


class ShardedBatches:
    """The batches of a shuffle, the last partial one dropped, each cut to this rank's
    slice. With the loader's ``generator``, which draws the workers' base seed first, the
    order is that of ``DataLoader(shuffle=True, drop_last=True)`` with that generator."""

    def __init__(self, size, batch_size, generator, shard):
        self.size, self.batch_size, self.generator = size, batch_size, generator
        rank, world = shard
        self.mine = slice(rank * batch_size // world, (rank + 1) * batch_size // world)

    def __len__(self):
        return self.size // self.batch_size

    def __iter__(self):
        order = torch.randperm(self.size, generator=self.generator).tolist()
        for step in range(len(self)):
            yield order[step * self.batch_size : (step + 1) * self.batch_size][self.mine]


def eval_batches(images, batch_size):
    """Un-augmented float batches of a uint8 N x H x W x C array, in order."""
    for start in range(0, len(images), batch_size):
        chunk = torch.from_numpy(np.array(images[start : start + batch_size]))
        yield to_float(chunk.permute(0, 3, 1, 2))
