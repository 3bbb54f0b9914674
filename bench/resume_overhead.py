"""Time the resume path adds per epoch: writing the resume state (model, optimiser,
schedule, early-stopping state, history) and the best checkpoint, atomically, every
epoch. Fine-tunes the digits model (default params) in a temporary folder.

Run after `dvc repro` (it reads data/prepared and models/pretrain/best.pt):

    python bench/resume_overhead.py
"""

import tempfile
import time
from pathlib import Path

import embedlab.training.trainer as trainer_module
from embedlab.config import load_params
from embedlab.pipeline import RunPaths, fine_tune
from embedlab.training.runtime import start


class CheckpointTimer:
    """Wraps the trainer's checkpoint writer and adds up its wall time and bytes."""

    def __init__(self, save):
        self.save, self.seconds, self.bytes, self.calls = save, 0.0, 0, 0

    def __call__(self, path, state):
        begin = time.perf_counter()
        self.save(path, state)
        self.seconds += time.perf_counter() - begin
        self.bytes += Path(path).stat().st_size
        self.calls += 1


def main():
    params = load_params()
    timer = CheckpointTimer(trainer_module.save_checkpoint)
    trainer_module.save_checkpoint = timer
    with tempfile.TemporaryDirectory() as tmp:
        begin = time.perf_counter()
        fine_tune(params, "model", start(params), RunPaths(Path(tmp) / "run", Path(tmp) / "live"))
        total = time.perf_counter() - begin
    epochs = params.train.epochs
    print(f"{epochs} epochs in {total:.1f} s ({total / epochs * 1000:.0f} ms per epoch)")
    print(f"checkpoint writes: {timer.calls}, {timer.bytes / timer.calls / 1e6:.2f} MB each on average")
    print(f"resume path: {timer.seconds / epochs * 1000:.1f} ms per epoch = {timer.seconds / total:.1%} of training time")


if __name__ == "__main__":
    main()
