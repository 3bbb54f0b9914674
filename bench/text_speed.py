"""Text speed and fidelity on this machine: the pipeline's ``minilm`` encoder against
``sentence_transformers.SentenceTransformer.encode`` on the same STS-B sentences.

Prints, as JSON: sentences per second for encoding (ours: tokenising plus embedding
sorted by length, as the evaluate stage does; sentence-transformers: ``encode``, which
also sorts by length) and their ratio, the best of ``--repeats`` alternating runs; the
training speed (sentences per second of SupCon steps on STS-B training pairs, in the
pipeline's length-bucketed pair batches); and the STS-B test Spearman of the untouched
encoder, ours and sentence-transformers'.

    OMP_NUM_THREADS=1 python bench/text_speed.py
"""

import argparse
import json
import os
import time

import numpy as np
import torch

from embedlab.data.loaders import text_loader
from embedlab.data.prepared import Split
from embedlab.data.text_datasets import stsb_split
from embedlab.losses import LossContext, build_nested_loss
from embedlab.metrics.sts import pair_spearman, stsb_sentences
from embedlab.models import build_embedder
from embedlab.models.text import minilm_source, tokenize
from embedlab.training.inference import embed_inputs

CPU = torch.device("cpu")


def ours(model, sentences, batch_size, max_length):
    return embed_inputs(model, tokenize(sentences, minilm_source(), max_length), CPU, batch_size=batch_size)


def best_rate(encode, sentences, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        encode(sentences)
        times.append(time.perf_counter() - start)
    return len(sentences) / min(times)


def training_rate(model, batch_size, steps, max_length):
    pairs = stsb_split("train").at_least(4)
    sentences = [s for pair in zip(pairs.first, pairs.second) for s in pair]
    split = Split(tokenize(sentences, minilm_source(), max_length), np.repeat(np.arange(len(pairs)), 2))
    loss = build_nested_loss({"name": "supcon", "temperature": 0.05}, LossContext(model.dim, len(pairs)), [], [])
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)
    model.train()
    seen, start = 0, None
    for step, (views, labels) in enumerate(text_loader(split, 1, batch_size, seed=0, num_workers=0)):
        if step == 1:  # the first step warms up
            seen, start = 0, time.perf_counter()
        value = loss([model(views[0])], labels)
        optimizer.zero_grad()
        value.backward()
        optimizer.step()
        seen += len(labels)
        if step == steps:
            break
    return seen / (time.perf_counter() - start)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sentences", type=int, default=1000, help="STS-B test sentences timed for encoding")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--train-steps", type=int, default=8)
    parser.add_argument("--max-length", type=int, default=128)
    args = parser.parse_args()
    from sentence_transformers import SentenceTransformer

    torch.manual_seed(0)
    reference = SentenceTransformer(minilm_source(), device="cpu")
    reference.max_seq_length = args.max_length
    model = build_embedder({"name": "minilm", "max_length": args.max_length}, "none", [args.max_length], load_weights=True)
    sentences, scores = stsb_sentences("test")
    rates = {"ours": [], "sentence_transformers": []}
    for _ in range(args.repeats):  # alternating, so a busy moment of the shared CPU hits both
        rates["ours"].append(best_rate(lambda s: ours(model, s, args.batch_size, args.max_length), sentences[: args.sentences], 1))
        rates["sentence_transformers"].append(best_rate(lambda s: reference.encode(s, batch_size=args.batch_size), sentences[: args.sentences], 1))
    result = {
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
        "torch_threads": torch.get_num_threads(),
        "load_average": os.getloadavg(),
        "encode_sentences_per_s": {name: round(max(r), 1) for name, r in rates.items()},
        "encode_ratio": round(max(rates["ours"]) / max(rates["sentence_transformers"]), 3),
        "stsb_test_spearman": {
            "ours": round(pair_spearman(ours(model, sentences, args.batch_size, args.max_length), scores), 4),
            "sentence_transformers": round(pair_spearman(reference.encode(sentences, batch_size=args.batch_size), scores), 4),
        },
        "train_sentences_per_s": round(training_rate(model, args.batch_size, args.train_steps, args.max_length), 1),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
