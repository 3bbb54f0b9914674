import json

from embedlab.metrics import Curve
from embedlab.metrics.results import prefixed, save_results


def test_numbers_go_to_json_and_curves_to_csv(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    stale = tmp_path / "plots/data/model/old.csv"
    stale.parent.mkdir(parents=True)
    stale.write_text("x\n1\n")
    results = {"knn_accuracy": 0.5, "recall": Curve([{"k": 1, "recall": 0.25}, {"k": 2, "recall": 0.75}]),
               **prefixed("holdout_", {"knn_accuracy": 1.0})}
    assert save_results("model", results) == {"knn_accuracy": 0.5, "holdout_knn_accuracy": 1.0}
    assert json.loads((tmp_path / "metrics/evaluate/model.json").read_text()) == {"knn_accuracy": 0.5, "holdout_knn_accuracy": 1.0}
    assert (tmp_path / "plots/data/model/recall.csv").read_text() == "k,recall\n1,0.25\n2,0.75\n"
    assert not stale.exists()  # the folder is replaced whole
