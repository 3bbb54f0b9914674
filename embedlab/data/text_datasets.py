"""Sentence-pair datasets: STS-B (shipped in ``data/stsbenchmark``, the offline default
for text, as digits is for images), SNLI's entailment pairs (downloaded) and the user's
own file of pairs.

Every loader returns the pairs of its train, validation and test splits as one
:class:`RawDataset` of sentences: rows 2i and 2i + 1 are a pair, and each pair is its own
class (MonoCon's in-batch contrastive training on entailment pairs) unless the user's
file gives labels. Training pairs can be filtered by score (``pairs_min_score``): STS-B
pairs scored at least 4 of 5 stand in for entailment pairs offline. Validation and test
pairs are kept whole, scores and all, for the STS-B Spearman evaluation.
"""

import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydantic import NonNegativeFloat, PositiveInt

from embedlab.data.archives import safe_extraction
from embedlab.data.datasets import DATASETS, RawDataset
from embedlab.errors import DataError
from embedlab.paths import STSB

OWN_CLASS_PAIRS = ("stsb", "snli")  # datasets whose every pair is its own class: no class is in two splits
STSB_SHA256 = {
    "sts-train.csv": "0f71910b59aa1ad973c5897f0791f3b0965a92b8f82b1a95f3eea9f4162fda82",
    "sts-dev.csv": "5d7e944d8b02734b07bfdb5df67db3420c64bed153fcaa1ba47ad03480cf4234",
    "sts-test.csv": "affe45928a66ee5a708531233c95b7dacbbdc57f974f002a3d32ea0180cf816a",
}
SNLI_URL = "https://nlp.stanford.edu/projects/snli/snli_1.0.zip"
SNLI_MD5 = "981c3df556bbaea3f17f752456d0088c"  # as published with the corpus (torchtext, SentEval)


@dataclass
class Pairs:
    """Sentence pairs of one split; ``scores`` their gold similarity, ``labels`` a class per
    pair (None: each pair is its own class)."""

    first: list
    second: list
    scores: np.ndarray | None = None
    labels: np.ndarray | None = None

    def __len__(self):
        return len(self.first)

    def at_least(self, min_score):
        """The pairs scored ``min_score`` or more (all of them when ``min_score`` is None)."""
        if min_score is None:
            return self
        if self.scores is None:
            raise DataError("pairs_min_score needs pairs with a score column")
        keep = np.flatnonzero(self.scores >= min_score)
        return Pairs([self.first[i] for i in keep], [self.second[i] for i in keep], self.scores[keep],
                     None if self.labels is None else self.labels[keep])


def sentence_dataset(train, val, test):
    """One :class:`RawDataset` of three splits of :class:`Pairs` (pair i: rows 2i, 2i + 1)."""
    splits = (train, val, test)
    for name, pairs in zip(("training", "validation", "test"), splits):
        if len(pairs) < 2:
            raise DataError(f"the {name} split has {len(pairs)} sentence pair(s); at least two are needed")
    sentences = np.array([s for pairs in splits for pair in zip(pairs.first, pairs.second) for s in pair], dtype=str)
    labels = np.repeat(_pair_classes(splits), 2)
    scores = np.repeat(np.concatenate([_scores(p) for p in splits]), 2)
    part = np.repeat(np.arange(3), [2 * len(p) for p in splits])
    return RawDataset(sentences, labels, [], official_test=part == 2, official_val=part == 1,
                      scores=None if np.isnan(scores).all() else scores)


def _pair_classes(splits):
    """A class per pair, distinct across splits: the file's labels, or one per pair."""
    classes, offset = [], 0
    for pairs in splits:
        own = np.unique(pairs.labels, return_inverse=True)[1] if pairs.labels is not None else np.arange(len(pairs))
        classes.append(own + offset)
        offset += int(own.max()) + 1
    return np.concatenate(classes).astype(np.int64)


def _scores(pairs):
    return pairs.scores.astype(np.float32) if pairs.scores is not None else np.full(len(pairs), np.nan, np.float32)


# -- STS-B -------------------------------------------------------------------------
def read_stsb(path):
    """One STS-B file: tab-separated genre, file, year, id, score, sentence 1, sentence 2,
    and on some rows extra fields (the sources), which are ignored. Quotes are text, not
    quoting (``QUOTE_NONE``), so every line is one pair."""
    first, second, scores = [], [], []
    with open(path, encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if len(row) < 7:
                raise DataError(f"{path} line {number}: {len(row)} tab-separated fields, expected at least 7")
            scores.append(float(row[4]))
            first.append(row[5])
            second.append(row[6])
    return Pairs(first, second, np.array(scores, dtype=np.float32))


def stsb_split(name, folder=STSB):
    """``train``, ``dev`` or ``test`` of the shipped STS-B, checked against its checksum."""
    path = Path(folder) / f"sts-{name}.csv"
    if not path.is_file():
        raise DataError(f"STS-B file {path} is missing; it ships with the repository (data/stsbenchmark)")
    if sha256(path) != STSB_SHA256[path.name]:
        raise DataError(f"STS-B file {path} does not match its SHA-256 checksum; restore it from git")
    return read_stsb(path)


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@DATASETS.register("stsb")
def stsb(root, *, pairs_min_score: NonNegativeFloat | None = 4.0):
    """STS Benchmark (8,628 pairs scored 0-5): training pairs scored at least
    ``pairs_min_score`` (null: all), the dev pairs for validation, the test pairs for test."""
    return sentence_dataset(stsb_split("train").at_least(pairs_min_score), stsb_split("dev"), stsb_split("test"))


# -- SNLI --------------------------------------------------------------------------
def read_snli(path, max_pairs=None):
    """Entailment pairs of one SNLI JSONL file (``gold_label``, ``sentence1``, ``sentence2``),
    in file order, at most ``max_pairs``."""
    first, second = [], []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["gold_label"] == "entailment":
                first.append(record["sentence1"])
                second.append(record["sentence2"])
                if len(first) == max_pairs:
                    break
    return Pairs(first, second)


def snli_folder(root):
    """``root/snli/snli_1.0``, downloaded and checked against SNLI's MD5 when missing."""
    folder = Path(root) / "snli"
    files = folder / "snli_1.0"
    if not (files / "snli_1.0_train.jsonl").is_file():
        from torchvision.datasets.utils import download_and_extract_archive

        try:
            with safe_extraction("snli"):
                download_and_extract_archive(SNLI_URL, str(folder), md5=SNLI_MD5, remove_finished=True)
        except (OSError, RuntimeError) as error:
            raise DataError(
                f"dataset 'snli' is not in {files} and could not be downloaded ({type(error).__name__}); "
                f"fetch {SNLI_URL} by hand and unzip it into {folder}"
            ) from None
    return files


@DATASETS.register("snli")
def snli(root, *, max_pairs: PositiveInt | None = 100_000):
    """SNLI's entailment pairs (Bowman et al. 2015): the first ``max_pairs`` of the
    training file (null: all, about 183,000), and all those of the dev and test files."""
    files = snli_folder(root)
    train, val, test = (read_snli(files / f"snli_1.0_{name}.jsonl", cap) for name, cap in
                        (("train", max_pairs), ("dev", None), ("test", None)))
    return sentence_dataset(train, val, test)


# -- the user's own pairs ----------------------------------------------------------
def read_pairs_file(path):
    """A TSV, CSV or JSONL file with ``sentence1`` and ``sentence2`` and, optionally,
    ``score`` (a number) or ``label`` (pairs with the same label are one class)."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"pairs file {str(path)!r} does not exist")
    if path.suffix == ".jsonl":
        with open(path, encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
    elif path.suffix in (".tsv", ".csv"):
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t" if path.suffix == ".tsv" else ","))
    else:
        raise DataError(f"pairs file {str(path)!r}: expected a .tsv, .csv or .jsonl file")
    return _pairs_of_rows(rows, path)


def _pairs_of_rows(rows, path):
    missing = [key for key in ("sentence1", "sentence2") if rows and key not in rows[0]]
    if missing or not rows:
        raise DataError(f"pairs file {str(path)!r} has no {' or '.join(missing) or 'rows'}; expected columns sentence1, sentence2 [, score | label]")
    try:
        scores = np.array([float(r["score"]) for r in rows], np.float32) if "score" in rows[0] else None
    except (TypeError, ValueError) as error:
        raise DataError(f"pairs file {str(path)!r}: a score is not a number ({error})") from None
    labels = np.array([str(r["label"]) for r in rows]) if "label" in rows[0] else None
    return Pairs([str(r["sentence1"]) for r in rows], [str(r["sentence2"]) for r in rows], scores, labels)


@DATASETS.register("pairs_file")
def pairs_file(root, *, path: str, val_path: str | None = None, test_path: str | None = None,
               pairs_min_score: NonNegativeFloat | None = None):
    """The user's sentence pairs (``path``) for training, those scored at least
    ``pairs_min_score`` if set; validation and test pairs from ``val_path`` and
    ``test_path``, by default the shipped STS-B dev and test files."""
    val = read_pairs_file(val_path) if val_path else stsb_split("dev")
    test = read_pairs_file(test_path) if test_path else stsb_split("test")
    return sentence_dataset(read_pairs_file(path).at_least(pairs_min_score), val, test)
