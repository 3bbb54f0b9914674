"""The report and DVC's plot pages, opened by headless Chromium from file:// URLs with the
network off: every chart is drawn and the console shows no error.

Chromium is Debian's ``chromium`` package (.ci/run installs it). Without it the test is
skipped with the reason -- except under CI=true, where it fails."""

import os
import shutil

import pytest
import yaml

from embedlab.workspace import REPO, commit, run
from tests.plots.browser import Chromium, find_chromium

pytestmark = pytest.mark.slow

PLOTLY_DRAWN = """(() => {
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  const drawn = plots.filter(p => p.querySelector('svg.main-svg') && p._fullData && p._fullData.length > 0);
  const scene = document.querySelector('#figure-embedding_3d canvas');
  return {plots: plots.length, drawn: drawn.length, webgl_3d: !!scene, no_webgl_notice: document.body.innerText.includes('WebGL is not supported'),
          done: drawn.length >= EXPECTED && !!scene};
})()"""
VEGA_DRAWN = """(() => {
  const charts = [...document.querySelectorAll('.vega-embed svg.marks')].filter(s => s.getAttribute('width') > 0);
  const images = [...document.images].filter(i => i.complete && i.naturalWidth > 0);
  return {charts: charts.length, images: images.length, done: charts.length >= CHARTS && images.length >= IMAGES};
})()"""


@pytest.fixture(scope="module")
def browser():
    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("CI: Chromium is missing; .ci/run installs it with `apt-get install -y chromium`")
        pytest.skip("Chromium is not installed (Debian: apt-get install -y chromium); the browser test needs it")
    chromium = Chromium(executable)
    yield chromium
    chromium.close()


def assert_clean(report):
    assert report.errors == []
    assert report.remote_requests == []


def test_report_draws_every_picture_offline(browser, synthetic_run):
    expected = 10  # every picture has data in the synthetic run (dynamics, holdout and retrieval included)
    report = browser.visit((synthetic_run / "plots/report.html").as_uri(), PLOTLY_DRAWN.replace("EXPECTED", str(expected)))
    assert report.counts["plots"] == report.counts["drawn"] == expected
    assert report.counts["webgl_3d"] and not report.counts["no_webgl_notice"]
    assert_clean(report)


@pytest.fixture(scope="module")
def dvc_repo(synthetic_run, offline_template):
    """The synthetic run as a git + DVC repository with the project's dvc.yaml, .dvc/config
    and the generated offline template."""
    (synthetic_run / "dvc.yaml").write_text((REPO / "dvc.yaml").read_text())
    run(["git", "init", "-q", "-b", "main"], synthetic_run)
    run(["dvc", "init", "-q"], synthetic_run)
    (synthetic_run / ".dvc/config").write_text((REPO / ".dvc/config").read_text())
    (synthetic_run / ".dvc/plots").mkdir()
    shutil.copy(offline_template, synthetic_run / ".dvc/plots/offline.html")
    commit(synthetic_run, "synthetic run")
    return synthetic_run


def top_level_plots(repo):
    """(charts drawn from data, images) that dvc.yaml's top-level plots declare; a chart
    counts when ``repo`` has its data (an image run has no text-only Spearman curves)."""
    plots = yaml.safe_load((REPO / "dvc.yaml").read_text())["plots"]
    charts = [next(iter(p.values())) for p in plots if isinstance(p, dict)]
    return sum(any(_has_column(repo / path, column) for path, column in chart["y"].items()) for chart in charts), \
        sum(isinstance(p, str) for p in plots)


def _has_column(path, columns):
    """Whether the CSV or TSV file ``path`` exists with (the first of) ``columns`` in its header."""
    column = columns[0] if isinstance(columns, list) else columns
    return path.exists() and column in path.read_text().splitlines()[0].replace("\t", ",").split(",")


@pytest.mark.parametrize("command", [["dvc", "plots", "show"], ["dvc", "plots", "diff", "HEAD"]], ids=["show", "diff"])
def test_dvc_plots_pages_draw_every_chart_offline(browser, dvc_repo, command):
    assert_dvc_page_draws(browser, dvc_repo, command, revisions=2 if command[2] == "diff" else 1)


def test_dvc_plots_diff_of_two_experiments_draws_every_chart_offline(browser, dvc_repo):
    """Two experiments saved from the synthetic run (`dvc exp save`), the second with
    another recall curve, compared as a user compares `dvc exp run`s. (`dvc exp save`
    records every stage's deps, which a synthetic run lacks: dvc.yaml keeps its plots only.)"""
    plots_only = {"plots": yaml.safe_load((REPO / "dvc.yaml").read_text())["plots"]}
    (dvc_repo / "dvc.yaml").write_text(yaml.safe_dump(plots_only, sort_keys=False))
    commit(dvc_repo, "the declared plots alone")
    run(["dvc", "exp", "save", "-n", "first"], dvc_repo)
    curve = dvc_repo / "plots/data/model/recall.csv"
    header, *rows = curve.read_text().splitlines()
    curve.write_text("\n".join([header, *(f"{row.split(',')[0]},{float(row.split(',')[1]) / 2:.6g}" for row in rows)]) + "\n")
    run(["dvc", "exp", "save", "-n", "second"], dvc_repo)
    assert_dvc_page_draws(browser, dvc_repo, ["dvc", "plots", "diff", "first", "second"], revisions=2)


def assert_dvc_page_draws(browser, repo, command, revisions):
    """``command`` writes DVC's page offline, and every declared chart and image (each image
    once per revision) is drawn with no error and no network."""
    output = repo / f"dvc_{'_'.join(command[2:])}"
    run([*command, "-o", str(output)], repo)
    page = (output / "index.html").read_text()
    assert "cdn.jsdelivr" not in page and "window.vegaEmbed=" in page
    charts, images = top_level_plots(repo)
    drawn = VEGA_DRAWN.replace("CHARTS", str(charts)).replace("IMAGES", str(images * revisions))
    report = browser.visit((output / "index.html").as_uri(), drawn)
    assert report.counts["charts"] == charts and report.counts["images"] == images * revisions
    assert_clean(report)


def test_the_browser_harness_reports_errors_and_remote_requests(browser, tmp_path):
    page = tmp_path / "broken.html"
    page.write_text("<html><body><script>console.error('drawn badly'); fetch('https://example.com/x'); undefinedCall();</script></body></html>")
    report = browser.visit(page.as_uri(), "({done: true})")
    assert any("drawn badly" in error for error in report.errors)
    assert any("undefinedCall" in error for error in report.errors)
    assert report.remote_requests == ["https://example.com/x"]
