"""Bad params stop a stage with one line naming the key, the value and what is allowed."""

import subprocess
import sys

import pytest

from embedlab.config import load_params
from embedlab.errors import EmbedlabError
from tests.conftest import REPO, stage_env, write_params


def error_for(tmp_path, data):
    with pytest.raises(EmbedlabError) as raised:
        load_params(write_params(tmp_path, data))
    message = str(raised.value)
    assert "\n" not in message
    return message


def test_the_repository_params_are_valid():
    params = load_params(REPO / "params.yaml")
    assert params.head == "monotonic"


@pytest.mark.parametrize(
    "key, value, expected",
    [
        ("head", "mpl", ["head='mpl'", "monotonic", "mlp", "did you mean 'mlp'"]),
        ("encoder", "resnet99", ["encoder='resnet99'", "small_cnn", "resnet18"]),
        ("dataset", "imagenet", ["dataset='imagenet'", "digits"]),
        ("loss", "supcom", ["loss='supcom'", "supcon"]),
        ("augment", "strong", ["augment='strong'", "basic", "none"]),
    ],
)
def test_unknown_component_names(tmp_path, params, key, value, expected):
    params[key] = value
    message = error_for(tmp_path, params)
    for fragment in expected:
        assert fragment in message


@pytest.mark.parametrize(
    "section, key, value, fragment",
    [
        ("train", "epochs", 0, "train.epochs=0"),
        ("train", "batch_size", -8, "train.batch_size=-8"),
        ("pretrain", "epochs", -1, "pretrain.epochs=-1"),
        ("prepare", "val_fraction", 1.5, "prepare.val_fraction=1.5"),
        ("base", "device", "tpu", "base.device='tpu'"),
    ],
)
def test_out_of_range_values(tmp_path, params, section, key, value, fragment):
    params[section][key] = value
    assert fragment in error_for(tmp_path, params)


def test_non_positive_embedding_dimension(tmp_path, params):
    params["encoder"] = {"name": "small_cnn", "embedding_dim": 0}
    message = error_for(tmp_path, params)
    assert "encoder.embedding_dim=0" in message and "greater than 0" in message


def test_unknown_component_option(tmp_path, params):
    params["encoder"] = {"name": "small_cnn", "widht": 8}
    message = error_for(tmp_path, params)
    assert "encoder.widht=8" in message and "width" in message


def test_missing_key(tmp_path, params):
    del params["train"]["lr"]
    assert error_for(tmp_path, params) == "params: train.lr is missing"


def test_unknown_key_gets_a_suggestion(tmp_path, params):
    params["train"]["epcohs"] = 3
    message = error_for(tmp_path, params)
    assert "train.epcohs is not a known key" in message and "did you mean 'epochs'" in message


def test_warmup_must_leave_epochs_for_joint_training(tmp_path, params):
    params["warmup"]["epochs"] = params["train"]["epochs"]
    assert "warmup.epochs" in error_for(tmp_path, params)


def test_non_positive_loss_weight(tmp_path, params):
    params["loss"] = [{"name": "supcon", "weight": 0}]
    assert "loss[0].weight=0" in error_for(tmp_path, params)


@pytest.mark.parametrize("stage", ["stages.prepare", "stages.pretrain"])
def test_stage_exits_non_zero_with_one_line_before_any_work(tmp_path, params, stage):
    params["head"] = "mpl"
    write_params(tmp_path, params)
    result = subprocess.run([sys.executable, "-m", stage], cwd=tmp_path, env=stage_env(), capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert result.stderr.startswith("error: params: head='mpl'")
    assert not (tmp_path / "data").exists() and not (tmp_path / "models").exists()


@pytest.mark.parametrize(
    "section, key, value, fragment",
    [
        ("train", "lr", 50.0, "train.lr=50.0"),
        ("train", "lr", "fast", "train.lr='fast'"),
        ("train", "epochs", "ten", "train.epochs='ten'"),
        ("train", "weight_decay", -0.1, "train.weight_decay=-0.1"),
        ("train", "grad_clip", 0, "train.grad_clip=0"),
        ("warmup", "lr", 0, "warmup.lr=0"),
        ("base", "seed", -1, "base.seed=-1"),
        ("base", "precision", "fp8", "base.precision='fp8'"),
        ("prepare", "holdout_classes", [-1], "prepare.holdout_classes.0=-1"),
        ("plots", "reducer", "tsne", "plots.reducer='tsne'"),
        ("evaluate", "batch_size", 0, "evaluate.batch_size=0"),
    ],
)
def test_more_bad_values(tmp_path, params, section, key, value, fragment):
    params[section][key] = value
    assert fragment in error_for(tmp_path, params)


def test_fractions_must_leave_training_data(tmp_path, params):
    params["prepare"].update(val_fraction=0.5, test_fraction=0.5)
    assert "prepare.val_fraction + prepare.test_fraction = 1 must be below 1" in error_for(tmp_path, params)


def test_unknown_top_level_key(tmp_path, params):
    params["heads"] = "mlp"
    assert "heads is not a known key" in error_for(tmp_path, params)


def test_unknown_metric_and_metric_option(tmp_path, params):
    params["evaluate"]["metrics"] = [{"name": "knn", "kk": 3}]
    assert "evaluate.metrics[0].kk=3" in error_for(tmp_path, params)
    params["evaluate"]["metrics"] = ["nmi_score"]
    assert "evaluate.metrics[0]='nmi_score'" in error_for(tmp_path, params)


def test_label_based_metric_for_a_text_model_stops_before_any_work(tmp_path, params):
    params.update(dataset="stsb", encoder="minilm")
    params["evaluate"]["metrics"] = ["stsb_spearman", "compactness", "precision_at_1"]
    message = error_for(tmp_path, params)
    assert "evaluate.metrics[2]='precision_at_1'" in message
    assert "a metric for sentence pairs that are each their own class: stsb_spearman, compactness, robustness" in message


def test_a_pairs_file_may_give_labels_so_it_may_use_label_based_metrics(tmp_path, params):
    params.update(dataset={"name": "pairs_file", "path": "pairs.tsv"}, encoder="minilm")
    params["evaluate"]["metrics"] = ["stsb_spearman", "precision_at_1", {"name": "knn", "k": 5}]
    assert load_params(write_params(tmp_path, params)).evaluate.metrics[1] == "precision_at_1"


def test_sts_metric_for_an_image_model_stops_before_any_work(tmp_path, params):
    params["evaluate"]["metrics"] = [{"name": "knn", "k": 5}, {"name": "stsb_spearman", "max_pairs": 8}]
    message = error_for(tmp_path, params)
    assert "evaluate.metrics[1]='stsb_spearman'" in message
    assert "a metric for an image encoder:" in message and "knn" in message


@pytest.mark.parametrize("text, fragment", [("base: [unclosed", "not valid YAML"), ("- a\n- b\n", "must be a mapping")])
def test_files_that_are_not_params(tmp_path, text, fragment):
    (tmp_path / "params.yaml").write_text(text)
    with pytest.raises(EmbedlabError, match=fragment):
        load_params(tmp_path / "params.yaml")


def test_missing_params_file(tmp_path):
    with pytest.raises(EmbedlabError, match="not found"):
        load_params(tmp_path / "params.yaml")


def test_component_that_is_neither_name_nor_mapping(tmp_path, params):
    params["head"] = 3
    assert "head=3" in error_for(tmp_path, params)


def test_neighbour_count_larger_than_the_gallery():
    from embedlab.errors import ConfigError
    from embedlab.metrics import check_neighbour_counts

    check_neighbour_counts([{"name": "knn", "k": 5}, "recall"], gallery_size=5)
    with pytest.raises(ConfigError, match=r"evaluate.metrics\[1\].ks=\[1, 50\].*at most 20"):
        check_neighbour_counts(["knn", {"name": "recall", "ks": [1, 50]}], gallery_size=20)
    with pytest.raises(ConfigError, match=r"evaluate.metrics\[0\].k=5"):
        check_neighbour_counts(["knn"], gallery_size=4)
