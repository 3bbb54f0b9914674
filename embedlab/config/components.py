"""Check every component named in params against its registry (names and options)."""

from embedlab.registry import Spec


def check_components(params):
    from embedlab.data.augment import AUGMENTATIONS
    from embedlab.data.datasets import DATASETS
    from embedlab.losses import parse_loss
    from embedlab.metrics import METRICS
    from embedlab.metrics.registry import check_modality
    from embedlab.models import ENCODERS, HEADS
    from embedlab.data.text_datasets import OWN_CLASS_PAIRS
    from embedlab.models.text import TEXT_ENCODERS
    from embedlab.retrieval.indexes import index_specs

    for registry, key in ((DATASETS, "dataset"), (ENCODERS, "encoder"), (HEADS, "head"), (AUGMENTATIONS, "augment")):
        registry.validate(Spec.parse(getattr(params, key), key), key)
    parse_loss(params.loss)
    for index, value in enumerate(params.evaluate.metrics):
        key = f"evaluate.metrics[{index}]"
        METRICS.validate(Spec.parse(value, key), key)
    check_modality(params.evaluate.metrics, Spec.parse(params.encoder, "encoder").name in TEXT_ENCODERS,
                   Spec.parse(params.dataset, "dataset").name in OWN_CLASS_PAIRS)
    index_specs(params.retrieval.indexes)
