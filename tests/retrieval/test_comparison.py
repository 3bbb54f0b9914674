"""The one-line comparison: each role's smallest index reaching the target recall@10."""

from embedlab.retrieval.comparison import cheapest, retrieval_comparison


def row(index, dims, disk, recall10, qps1, dim=8, size=8):
    return {"index": index, "dims": dims, "dim": dim, "bytes": size, "disk": disk, "recall10": recall10, "qps1": qps1}


BASELINE = [row("flat", "full", 4000, 1.0, 100), row("pq", "full", 900, 0.95, 400), row("pq", "d16", 500, 0.80, 800)]
MODEL = [row("flat", "full", 4000, 1.0, 100), row("pq", "full", 900, 0.97, 500), row("sq8", "dim99", 300, 0.92, 1000)]


def test_the_smallest_index_reaching_the_target_is_chosen():
    assert cheapest(BASELINE, 0.9)["disk"] == 900 and cheapest(MODEL, 0.9)["index"] == "sq8"
    assert cheapest(BASELINE, 0.8)["dims"] == "d16"  # reaching exactly counts
    assert cheapest(MODEL, 1.0)["index"] == "flat"


def test_ratios_and_line():
    result = retrieval_comparison(BASELINE, MODEL, 0.9)
    assert result["size_ratio"] == 3.0 and result["speed_ratio"] == 2.5
    assert result["line"].startswith("at recall@10 >= 0.9, the model's index is 3.00 x smaller and 2.50 x faster than the baseline's (model sq8 at dim99")


def test_no_ratio_when_a_role_reaches_no_index():
    lower = [{**r, "recall10": r["recall10"] * 0.5} for r in BASELINE]
    result = retrieval_comparison(lower, MODEL, 0.9)
    assert result["size_ratio"] is None and result["speed_ratio"] is None
    assert result["line"] == "at recall@10 >= 0.9: no comparison, no index of the baseline's reaches it (best: baseline 0.500, model 1.000)"
    assert "of the baseline's nor the model's" in retrieval_comparison(lower, lower, 0.9)["line"]
