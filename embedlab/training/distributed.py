"""Data-parallel training with PyTorch DDP, launched by torchrun.

With ``nproc_per_node`` > 1 a training stage runs itself again under torchrun
(:func:`relaunch`); torchrun's ``PET_*`` environment (``PET_NNODES``,
``PET_NODE_RANK``, ``PET_RDZV_ENDPOINT``, ...) spans several nodes. A stage started by
torchrun directly joins its process group instead. Each rank trains on its slice of
every global batch (``batch_size`` is the global batch, so the recipe does not change
with the number of processes); losses see the embeddings of the whole global batch
through an all-gather that carries gradients back to each rank; DDP averages the
gradients. Only rank 0 writes checkpoints and logs.
"""

import os
import subprocess
import sys

import torch
import torch.distributed as dist

from embedlab.errors import ConfigError


def active():
    return dist.is_available() and dist.is_initialized()


def rank():
    return dist.get_rank() if active() else 0


def world_size():
    return dist.get_world_size() if active() else 1


def is_main():
    return rank() == 0


def relaunch(nproc_per_node, module_args):
    """Run ``python -m <module_args>`` under torchrun with ``nproc_per_node`` processes
    (one node unless the ``PET_*`` environment says otherwise) and return True; return
    False (run here) with one process or when torchrun already started this one."""
    if nproc_per_node == 1 or "LOCAL_RANK" in os.environ:
        return False
    single_node = int(os.environ.get("PET_NNODES", "1")) == 1
    command = [sys.executable, "-m", "torch.distributed.run", f"--nproc_per_node={nproc_per_node}",
               *(["--standalone"] if single_node else []), "-m", *module_args]
    status = subprocess.run(command, check=False).returncode
    if status:
        sys.exit(status)
    return True


def setup(device):
    """Under torchrun with several processes, join the process group (NCCL on CUDA, gloo
    on CPU) and return this rank's device (``cuda:LOCAL_RANK`` on CUDA)."""
    if int(os.environ.get("WORLD_SIZE", "1")) == 1:
        return device
    if device.type == "cuda":
        device = torch.device("cuda", int(os.environ["LOCAL_RANK"]))
        torch.cuda.set_device(device)
    if not active():
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
    return device


def check_batch(batch_size, sync_batchnorm, device, section):
    """One line before any work: the global batch must split evenly over the ranks, and
    PyTorch's SyncBatchNorm runs on GPUs only."""
    if batch_size % world_size():
        raise ConfigError(f"{section}.batch_size", batch_size, f"a multiple of the {world_size()} training processes")
    if sync_batchnorm and active() and device.type == "cpu":
        raise ConfigError(f"{section}.sync_batchnorm", True, "false on CPU (PyTorch's SyncBatchNorm needs GPUs)")


def prepare(model, sync_batchnorm):
    """Batch norm synchronised over the ranks, when asked and distributed (the same
    parameters and state-dict keys, so checkpoints do not change)."""
    return torch.nn.SyncBatchNorm.convert_sync_batchnorm(model) if sync_batchnorm and active() else model


def wrap(model, device):
    """The module a training step calls: DDP around ``model`` when distributed. DDP fixes
    the set of trainable parameters when it is built, so build one per frozen state."""
    if not active():
        return model
    return torch.nn.parallel.DistributedDataParallel(model, device_ids=[device] if device.type == "cuda" else None)


def gather(tensor):
    """Every rank's ``tensor`` (the same shape on each) concatenated in rank order; the
    gradient of each rank's part flows back to it, summed over the ranks' identical
    losses, which DDP's averaging turns back into the single-process gradient."""
    return _GatherWithGradient.apply(tensor) if active() else tensor


class _GatherWithGradient(torch.autograd.Function):
    """``torch.distributed.nn.functional.all_gather`` is deprecated; this is its
    backend-independent core (gloo has no reduce-scatter)."""

    @staticmethod
    def forward(ctx, tensor):
        parts = [torch.empty_like(tensor) for _ in range(world_size())]
        dist.all_gather(parts, tensor.contiguous())
        return torch.cat(parts)

    @staticmethod
    def backward(ctx, gradient):
        gradient = gradient.contiguous()
        dist.all_reduce(gradient)
        return gradient.chunk(world_size())[rank()]


def sync_buffers(model):
    """Rank 0's buffers (batch-norm running statistics) to every rank, so that every rank
    validates the same model and takes the same early-stopping decision."""
    if active():
        for buffer in model.buffers():
            dist.broadcast(buffer, src=0)


def barrier():
    if active():
        dist.barrier()
