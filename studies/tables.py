"""Study tables: figures per setting as mean ± std over seeds, written as Markdown and CSV.

Ratios (compactness, robustness, retention) are the **mean of the per-seed ratios**: each
seed's model against the same seed's baseline (same split, same pretrained encoder), so
the spread is that of the paired ratios. A ratio ``compare`` left undefined (null) is
counted apart, never averaged as a number.
"""

import numpy as np
import pandas as pd

from embedlab.io import write_text

PLATEAU = 0.005  # validation 5-NN gained less than this in the last epochs: converged
LAST_EPOCHS = 3


def mean_std(values):
    """'0.912 ± 0.004 (3)': mean, sample std and count of the defined values; '—' if none."""
    values = pd.to_numeric(pd.Series(values), errors="coerce").dropna()
    if values.empty:
        return "—"
    spread = values.std(ddof=1) if len(values) > 1 else 0.0
    return f"{_fmt(values.mean())} ± {_fmt(spread)} ({len(values)})"


def _fmt(value):
    return f"{value:.3g}" if abs(value) >= 10 else f"{value:.3f}" if abs(value) >= 0.01 or value == 0 else f"{value:.2e}"


def summarise(frame, by, columns):
    """One row per value of ``by``: ``mean ± std (n)`` of each column over its rows (seeds)."""
    return frame.groupby(by, sort=False)[list(columns)].agg(mean_std).reset_index()


def numeric_summary(frame, by, columns):
    """The same as :func:`summarise` as numbers: ``<column>_mean``, ``_std``, ``_n``."""
    grouped = frame.groupby(by, sort=False)[list(columns)].agg(["mean", "std", "count"])
    grouped.columns = [f"{column}_{stat.replace('count', 'n')}" for column, stat in grouped.columns]
    return grouped.reset_index()


def convergence(epochs, by):
    """Per (``by``, seed): the epoch validation chose (best 5-NN, ties to the later epoch,
    as the trainer), its 5-NN and dimension, and how much 5-NN the last epochs added;
    then mean ± std over seeds, and whether every seed had reached a plateau."""
    rows = []
    for (arm, seed), run in epochs.groupby([by, "base.seed"], sort=False):
        run = run.sort_values("epoch")
        accuracy = run["val_knn_accuracy"].to_numpy()
        best = len(accuracy) - 1 - int(np.argmax(accuracy[::-1]))
        gain = accuracy[-LAST_EPOCHS:].max() - accuracy[:-LAST_EPOCHS].max() if len(accuracy) > LAST_EPOCHS else np.nan
        rows.append({by: arm, "base.seed": seed, "epochs": len(accuracy), "chosen_epoch": int(run["epoch"].iloc[best]),
                     "val_knn_accuracy": accuracy[best], "val_dim99": run["val_dim99"].iloc[best], "last_epochs_gain": gain})
    per_seed = pd.DataFrame(rows)
    table = summarise(per_seed, by, ["chosen_epoch", "val_knn_accuracy", "val_dim99", "last_epochs_gain"])
    table["plateau"] = per_seed.groupby(by, sort=False)["last_epochs_gain"].apply(lambda g: bool((g < PLATEAU).all())).to_numpy()
    return table


def write(results, stem, table):
    """``<stem>.md`` (a Markdown table) and ``<stem>.csv``."""
    table.to_csv(results / f"{stem}.csv", index=False)
    write_text(results / f"{stem}.md", table.to_markdown(index=False) + "\n")
