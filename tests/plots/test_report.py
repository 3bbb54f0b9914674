import plotly.graph_objects as go
import pytest

from embedlab.plots.report import report_html

HEADLINE = {"compactness_ratio": 1.5, "robustness_ratio": 1.0, "accuracy_retention": 0.99}


def page(metrics, **kwargs):
    figures = {"variance": ("Cumulative variance", go.Figure(go.Scatter(x=[1, 2], y=[0.5, 1.0])))}
    return report_html(HEADLINE, metrics, figures, **kwargs)


def test_tables_figures_and_images(tmp_path):
    image = tmp_path / "dims.png"
    image.write_bytes(b"\x89PNG fake")
    html = page({"baseline": {"dim99": 9, "knn_accuracy": 0.5, "holdout_map_at_r": 0.2},
                 "model": {"dim99": 6, "knn_accuracy": 0.4, "holdout_map_at_r": 0.3}}, images=[image])
    assert "<td>compactness_ratio</td><td>1.5</td>" in html
    assert "<tr><td>dim99</td><td>9</td><td>6</td><td>0.6667</td></tr>" in html
    assert "Metrics on the holdout classes" in html and "<td>holdout_map_at_r</td><td>0.2</td><td>0.3</td><td>1.5</td>" in html
    assert html.count('class="plotly-graph-div"') == 1 and 'id="figure-variance"' in html
    assert "data:image/png;base64," in html
    assert "<script src" not in html  # plotly.js is inlined, not fetched
    assert 'src="http' not in html.split("</script>", 1)[1]  # nor anything after it


def test_a_degenerate_ratio_is_a_line_with_its_reason():
    headline = {"compactness_ratio": None, "compactness_ratio_note": "collapse, not a gain: retention 0.33 < floor 0.9 (ratio 3)",
                "robustness_ratio": None, "robustness_ratio_note": "undefined: model RMSE 1e-08 ~ 0 (collapsed embedding)"}
    html = report_html(headline, {}, {})
    assert "<td>robustness_ratio</td><td>—</td>" in html
    assert '<p class="note"><b>robustness_ratio</b>: undefined: model RMSE 1e-08 ~ 0 (collapsed embedding)</p>' in html
    assert "<b>compactness_ratio</b>: collapse, not a gain: retention 0.33 &lt; floor 0.9 (ratio 3)" in html


def test_missing_values_and_no_holdout():
    html = page({"baseline": {"knn_accuracy": 0.0}, "model": {"knn_accuracy": 0.5, "rmse": 0.1}})
    assert "holdout" not in html
    assert "<tr><td>knn_accuracy</td><td>0</td><td>0.5</td><td>—</td></tr>" in html
    assert "<tr><td>rmse</td><td>—</td><td>0.1</td><td>—</td></tr>" in html


@pytest.mark.slow
def test_the_plots_stage_marks_missing_pictures_and_leaves_them_out_of_the_report(synthetic_run, tmp_path):
    import shutil
    import subprocess
    import sys

    from tests.conftest import stage_env

    run = shutil.copytree(synthetic_run, tmp_path / "run", ignore=shutil.ignore_patterns(".git", ".dvc", "dvc_*"))
    for path in run.glob("plots/data/*/*recall.csv"):  # as if recall_curve were not among evaluate.metrics
        path.unlink()
    subprocess.run([sys.executable, "-m", "stages.plots"], cwd=run, env=stage_env(), check=True, capture_output=True)
    report = (run / "plots/report.html").read_text()
    assert 'id="figure-recall"' not in report and 'id="figure-dynamics"' in report
    assert "add recall_curve to evaluate.metrics" in (run / "plots/recall.html").read_text()
    assert (run / "plots/recall.png").exists()
