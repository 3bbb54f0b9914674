"""The schema of params.yaml. Sections mirror the DVC stages that read them.

Every key is required (a missing key is an error, not a silent default) and unknown
keys are rejected. Components (dataset, encoder, head, loss, augment) are a name or a
mapping with ``name`` and options; their options are checked against the registered
builders in :mod:`embedlab.config.load`.
"""

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PositiveFloat, PositiveInt, model_validator

ComponentValue = Any  # a name or {name: ..., **options}; checked against its registry
Fraction = Annotated[float, Field(gt=0, lt=1)]
NonNegativeInt = Annotated[int, Field(ge=0)]
LearningRate = Annotated[float, Field(gt=0, le=10)]
WeightDecay = Annotated[float, Field(ge=0, le=1)]
Seed = Annotated[int, Field(ge=0, lt=2**32)]


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Base(Section):
    seed: Seed
    device: Literal["auto", "cpu", "cuda"]
    precision: Literal["fp32", "bf16", "fp16"]
    channels_last: bool
    compile: bool
    deterministic: bool
    num_workers: NonNegativeInt


class Prepare(Section):
    root: str
    val_fraction: Fraction
    test_fraction: Fraction
    num_classes: PositiveInt | None
    samples_per_class: PositiveInt | None
    holdout_classes: list[NonNegativeInt]
    split_file: str | None

    @model_validator(mode="after")
    def _fractions_leave_training_data(self):
        if self.val_fraction + self.test_fraction >= 1:
            raise ValueError(
                f"prepare.val_fraction + prepare.test_fraction = {self.val_fraction + self.test_fraction:g} must be below 1"
            )
        return self


class Recipe(Section):
    """Optimisation shared by pretraining and fine-tuning (MonoCon's recipe, every number a param)."""

    epochs: NonNegativeInt
    batch_size: PositiveInt
    lr: LearningRate
    weight_decay: WeightDecay
    grad_clip: PositiveFloat | None
    patience: PositiveInt
    eval_gallery_size: PositiveInt
    save_every_epoch: bool
    nproc_per_node: PositiveInt  # > 1: DDP under torchrun, batch_size split over the processes
    sync_batchnorm: bool  # under DDP (GPUs only)


class Train(Recipe):
    epochs: PositiveInt
    encoder_lr: PositiveFloat | None  # None: the same as lr
    freeze_encoder: bool  # train only the head (the baseline then keeps the pretrained encoder)


class Warmup(Section):
    """Head-only epochs at the start of the model's fine-tuning (counted in train.epochs)."""

    epochs: NonNegativeInt
    lr: LearningRate


class Evaluate(Section):
    metrics: list[ComponentValue]
    batch_size: PositiveInt
    dynamics_samples: PositiveInt


class Plots(Section):
    reducer: Literal["pca", "umap"]
    points_per_class: PositiveInt


class Retrieval(Section):
    """faiss indexes over each role's embeddings (embedlab/retrieval/)."""

    indexes: list[ComponentValue]  # index kinds by name, each once
    dims: list[PositiveInt]  # fixed compact dims besides the 99%-variance one; those narrower than the embedding
    target_recall: Annotated[float, Field(gt=0, le=1)]  # compare: each role's cheapest index reaching this recall@10
    timed_queries: PositiveInt  # the first queries, searched for queries per second
    repeats: PositiveInt  # timed searches per measurement (after one warm-up); the median counts


class Params(Section):
    base: Base
    dataset: ComponentValue
    encoder: ComponentValue
    head: ComponentValue
    loss: ComponentValue  # one component, or a list of them with weights
    matryoshka_dims: list[PositiveInt]  # nested prefixes the loss is also applied to; [] = off
    matryoshka_weights: list[PositiveFloat]  # one per nested dim; [] = equal weights
    augment: ComponentValue
    prepare: Prepare
    pretrain: Recipe
    train: Train
    warmup: Warmup
    evaluate: Evaluate
    retrieval: Retrieval
    plots: Plots

    @model_validator(mode="after")
    def _warmup_inside_training(self):
        if self.warmup.epochs >= self.train.epochs:
            raise ValueError(f"warmup.epochs={self.warmup.epochs} must be less than train.epochs={self.train.epochs}")
        return self
