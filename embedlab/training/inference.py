import contextlib

import torch

from embedlab.data.loaders import eval_batches


def autocast(device, amp):
    """bfloat16 autocast on CUDA when ``amp`` is on; full precision otherwise."""
    if amp and device.type == "cuda":
        return torch.autocast("cuda", dtype=torch.bfloat16)
    return contextlib.nullcontext()


@torch.no_grad()
def embed_images(model, images, device, amp=False, batch_size=1024):
    """Raw model outputs (float32 numpy) for uint8 N x H x W x C images, un-augmented."""
    model.eval()
    chunks = []
    for batch in eval_batches(images, batch_size):
        with autocast(device, amp):
            chunks.append(model(batch.to(device)).float().cpu())
    return torch.cat(chunks).numpy()
