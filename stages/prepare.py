"""Stage prepare: load the dataset, split it (seeded, stratified, or the dataset's own
splits), save it under data/. Sentences are tokenised here, once, by the text encoder
named in params."""

from dataclasses import replace

from embedlab.config import load_params
from embedlab.data.datasets import DATASETS, modality
from embedlab.data.prepared import load_split, save_prepared
from embedlab.data.splits import make_split
from embedlab.errors import ConfigError, one_line_errors
from embedlab.io import atomic_dir
from embedlab.models.text import TEXT_ENCODERS, text_source, tokenize
from embedlab.paths import PREPARED
from embedlab.registry import Spec


@one_line_errors
def main():
    params = load_params()
    spec = Spec.parse(params.dataset, "dataset")
    raw = tokenized(DATASETS.build(spec, "dataset", params.prepare.root), params.encoder)
    if params.prepare.split_file:
        split = load_split(params.prepare.split_file, len(raw.labels))
    else:
        split = make_split(raw, params.prepare, params.base.seed)
    with atomic_dir(PREPARED) as tmp:
        meta = save_prepared(tmp, raw, split, spec.name)
    print(f"prepared {spec.name}: " + ", ".join(f"{k} {v}" for k, v in meta["sizes"].items()))


def tokenized(raw, encoder):
    """Sentences as the text encoder's token ids; images as they are."""
    if modality(raw.inputs) == "image":
        if Spec.parse(encoder, "encoder").name in TEXT_ENCODERS:
            raise ConfigError("encoder", encoder, "an image encoder for an image dataset")
        return raw
    return replace(raw, inputs=tokenize(raw.inputs, *text_source(encoder)))


if __name__ == "__main__":
    main()
