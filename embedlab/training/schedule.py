"""Learning-rate factors per epoch: optional head-only warm-up, then cosine decay."""

import math


def cosine_factor(epoch, warmup_epochs, total_epochs):
    """1 -> 0 on a half cosine over the epochs after warm-up (MonoCon's schedule)."""
    span = max(total_epochs - warmup_epochs, 1)
    return 0.5 * (1 + math.cos(math.pi * (epoch - warmup_epochs) / span))


def encoder_factor(epoch, warmup_epochs, total_epochs):
    return 0.0 if epoch < warmup_epochs else cosine_factor(epoch, warmup_epochs, total_epochs)


def head_factor(epoch, warmup_epochs, total_epochs, warmup_ratio):
    return warmup_ratio if epoch < warmup_epochs else cosine_factor(epoch, warmup_epochs, total_epochs)
