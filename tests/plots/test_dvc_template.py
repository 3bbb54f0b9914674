import pytest
from dvc_render.html import render_html

from embedlab.plots.dvc_template import vega_lite_major

pytestmark = pytest.mark.slow  # building the vega bundle takes seconds


def test_template_inlines_vega_and_leaves_dvc_no_place_for_cdn_scripts(offline_template):
    template = offline_template.read_text()
    assert template.count("{plot_divs}") == 1 and "{scripts}" not in template
    assert "window.vegaEmbed=" in template and "<script src" not in template


def test_dvc_renders_through_it_without_cdn(offline_template, tmp_path):
    page = (tmp_path / "index.html")
    render_html([], page, html_template=offline_template)
    html = page.read_text()
    assert "cdn.jsdelivr" not in html and "{plot_divs}" not in html and "{refresh_tag}" not in html


def test_vega_lite_version_follows_dvc_templates():
    assert vega_lite_major() == "5"
