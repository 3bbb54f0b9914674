"""Figures: each a function of plain arrays returning a matplotlib figure (PNG) and a
plotly figure (standalone, offline HTML)."""
