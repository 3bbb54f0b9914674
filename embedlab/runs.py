"""A table of DVC experiments, with pandas: `python -m embedlab.runs`.

Reads `dvc exp show --json` (DVC 3) and makes one row per run: the git commits shown
(`kind` "commit") and their experiments (`kind` "experiment"); the workspace row
(`kind` "workspace", usually a copy of the last experiment) only with `workspace=True`.

Columns:
- `experiment` (the experiment's or branch's name, else the short rev), `rev` (full
  hash), `parent` (the commit an experiment was run on), `kind`, `timestamp`, `error`;
- every param of `params.yaml` as a dotted key (`base.seed`, `loss.name`, `head`);
  list values as compact JSON text (`[8,16,32]`), so they compare and group;
- every metric as a dotted key: those of the headline file (`metrics/headline.json`)
  bare (`model.knn_accuracy`, `compactness_ratio`), those of any other metrics file or
  params file prefixed with its path (`metrics/train/model/metrics.json:step`).
  DVC leaves null metrics out of its JSON, so an undefined ratio is NaN here, and its
  reason is the `*_note` text beside it.

`frame.attrs["params"]` and `frame.attrs["metrics"]` list the two kinds of columns.
Files DVC does not list as metrics (the detailed `metrics/evaluate/<role>.json`) are
added from each run's git commit with `add_files(frame, [path], repo)`.

API::

    from embedlab.runs import load_runs, summarize, to_markdown
    runs = load_runs("exp.json")              # a path, JSON text, or the parsed list
    table = summarize(runs, by=["head"], metrics=["model.knn_accuracy", "compactness_ratio"])
    print(to_markdown(table))

`summarize` groups the runs by the given params and gives, per group, `n` (the runs in
it) and for every metric `<metric> mean` and `<metric> std` (sample std, ddof 1; NaN for
one run) over the runs, plus `<metric> n` where some runs lack the metric (an undefined
ratio). It is the mean of the per-run values: for a ratio, the mean of the ratios, not
the ratio of the means. Text metrics (notes) are gathered as their distinct values.

Command line (in a DVC repository; runs `dvc exp show --json` unless given `--input`)::

    python -m embedlab.runs                                   # every run: changed params + headline
    python -m embedlab.runs --by head --by loss.name          # mean ± std over the other params (seeds)
    python -m embedlab.runs --input exp.json --csv runs.csv --metric model.knn_accuracy
"""

import argparse
import io
import json
import subprocess
from pathlib import Path

import pandas as pd

from embedlab.io import write_text

HEADLINE_FILE = "metrics/headline.json"
PARAMS_FILE = "params.yaml"
ID_COLUMNS = ["experiment", "rev", "parent", "kind", "state", "timestamp", "error"]
UNFINISHED = {"queued", "running"}


def load_runs(source, workspace=False, unfinished=False):
    """The runs of a `dvc exp show --json` output as a DataFrame (see the module doc);
    queued and running experiments only with `unfinished=True`."""
    rows, params, metrics = [], {}, {}
    for record in _records(_parse(source)):
        if (record["kind"] == "workspace" and not workspace) or (record["state"] in UNFINISHED and not unfinished):
            continue
        row = {key: record[key] for key in ID_COLUMNS}
        for column, value in _flat_files(record["data"].get("params"), PARAMS_FILE).items():
            row[column] = params[column] = value
        for column, value in _flat_files(record["data"].get("metrics"), HEADLINE_FILE).items():
            row[column] = metrics[column] = value
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[*ID_COLUMNS, *params, *metrics])
    frame.attrs.update(params=list(params), metrics=list(metrics))
    return frame


def _parse(source):
    if isinstance(source, list):
        return source
    text = str(source)
    if not text.lstrip().startswith("["):
        text = Path(source).read_text()
    return json.loads(text)


def _records(entries, parent=None, state=None):
    """Each commit, then its experiments, as flat records; `state` is DVC's executor
    state of an experiment (queued, running, failed, success), None for a finished one."""
    for entry in entries:
        kind = "workspace" if entry["rev"] == "workspace" else ("experiment" if parent else "commit")
        if entry.get("data"):
            yield {
                "experiment": entry.get("name") or _short(entry["rev"]),
                "rev": entry["rev"],
                "parent": parent,
                "kind": kind,
                "state": state,
                "timestamp": entry["data"].get("timestamp"),
                "error": _error_text(entry.get("error")),
                "data": entry["data"],
            }
        for experiment in entry.get("experiments") or []:
            executor = experiment.get("executor") or {}
            yield from _records(experiment["revs"], entry.get("name") or _short(entry["rev"]), executor.get("state"))


def _short(rev):
    return rev if rev == "workspace" else rev[:7]


def _error_text(error):
    if isinstance(error, dict):
        return error.get("msg") or error.get("type")
    return str(error) if error else None


def _flat_files(files, bare_file):
    """{column: value} from DVC's {path: {"data": {...}}}; keys of `bare_file` unprefixed."""
    flat = {}
    for path, content in (files or {}).items():
        prefix = "" if path == bare_file else f"{path}:"
        for key, value in flatten((content or {}).get("data") or {}).items():
            flat[prefix + key] = value
    return flat


def flatten(mapping, prefix=""):
    """Nested dicts to dotted keys; lists to compact JSON text (hashable, groupable)."""
    flat = {}
    for key, value in mapping.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}."))
        else:
            flat[name] = json.dumps(value, separators=(",", ":")) if isinstance(value, list) else value
    return flat


def add_files(frame, paths, repo="."):
    """Add the metrics of files DVC does not list (e.g. metrics/evaluate/model.json),
    read from each run's git commit (the workspace row from disk), as `path:key` columns."""
    frame = frame.copy()
    for path in paths:
        values = [flatten(_read_at(repo, rev, path)) for rev in frame["rev"]]
        columns = sorted({key for value in values for key in value})
        for key in columns:
            frame[f"{path}:{key}"] = [value.get(key) for value in values]
        frame.attrs["metrics"] = [*frame.attrs.get("metrics", []), *(f"{path}:{key}" for key in columns)]
    return frame


def _read_at(repo, rev, path):
    if rev == "workspace":
        file = Path(repo) / path
        return json.loads(file.read_text()) if file.exists() else {}
    shown = subprocess.run(["git", "show", f"{rev}:{path}"], cwd=repo, capture_output=True, text=True)
    return json.loads(shown.stdout) if shown.returncode == 0 else {}


def headline_metrics(frame):
    """The metric columns of the headline file (all metrics when there is none)."""
    metrics = frame.attrs.get("metrics", [])
    bare = [column for column in metrics if ":" not in column]
    return bare or metrics


def changed_params(frame):
    """The param columns whose value differs between the runs."""
    return [column for column in frame.attrs.get("params", []) if frame[column].astype(str).nunique() > 1]


def summarize(frame, by, metrics=None):
    """Per group of `by` params: n, and mean and std of each metric over the group's runs."""
    metrics = list(metrics or headline_metrics(frame))
    groups = frame.groupby(list(by), dropna=False, sort=True)
    table = groups.size().rename("n").to_frame()
    for metric in metrics:
        values = frame[metric]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            numbers = groups[metric].agg(["mean", "std", "count"])
            table[f"{metric} mean"] = numbers["mean"]
            table[f"{metric} std"] = numbers["std"]
            if (numbers["count"] < table["n"]).any():
                table[f"{metric} n"] = numbers["count"]
        else:
            table[metric] = groups[metric].agg(lambda texts: "; ".join(sorted(set(texts.dropna().astype(str)))))
    return table.reset_index()


def to_markdown(frame, columns=None, digits=4):
    """A Markdown table; `<m> mean` and `<m> std` columns become one `<m>` column "mean ± std"."""
    shown = frame[list(columns)] if columns is not None else frame
    cells = pd.DataFrame(index=shown.index)
    for column in shown.columns:
        if column.endswith(" std") and f"{column[:-4]} mean" in shown.columns:
            continue
        if column.endswith(" mean") and f"{column[:-5]} std" in shown.columns:
            metric = column[:-5]
            cells[metric] = [_mean_std(m, s, digits) for m, s in zip(shown[column], shown[f"{metric} std"])]
        else:
            cells[column] = [_cell(value, digits) for value in shown[column]]
    return cells.to_markdown(index=False, disable_numparse=True)


def _cell(value, digits):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}g}"
    return str(value)


def _mean_std(mean, std, digits):
    if pd.isna(mean):
        return "-"
    return f"{mean:.{digits}g}" if pd.isna(std) else f"{mean:.{digits}g} ± {std:.{digits}g}"


def runs_table(frame, by=(), metrics=None):
    """What the command prints: the runs (changed params + metrics) or their summary by `by`."""
    metrics = list(metrics or headline_metrics(frame))
    if by:
        return summarize(frame, by, metrics)
    return frame[["experiment", "parent", *changed_params(frame), *metrics]]


def dvc_exp_show(repo="."):
    shown = subprocess.run(["dvc", "exp", "show", "--json"], cwd=repo, capture_output=True, text=True, check=True)
    return json.loads(shown.stdout)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m embedlab.runs", description=__doc__.split("\n")[0])
    parser.add_argument("--input", help="a saved `dvc exp show --json` (default: run it here)")
    parser.add_argument("--by", action="append", default=[], help="group by this param (repeatable)")
    parser.add_argument("--metric", action="append", default=[], help="a metric column (repeatable; default: the headline)")
    parser.add_argument("--file", action="append", default=[], help="add a metrics file DVC does not list, from git")
    parser.add_argument("--workspace", action="store_true", help="include the workspace row")
    parser.add_argument("--csv", default="runs.csv", help="where to write the table as CSV (default runs.csv)")
    args = parser.parse_args(argv)
    frame = load_runs(args.input or dvc_exp_show(), workspace=args.workspace)
    if args.file:
        frame = add_files(frame, args.file)
    table = runs_table(frame, args.by, args.metric)
    buffer = io.StringIO()
    table.to_csv(buffer, index=False)
    write_text(args.csv, buffer.getvalue())
    print(to_markdown(table))


if __name__ == "__main__":
    main()
