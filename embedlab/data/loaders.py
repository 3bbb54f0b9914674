"""Torch datasets and loaders over the prepared arrays: images, or sentences as token ids."""

import numpy as np
import torch
from torch.utils.data import ConcatDataset, DataLoader, Dataset

from embedlab.data.augment import to_float
from embedlab.data.datasets import modality
from embedlab.data.prepared import Split
from embedlab.data.tokens import PAD, token_lengths, trim
from embedlab.errors import EmbedlabError

BUCKET_BATCHES = 50  # text: batches drawn together, then filled with sentences of similar length


class ArrayDataset(Dataset):
    """Yields ``(views, label)``: ``views`` augmented copies of one image as float tensors
    (or, for token ids, ``views`` copies of the sentence: dropout makes them differ)."""

    def __init__(self, split, transform, views=1):
        self.split = split
        self.transform = transform
        self.views = views

    def __len__(self):
        return len(self.split)

    def __getitem__(self, index):
        if self.transform is None:
            return [np.array(self.split.inputs[index])] * self.views, int(self.split.labels[index])
        image = torch.from_numpy(np.array(self.split.inputs[index])).permute(2, 0, 1)
        views = [self.transform(image) for _ in range(self.views)]
        return views, int(self.split.labels[index])


def train_loader(split, transform, views, batch_size, seed, num_workers, unlabeled=None, shard=(0, 1)):
    """Shuffled, seeded batches; the last partial batch is dropped (contrastive losses
    need several samples per batch). ``unlabeled`` images, if given, are shuffled in with
    the label -1 (for losses that do not use labels). ``shard`` = (rank, world size):
    this DDP rank's contiguous slice of every global batch. Sentences go to
    :func:`text_loader` (one process only)."""
    if modality(split.inputs) == "text":
        if shard[1] > 1:
            raise EmbedlabError("sentence pairs train in one process: set pretrain.nproc_per_node and train.nproc_per_node to 1")
        return text_loader(split, views, batch_size, seed, num_workers)
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


def text_loader(split, views, batch_size, seed, num_workers):
    """Batches of whole classes (each sentence pair is one), so every sentence meets its
    partner in the batch (in-batch contrastive learning); the pairs of a batch have
    similar lengths (:func:`class_batches`) and each batch is cut to its longest sentence."""
    batches = class_batches(split.labels, token_lengths(split.inputs), min(batch_size, len(split)), seed)
    return DataLoader(ArrayDataset(split, None, views), batch_sampler=batches, collate_fn=_collate_tokens,
                      num_workers=num_workers, persistent_workers=num_workers > 0)


def class_batches(labels, lengths, batch_size, seed):
    """Row indices in batches of at most ``batch_size`` rows, each class whole: classes in a
    seeded random order, in windows of :data:`BUCKET_BATCHES` batches sorted by length (so
    little of a batch is padding), the batches then shuffled; a last short batch is dropped."""
    rng = np.random.default_rng(seed)
    classes = [np.flatnonzero(labels == c) for c in rng.permutation(np.unique(labels))]
    window = max(1, BUCKET_BATCHES * batch_size // max(1, len(classes[0])))
    batches = []
    for start in range(0, len(classes), window):
        ordered = sorted(classes[start : start + window], key=lambda rows: int(lengths[rows].max()))
        batches.extend(_fill(ordered, batch_size))
    if batches and len(batches[-1]) < batch_size:
        batches.pop()
    return [batches[i] for i in rng.permutation(len(batches))]


def _fill(classes, batch_size):
    batches, current = [], []
    for rows in classes:
        if current and len(current) + len(rows) > batch_size:
            batches.append(current)
            current = []
        current = current + rows.tolist()
    return [*batches, current] if current else batches


def _collate_tokens(items):
    views = [trim(np.stack([item[0][v] for item in items])) for v in range(len(items[0][0]))]
    width = max(v.shape[1] for v in views)
    views = [torch.nn.functional.pad(v, (0, width - v.shape[1]), value=PAD) for v in views]
    return views, torch.tensor([item[1] for item in items])


def eval_batches(inputs, batch_size):
    """Un-augmented batches in order: float images from uint8 N x H x W x C, or LongTensor
    token ids cut to each batch's longest sentence."""
    for start in range(0, len(inputs), batch_size):
        chunk = np.array(inputs[start : start + batch_size])
        yield trim(chunk) if modality(inputs) == "text" else to_float(torch.from_numpy(chunk).permute(0, 3, 1, 2))
