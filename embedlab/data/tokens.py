"""Sentences as token ids: int32 N x L arrays padded with ``PAD`` (-1) on the right,
whatever the tokenizer (see :mod:`embedlab.models.text`)."""

import numpy as np
import torch

PAD = -1


def token_lengths(ids):
    """Tokens per row of a padded id array."""
    return (np.asarray(ids) != PAD).sum(axis=1)


def trim(ids):
    """A LongTensor batch of token ids without the columns that are padding in every row."""
    batch = torch.as_tensor(np.asarray(ids), dtype=torch.long)
    return batch[:, : max(1, int((batch != PAD).sum(1).max()))]
