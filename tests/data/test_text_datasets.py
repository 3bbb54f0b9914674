"""Sentence-pair datasets read from tiny files in their real formats, written here, and
the STS-B copy the repository ships, counted pair by pair."""

import json
import urllib.error

import numpy as np
import pytest

from embedlab.config.schema import Prepare
from embedlab.data import text_datasets
from embedlab.data.datasets import DATASETS
from embedlab.data.splits import make_split
from embedlab.data.text_datasets import Pairs, read_pairs_file, read_snli, read_stsb, sentence_dataset, stsb_split
from embedlab.errors import DataError
from embedlab.paths import STSB
from embedlab.registry import Spec
from embedlab.workspace import REPO
from tests.conftest import DEFAULT_PARAMS

STSB_ROWS = [  # the real layout: genre, file, year, id, score, sentence 1, sentence 2 [, sources]
    "main-captions\tMSRvid\t2012test\t0001\t5.000\tA plane is taking off.\tAn air plane is taking off.",
    'main-news\theadlines\t2016\t0281\t4\tUS "Supreme" Court limits power\tHigh court checks power\tEurope Media Monitor\tEurope Media Monitor',
    "main-forums\tdeft-forum\t2014\t0010\t0.600\tIt's not a question.\tThe answer is no.",
]


def snli_line(label, first, second):
    return json.dumps({"annotator_labels": [label], "captionID": "1.jpg#0", "gold_label": label, "pairID": "1.jpg#0r1e",
                       "sentence1": first, "sentence1_binary_parse": "( x )", "sentence1_parse": "(ROOT x)",
                       "sentence2": second, "sentence2_binary_parse": "( y )", "sentence2_parse": "(ROOT y)"})


def test_stsb_rows_with_extra_fields_and_quotes_are_read_whole(tmp_path):
    path = tmp_path / "sts-train.csv"
    path.write_text("\n".join(STSB_ROWS) + "\n", encoding="utf-8")
    pairs = read_stsb(path)
    assert len(pairs) == 3
    assert pairs.first[1] == 'US "Supreme" Court limits power' and pairs.second[1] == "High court checks power"
    assert pairs.scores.tolist() == pytest.approx([5.0, 4.0, 0.6])


def test_a_changed_stsb_file_fails_its_checksum(tmp_path):
    (tmp_path / "sts-dev.csv").write_text(STSB_ROWS[0] + "\n")
    with pytest.raises(DataError, match="does not match its SHA-256 checksum"):
        stsb_split("dev", tmp_path)


def test_sentence_dataset_interleaves_pairs_and_marks_the_splits():
    train = Pairs(["a", "b", "c"], ["A", "B", "C"], np.array([5, 4.5, 4], np.float32))
    val = Pairs(["d", "e"], ["D", "E"], np.array([1, 2], np.float32))
    test = Pairs(["f", "g"], ["F", "G"], np.array([3, 0], np.float32))
    raw = sentence_dataset(train, val, test)
    assert raw.inputs.tolist() == ["a", "A", "b", "B", "c", "C", "d", "D", "e", "E", "f", "F", "g", "G"]
    assert raw.labels.tolist() == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]  # each pair its own class
    assert raw.scores[6:10].tolist() == [1, 1, 2, 2]
    split = make_split(raw, Prepare(**DEFAULT_PARAMS["prepare"]), seed=0)  # the dataset's own splits
    assert split["train"].tolist() == list(range(6)) and split["val"].tolist() == [6, 7, 8, 9]
    assert split["test"].tolist() == [10, 11, 12, 13] and split["holdout"].size == 0


def test_min_score_keeps_the_close_pairs_only():
    pairs = Pairs(["a", "b", "c"], ["A", "B", "C"], np.array([5, 3.9, 4], np.float32)).at_least(4)
    assert pairs.first == ["a", "c"] and pairs.scores.tolist() == [5, 4]


def test_snli_keeps_entailment_pairs_up_to_the_cap(tmp_path):
    lines = [snli_line("entailment", "A dog runs.", "An animal moves."), snli_line("contradiction", "A dog runs.", "A cat sleeps."),
             snli_line("-", "x", "y"), snli_line("entailment", "Two men talk.", "People speak."), snli_line("entailment", "p", "q")]
    path = tmp_path / "snli_1.0_train.jsonl"
    path.write_text("\n".join(lines) + "\n")
    assert read_snli(path).second == ["An animal moves.", "People speak.", "q"]
    capped = read_snli(path, max_pairs=2)
    assert capped.first == ["A dog runs.", "Two men talk."] and capped.scores is None


def test_snli_files_in_place_are_read_without_download(tmp_path):
    folder = tmp_path / "snli" / "snli_1.0"
    folder.mkdir(parents=True)
    for name, count in (("train", 3), ("dev", 2), ("test", 2)):
        (folder / f"snli_1.0_{name}.jsonl").write_text("\n".join(snli_line("entailment", f"{name}{i}", f"{name}{i}!") for i in range(count)))
    raw = DATASETS.build(Spec("snli", {"max_pairs": 2}), "dataset", str(tmp_path))
    assert raw.inputs.tolist()[:4] == ["train0", "train0!", "train1", "train1!"] and len(raw.inputs) == 12
    assert raw.scores is None and raw.official_val.sum() == 4 and raw.official_test.sum() == 4


def test_snli_offline_is_one_line_naming_the_source(tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise urllib.error.URLError("no network")

    monkeypatch.setattr("torchvision.datasets.utils.download_and_extract_archive", no_network)
    with pytest.raises(DataError) as raised:
        text_datasets.snli_folder(tmp_path)
    message = str(raised.value)
    assert text_datasets.SNLI_URL in message and str(tmp_path / "snli") in message and "\n" not in message


@pytest.mark.parametrize("suffix", ["tsv", "csv", "jsonl"])
def test_pairs_file_formats_with_a_score(tmp_path, suffix):
    rows = [("A man sings, loudly.", "Someone sings.", 4.5), ("A car.", "A tree.", 0.5)]
    path = tmp_path / f"pairs.{suffix}"
    if suffix == "jsonl":
        path.write_text("\n".join(json.dumps({"sentence1": a, "sentence2": b, "score": s}) for a, b, s in rows))
    else:
        sep = "\t" if suffix == "tsv" else ","
        quote = (lambda x: f'"{x}"') if suffix == "csv" else str
        path.write_text("\n".join([sep.join(["sentence1", "sentence2", "score"])] + [sep.join([quote(a), quote(b), str(s)]) for a, b, s in rows]))
    pairs = read_pairs_file(path)
    assert pairs.first == ["A man sings, loudly.", "A car."] and pairs.second == ["Someone sings.", "A tree."]
    assert pairs.scores.tolist() == [4.5, 0.5] and pairs.labels is None


def test_pairs_file_labels_make_classes_across_pairs(tmp_path):
    for name in ("train", "val", "test"):
        (tmp_path / f"{name}.tsv").write_text("sentence1\tsentence2\tlabel\na\tA\tx\nb\tB\ty\nc\tC\tx\n")
    raw = DATASETS.build(Spec("pairs_file", {"path": str(tmp_path / "train.tsv"), "val_path": str(tmp_path / "val.tsv"),
                                             "test_path": str(tmp_path / "test.tsv")}), "dataset", "unused")
    assert raw.labels[:6].tolist() == [0, 0, 1, 1, 0, 0] and raw.labels[6:12].tolist() == [2, 2, 3, 3, 2, 2]


def test_pairs_file_without_sentence_columns_is_one_line(tmp_path):
    (tmp_path / "p.tsv").write_text("text\tscore\nhello\t1\n")
    with pytest.raises(DataError, match="has no sentence1 or sentence2"):
        read_pairs_file(tmp_path / "p.tsv")


def test_the_shipped_stsb_has_every_pair():
    counts = {name: len(stsb_split(name, REPO / STSB)) for name in ("train", "dev", "test")}
    assert counts == {"train": 5749, "dev": 1500, "test": 1379}
    assert all((REPO / STSB / name).is_file() for name in ("LICENSE.txt", "readme.txt"))


def test_stsb_trains_on_close_pairs_and_keeps_dev_and_test_whole(monkeypatch):
    monkeypatch.chdir(REPO)
    raw = DATASETS.build(Spec("stsb", {"pairs_min_score": 4}), "dataset", "unused")
    train = ~(raw.official_val | raw.official_test)
    expected = int((stsb_split("train").scores >= 4).sum())
    assert train.sum() == 2 * expected and raw.official_val.sum() == 3000 and raw.official_test.sum() == 2758
    assert raw.scores[train].min() >= 4 and np.unique(raw.labels).size == expected + 1500 + 1379
