"""Study tables, made with the runs table (:mod:`embedlab.runs`): figures per setting as
mean ± std over seeds, written as Markdown and CSV.

Ratios (compactness, robustness, retention) are the **mean of the per-seed ratios**: each
seed's model against the same seed's baseline (same split, same pretrained encoder), so
the spread is that of the paired ratios. ``compare`` leaves a degenerate ratio undefined
(null, with a note); such a run is left out of that ratio's mean and the ``n`` column
says how many runs remain, the notes column why.
"""

import io

import numpy as np
import pandas as pd

from embedlab import runs as runs_table
from embedlab.io import write_text
from studies.common import VALIDATION_CURVES, setting_of

PLATEAU = 0.005  # validation 5-NN gained less than this in the last epochs: converged
LAST_EPOCHS = 3
EVALUATE_FILE = "metrics/evaluate/{role}.json"


def runs(exp_show, directory, roles=()):
    """One row per finished experiment: its params, headline metrics, every metric of
    ``metrics/evaluate/<role>.json`` for ``roles`` (as ``<role>.<metric>``, as the
    headline names its figures), and its
    grid ``setting`` (the experiment's name less ``-s<seed>``)."""
    frame = runs_table.load_runs(exp_show)
    frame = frame[frame["kind"] == "experiment"].reset_index(drop=True)
    for role in roles:
        path = EVALUATE_FILE.format(role=role)
        added = runs_table.add_files(frame, [path], directory)
        for column in added.columns.difference(frame.columns):
            name = column.replace(f"{path}:", f"{role}.")
            if name not in frame.columns:  # the headline's figure, when there is one, is the same number
                frame[name] = added[column]
    frame["setting"] = frame["experiment"].map(setting_of)
    return frame


def summary(frame, by, metrics):
    """:func:`embedlab.runs.summarize` of the metrics this frame has (mean, std, n per group)."""
    present = [metric for metric in metrics if metric in frame.columns]
    return runs_table.summarize(frame, by, present)


def validation_epochs(curves, paths=VALIDATION_CURVES):
    """One row per (run, role, epoch): the validation score (``paths[0]``'s column: 5-NN
    accuracy, or STS-B dev Spearman for text) and 99%-variance dimension (``paths[1]``),
    joined on every column the two logs share (the run's tags, role and step)."""
    score, dim = (pd.DataFrame(curves[path]) for path in paths)
    frame = score.merge(dim, on=list(score.columns.intersection(dim.columns)))
    frame["epoch"] = frame["step"].astype(int) + 1
    return frame.astype({score.columns[-1]: float, dim.columns[-1]: float})


def encoder_epochs(curves):
    """:func:`validation_epochs` of the encoder a study trains alone (the baseline role),
    with its grid ``setting``."""
    frame = validation_epochs(curves)
    return frame[frame["role"] == "baseline"].assign(setting=lambda f: f["experiment"].map(setting_of))


def convergence(epochs, by, score="val_knn_accuracy"):
    """Per (``by``, seed): the epoch validation chose (best ``score``, ties to the later
    epoch, as the trainer), its score and dimension, and how much score the last epochs
    added over the best before them; then mean ± std over seeds, and whether every
    seed's gain was under ``PLATEAU`` (converged)."""
    rows = []
    for (arm, seed), run in epochs.groupby([by, "base.seed"], sort=False):
        accuracy = run.sort_values("epoch")[score].to_numpy()
        best = len(accuracy) - 1 - int(np.argmax(accuracy[::-1]))
        gain = accuracy[-LAST_EPOCHS:].max() - accuracy[:-LAST_EPOCHS].max() if len(accuracy) > LAST_EPOCHS else np.nan
        rows.append({by: arm, "base.seed": seed, "epochs": len(accuracy), "chosen_epoch": best + 1,
                     score: accuracy[best], "val_dim99": run.sort_values("epoch")["val_dim99"].iloc[best],
                     "last_epochs_gain": gain})
    per_seed = pd.DataFrame(rows)
    table = runs_table.summarize(per_seed, [by], ["chosen_epoch", score, "val_dim99", "last_epochs_gain"])
    converged = per_seed.groupby(by)["last_epochs_gain"].apply(lambda gains: bool((gains < PLATEAU).all()))
    table["plateau"] = table[by].map(converged)
    return table


def write(results, stem, table, columns=None):
    """``<stem>.md`` (mean ± std cells) and ``<stem>.csv`` (the numbers)."""
    buffer = io.StringIO()
    table.to_csv(buffer, index=False)
    write_text(results / f"{stem}.csv", buffer.getvalue())
    write_text(results / f"{stem}.md", runs_table.to_markdown(table, columns) + "\n")
