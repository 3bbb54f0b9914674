"""Training dynamics as in MonoCon's analysis of its per-epoch checkpoints: how many
principal components (99% of the variance) the encoder output, the head output and the
L2-normalised head output need, epoch by epoch, on one fixed subset of training inputs."""

import numpy as np
import torch

from embedlab.metrics.compactness import pca_dimension
from embedlab.metrics.context import l2_normalize
from embedlab.models import load_embedder
from embedlab.training.checkpoint import load_checkpoint
from embedlab.training.inference import embed_inputs


def fixed_subset(n_inputs, size, seed):
    """Sorted indices of ``size`` inputs (all when fewer), the same for every epoch."""
    return np.sort(np.random.default_rng(seed).permutation(n_inputs)[:size])


def output_dimensions(model, inputs, device, precision="fp32", batch_size=1024):
    """99%-variance dimension of the encoder output and of the head output, before and
    after L2 normalisation."""
    features = embed_inputs(model.encoder, inputs, device, precision, batch_size)
    with torch.no_grad():
        outputs = model.head.eval()(torch.from_numpy(features).to(device)).float().cpu().numpy()
    return {"encoder": pca_dimension(features), "head": pca_dimension(outputs), "normalised": pca_dimension(l2_normalize(outputs))}


def dimension_dynamics(checkpoint_paths, inputs, device, precision="fp32", batch_size=1024):
    """One row per checkpoint: its (1-based) epoch and :func:`output_dimensions`."""
    rows = []
    for path in checkpoint_paths:
        checkpoint = load_checkpoint(path)
        model = load_embedder(checkpoint).to(device)
        rows.append({"epoch": checkpoint["epoch"] + 1, **output_dimensions(model, inputs, device, precision, batch_size)})
    return rows
