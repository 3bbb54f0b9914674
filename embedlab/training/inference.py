import torch

from embedlab.data.loaders import eval_batches
from embedlab.training.precision import autocast


@torch.no_grad()
def embed_images(model, images, device, precision="fp32", batch_size=1024):
    """Raw model outputs (float32 numpy) for uint8 N x H x W x C images, un-augmented."""
    model.eval()
    chunks = []
    for batch in eval_batches(images, batch_size):
        with autocast(device, precision):
            chunks.append(model(batch.to(device)).float().cpu())
    return torch.cat(chunks).numpy()
