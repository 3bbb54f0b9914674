"""Batches of sentence pairs: whole pairs, similar lengths, cut to the longest sentence."""

import numpy as np
import torch

from embedlab.data.loaders import class_batches, eval_batches, train_loader
from embedlab.data.prepared import Split
from embedlab.data.tokens import PAD


def padded(lengths, width=12):
    ids = np.full((len(lengths), width), PAD, np.int32)
    for row, length in enumerate(lengths):
        ids[row, :length] = np.arange(1, length + 1)
    return ids


def test_batches_hold_whole_pairs_of_similar_length():
    rng = np.random.default_rng(0)
    labels = np.repeat(np.arange(40), 2)
    lengths = np.repeat(rng.integers(2, 12, size=40), 2)  # partners of similar length
    batches = class_batches(labels, lengths, batch_size=8, seed=3)
    assert len(batches) == 10 and all(len(b) == 8 for b in batches)
    for batch in batches:
        assert all(np.sum(labels[batch] == label) == 2 for label in labels[batch])  # a sentence meets its partner
    assert sorted(np.concatenate(batches).tolist()) == list(range(80))
    padding = sum(len(b) * lengths[b].max() - lengths[b].sum() for b in batches)
    unsorted = sum(8 * lengths[i : i + 8].max() - lengths[i : i + 8].sum() for i in range(0, 80, 8))
    assert padding < unsorted / 2
    assert class_batches(labels, lengths, 8, seed=3) == batches and class_batches(labels, lengths, 8, seed=4) != batches


def test_a_last_short_batch_is_dropped():
    batches = class_batches(np.repeat(np.arange(5), 2), np.full(10, 3), batch_size=4, seed=0)
    assert len(batches) == 2 and all(len(b) == 4 for b in batches)


def test_train_batches_are_token_ids_cut_to_the_longest_sentence():
    split = Split(padded([2, 3, 2, 5, 4, 4, 3, 2]), np.repeat(np.arange(4), 2))
    for views, labels in train_loader(split, None, views=1, batch_size=4, seed=0, num_workers=0):
        batch = views[0]
        assert batch.dtype == torch.long and batch.shape[1] == int((batch != PAD).sum(1).max())
        assert labels[0::2].tolist() == labels[1::2].tolist()


def test_eval_batches_keep_order_and_trim():
    ids = padded([2, 5, 3])
    batches = list(eval_batches(ids, batch_size=2))
    assert [b.shape for b in batches] == [(2, 5), (1, 3)]
    assert batches[0][0].tolist() == [1, 2, PAD, PAD, PAD]
