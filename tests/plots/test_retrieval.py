"""The retrieval picture: baseline and model on one chart, full and compact dimensions apart."""

from embedlab.plots.retrieval import retrieval_html, retrieval_png
from embedlab.plots.save import save_png

TABLES = {role: [{"index": index, "dims": dims, "dim": dim, "bytes": 4 * dim, "qps1": 1000.0 / dim, "recall10": recall}
                 for index, dims, dim, recall in (("flat", "full", 64, 1.0), ("flat", "dim99", 8, 0.5), ("sq8", "full", 64, 0.9))]
          for role in ("baseline", "model")}


def test_one_series_per_role_index_and_full_or_compact_in_both_panels(tmp_path):
    figure = retrieval_html(TABLES, "at recall@10 >= 0.9, ...")
    names = [trace.name for trace in figure.data]
    assert names == ["baseline flat", "baseline flat (compact)", "baseline sq8", "model flat", "model flat (compact)", "model sq8"] * 2
    assert list(figure.data[0].x) == [256] and list(figure.data[6].x) == [1000.0 / 64]  # bytes, then queries per second
    assert "at recall@10 >= 0.9" in figure.layout.title.text
    save_png(retrieval_png(TABLES, "line"), tmp_path / "retrieval.png")
    assert (tmp_path / "retrieval.png").stat().st_size > 1000
