"""The real pipeline on sentence pairs, in a temporary copy of the repository: `dvc repro`
of a tiny text run (a handful of STS-B pairs in the user's pairs-file format, MiniLM cut
at 16 tokens, one epoch), then `dvc exp run -S head=mlp`, judged from DVC's output."""

import json

import pytest
import yaml

from embedlab.data.text_datasets import stsb_split
from embedlab.workspace import commit, copy_repository, run

pytestmark = pytest.mark.slow


def write_pairs(path, pairs, count):
    rows = [f"{pairs.first[i]}\t{pairs.second[i]}\t{pairs.scores[i]}" for i in range(count)]
    path.write_text("\n".join(["sentence1\tsentence2\tscore", *rows]) + "\n")


@pytest.fixture(scope="module")
def text_pipeline(tmp_path_factory):
    directory = copy_repository(tmp_path_factory.mktemp("text"))
    for name, split, count in (("train", "train", 16), ("val", "dev", 8), ("test", "test", 8)):
        write_pairs(directory / f"{name}.tsv", stsb_split(split, directory / "data/stsbenchmark"), count)
    params = yaml.safe_load((directory / "params.yaml").read_text())
    params.update(dataset={"name": "pairs_file", "path": "train.tsv", "val_path": "val.tsv", "test_path": "test.tsv"},
                  encoder={"name": "minilm", "max_length": 16}, loss={"name": "supcon", "temperature": 0.05}, augment="none")
    params["pretrain"].update(epochs=0)
    params["train"].update(epochs=1, batch_size=8, lr=2e-5)
    params["warmup"].update(epochs=0)
    params["evaluate"].update(metrics=[{"name": "stsb_spearman", "max_pairs": 16}, "compactness", "robustness"], dynamics_samples=16)
    params["retrieval"].update(indexes=["flat", "sq8"], dims=[8])  # product quantizers need 256+ gallery vectors
    (directory / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    commit(directory, "tiny text run")
    output = run(["dvc", "repro"], directory).stdout
    commit(directory, "repro")
    return directory, output


def test_text_repro_runs_every_stage(text_pipeline):
    directory, output = text_pipeline
    for stage in ("prepare", "pretrain", "train_baseline", "train_model", "evaluate@baseline", "evaluate@model",
                  "retrieval@baseline", "retrieval@model", "compare", "plots"):
        assert f"Running stage '{stage}'" in output
    meta = json.loads((directory / "data/prepared/meta.json").read_text())
    assert meta["modality"] == "text" and meta["input_shape"][0] <= 16 and meta["sizes"]["train"] == 32
    model = json.loads((directory / "metrics/evaluate/model.json").read_text())
    assert -1 <= model["stsb_spearman_test"] <= 1 and -1 <= model["stsb_spearman_dev"] <= 1 and model["dim99"] <= 384
    figures = json.loads((directory / "metrics/headline.json").read_text())
    assert {"compactness_ratio", "robustness_ratio", "accuracy_retention"} <= set(figures)
    assert set(figures["model"]) == {"stsb_spearman_test", "dim99", "rmse"}  # Spearman in place of 5-NN
    assert (directory / "plots/data/model/dims.csv").read_text().splitlines()[0] == "dim,truncation,stsb_spearman_test"
    assert "val_spearman" in (directory / "metrics/train/model/metrics.json").read_text()
    for name in ("training", "variance", "embedding_map", "dynamics", "dims"):
        assert (directory / f"plots/{name}.png").stat().st_size > 1000


def test_text_head_change_reruns_only_the_model_side(text_pipeline):
    directory, _ = text_pipeline
    output = run(["dvc", "exp", "run", "-S", "head=mlp"], directory).stdout
    for stage in ("prepare", "pretrain", "train_baseline", "evaluate@baseline", "retrieval@baseline"):
        assert f"Stage '{stage}' didn't change, skipping" in output
    for stage in ("train_model", "evaluate@model", "retrieval@model", "compare"):
        assert f"Running stage '{stage}'" in output
