"""A picture saved twice is the same file twice (DVC then caches one version)."""

import plotly.graph_objects as go

from embedlab.plots.save import save_html


def test_the_same_figure_gives_the_same_html(tmp_path):
    figure = go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2]))
    save_html(figure, tmp_path / "a" / "curve.html")
    save_html(figure, tmp_path / "b" / "curve.html")
    page = (tmp_path / "a" / "curve.html").read_text()
    assert page == (tmp_path / "b" / "curve.html").read_text()
    assert 'id="curve"' in page
