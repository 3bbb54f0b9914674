"""Training throughput of the project's trainer against a minimal plain-PyTorch loop.

Both train the same model (``small_cnn``, width 32, 128-d output) with the same loss
(SupCon, temperature 0.1), AdamW and gradient clipping, on the same synthetic uint8
images (CIFAR-sized by default) held on the device, for the same number of steps, with
the same precision. The plain loop has no augmentation, no bookkeeping and no progress
bar: the trainer's ratio to it (``augment none``) is the trainer's overhead. Two more
rows show what augmentation costs: random crop (+ flip) batched on the device (the
trainer's path for ``basic``) and the per-item torchvision DataLoader (the path
``trivialaugment`` and ``simclr`` keep). Each setting runs ``--rounds`` times, in turn,
and the median is printed (other work on a shared machine slows single runs).

    python bench/throughput.py [--device auto|cpu|cuda] [--steps 30] [--batch-size 128]
        [--precision fp32|bf16|fp16] [--channels-last] [--compile] [--rounds 3]
"""

import argparse
import os
import statistics
import time

import numpy as np
import torch

from embedlab.data.augment import AUGMENTATIONS
from embedlab.data.prepared import Split
from embedlab.losses import LossContext, build_loss
from embedlab.models import build_embedder
from embedlab.registry import Spec
from embedlab.training.batched import batched_augmentation
from embedlab.training.precision import autocast, check
from embedlab.training.runtime import resolve_device, seed_everything
from embedlab.training.trainer import Settings, TrainData, Trainer

ENCODER = {"name": "small_cnn", "width": 32, "embedding_dim": 128}
LOSS = {"name": "supcon", "temperature": 0.1}
LR, WEIGHT_DECAY, GRAD_CLIP, CLASSES = 1e-3, 1e-4, 1.0, 10


class NoLive:
    def log_metric(self, name, value):
        pass

    def next_step(self):
        pass


def synthetic_split(count, size, channels, seed=0):
    rng = np.random.default_rng(seed)
    return Split(rng.integers(0, 256, size=(count, size, size, channels), dtype=np.uint8), rng.integers(0, CLASSES, count))


def fresh_model(args, split):
    seed_everything(0, args.device, deterministic=False)
    height, width, channels = split.inputs.shape[1:]
    model = build_embedder(ENCODER, "none", (channels, height, width)).to(args.device)
    return model, build_loss(LOSS, LossContext(model.dim, CLASSES)).to(args.device)


def synchronise(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def clocks():
    return time.perf_counter(), time.process_time()


def elapsed(start):
    """(wall seconds, CPU seconds of this process): on a shared CPU machine the CPU time
    is the fairer measure (other processes stretch the wall time, not this one's CPU
    time); on CUDA the wall time is what counts."""
    wall, cpu = clocks()
    return wall - start[0], cpu - start[1]


def plain_loop(args, split):
    """What a user would write by hand: shuffle, index, step."""
    model, loss_fn = fresh_model(args, split)
    model = model.to(memory_format=torch.channels_last) if args.channels_last else model
    forward = torch.compile(model) if args.compile else model
    optimizer = torch.optim.AdamW([*model.parameters(), *loss_fn.parameters()], lr=LR, weight_decay=WEIGHT_DECAY)
    scaler = torch.amp.GradScaler(args.device.type, enabled=args.precision == "fp16")
    images = torch.from_numpy(split.inputs).to(args.device).permute(0, 3, 1, 2)
    labels = torch.from_numpy(split.labels).to(args.device)
    order = torch.randperm(len(labels), generator=torch.Generator().manual_seed(0)).to(args.device)
    model.train()
    synchronise(args.device)
    start = clocks()
    for step in range(args.steps):
        index = order[step * args.batch_size : (step + 1) * args.batch_size]
        batch = images[index].float().div_(255)
        with autocast(args.device, args.precision):
            loss = loss_fn([forward(batch).float()], labels[index])
        optimizer.zero_grad(set_to_none=True)
        scaler.scale(loss).backward()
        scaler.unscale_(optimizer)
        torch.nn.utils.clip_grad_norm_(model.parameters(), GRAD_CLIP)
        scaler.step(optimizer)
        scaler.update()
    synchronise(args.device)
    return elapsed(start)


def trainer_loop(args, split, augment, batched):
    """The project's trainer, one epoch of ``steps`` steps (its training loop, without the
    per-epoch validation and checkpoint)."""
    model, loss_fn = fresh_model(args, split)
    spec = Spec.parse(augment, "augment")
    data = TrainData(split, split, AUGMENTATIONS.build(spec, "augment", split.inputs.shape[1]),
                     batched=batched_augmentation(spec, split.inputs.shape[1]) if batched else None)
    settings = Settings(epochs=1, batch_size=args.batch_size, lr=LR, weight_decay=WEIGHT_DECAY, grad_clip=GRAD_CLIP,
                        patience=1, eval_gallery_size=1, seed=0, device=args.device, num_workers=0,
                        precision=args.precision, channels_last=args.channels_last, compile=args.compile)
    trainer = Trainer(model, loss_fn, data, settings, args.scratch, NoLive(), "bench")
    synchronise(args.device)
    start = clocks()
    trainer._train_epoch(0)
    synchronise(args.device)
    return elapsed(start)


def main(args):
    args.device = resolve_device(args.device)
    check(args.precision, args.device)
    args.scratch = "/tmp/embedlab-throughput"
    split = synthetic_split(args.steps * args.batch_size, args.size, 3)
    runs = {
        "plain PyTorch loop (no augmentation)": lambda: plain_loop(args, split),
        "trainer, augment none": lambda: trainer_loop(args, split, "none", batched=True),
        "trainer, crop+flip batched on device": lambda: trainer_loop(args, split, "basic", batched=True),
        "trainer, crop+flip per item (DataLoader)": lambda: trainer_loop(args, split, "basic", batched=False),
    }
    plain_loop(args, split)  # warm-up: kernels, threads, allocator
    seconds, load = {name: [] for name in runs}, os.getloadavg()[0]
    for _ in range(args.rounds):
        for name, run in runs.items():
            seconds[name].append(run())
    images = args.steps * args.batch_size
    plain = seconds["plain PyTorch loop (no augmentation)"]
    print(f"device {args.device} ({torch.cuda.get_device_name(args.device) if args.device.type == 'cuda' else f'{os.cpu_count()} CPU cores'}), "
          f"torch threads {torch.get_num_threads()}, precision {args.precision}, channels_last {args.channels_last}, "
          f"compile {args.compile}; {args.steps} steps of {args.batch_size} {args.size}x{args.size}x3 images; "
          f"median of {args.rounds} rounds; load average before {load:.2f}, after {os.getloadavg()[0]:.2f}")
    for clock, label in ((0, "wall"), (1, "CPU")):
        print(f"-- per {label} second")
        baseline = images / statistics.median(t[clock] for t in plain)
        for name, times in seconds.items():
            rate = images / statistics.median(t[clock] for t in times)
            runs = ", ".join(f"{t[clock]:.2f}" for t in times)
            print(f"{name:42s} {rate:9.1f} images/s  {rate / baseline:5.3f}x plain   (runs: {runs} s)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    parser.add_argument("--precision", default="fp32", choices=["fp32", "bf16", "fp16"])
    parser.add_argument("--channels-last", action="store_true")
    parser.add_argument("--compile", action="store_true")
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--size", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    main(parser.parse_args())
