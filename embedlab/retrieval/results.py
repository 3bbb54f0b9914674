"""Where the retrieval table goes: the reproducible numbers to
``metrics/retrieval/<role>.json`` (``dvc metrics``; nested index -> dimension -> number,
so ``dvc metrics diff`` reads ``hnsw.dim99.recall10``), the timings to
``metrics/timings/retrieval/<role>.json`` (they differ from run to run, so they are kept
out of the files that same params and seed reproduce byte for byte), and the reproducible
table to ``plots/data/retrieval/<role>.csv`` (``dvc plots``)."""

import json

from embedlab.errors import EmbedlabError
from embedlab.io import write_csv, write_json
from embedlab.paths import METRICS, PLOTS
from embedlab.retrieval.table import TIMED

NUMBERS = ("dim", "bytes", "disk", "recall10", "knn", "p1")


def metrics_path(role):
    return METRICS / "retrieval" / f"{role}.json"


def timings_path(role):
    return METRICS / "timings" / "retrieval" / f"{role}.json"


def table_path(role):
    return PLOTS / "data" / "retrieval" / f"{role}.csv"


def save_table(role, rows, threads):
    write_json(metrics_path(role), _nest(rows, NUMBERS))
    write_json(timings_path(role), {"threads": threads, **_nest(rows, TIMED)})
    write_csv(table_path(role), [{k: v for k, v in row.items() if k not in TIMED} for row in rows])


def _nest(rows, keys):
    nested = {}
    for row in rows:
        nested.setdefault(row["index"], {})[row["dims"]] = {k: _rounded(row[k]) for k in keys}
    return nested


def _rounded(value):
    return round(value, 6) if isinstance(value, float) else value


def read_table(role):
    """The rows of one role's table, reproducible numbers and timings joined."""
    numbers, timings = _read(metrics_path(role)), _read(timings_path(role))
    return [{"index": index, "dims": label, **values, **timings.get(index, {}).get(label, {})}
            for index, by_dim in numbers.items() for label, values in by_dim.items()]


def _read(path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise EmbedlabError(f"cannot read {path}: {error}; run the retrieval stage (dvc repro)") from None
