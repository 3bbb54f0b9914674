import numpy as np
import torch

from embedlab.data.datasets import modality
from embedlab.data.loaders import eval_batches
from embedlab.data.tokens import token_lengths
from embedlab.training.precision import autocast


def embed_inputs(model, inputs, device, precision="fp32", batch_size=1024):
    """Raw model outputs (float32 numpy) for prepared inputs (images, un-augmented, or
    token ids), in their order. Sentences are embedded sorted by length, so batches
    carry little padding, and put back in order."""
    if modality(inputs) != "text":
        return _embed_batches(model, inputs, device, precision, batch_size)
    order = np.argsort(token_lengths(inputs), kind="stable")
    ordered = _embed_batches(model, np.asarray(inputs)[order], device, precision, batch_size)
    embeddings = np.empty_like(ordered)
    embeddings[order] = ordered
    return embeddings


@torch.no_grad()
def _embed_batches(model, inputs, device, precision, batch_size):
    model.eval()
    chunks = []
    for batch in eval_batches(inputs, batch_size):
        with autocast(device, precision):
            chunks.append(model(batch.to(device)).float().cpu())
    return torch.cat(chunks).numpy()
