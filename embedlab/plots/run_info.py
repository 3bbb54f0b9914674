"""What produced a run, for the top of its report: data and split sizes, the components,
epochs, seed, device and training wall times, the git commit (and the DVC experiment),
and the params that differ from the defaults -- params.yaml as committed at HEAD, the
commit an experiment runs on (so `dvc exp run -S ...` lists exactly its -S changes)."""

import os
import subprocess

import yaml

from embedlab.runs import flatten


def run_rows(params, meta, timings, provenance, defaults):
    """[(label, text)] for the report's header. ``params``: params.yaml as a dict; ``meta``:
    data/prepared/meta.json; ``timings``: {stage: models/<stage>/run.json}; ``provenance``:
    :func:`provenance`; ``defaults``: the default params dict (None: unknown)."""
    devices = sorted({info["device"] for info in timings.values()})
    return [
        ("run", provenance),
        ("dataset", f"{component(params['dataset'])}: {split_sizes(meta['sizes'])}, {len(meta['classes'])} classes"),
        ("encoder", component(params["encoder"])),
        ("head", component(params["head"])),
        ("loss", loss_text(params)),
        ("epochs", f"pretrain {params['pretrain']['epochs']}, fine-tuning {params['train']['epochs']} "
                   f"(model: {params['warmup']['epochs']} head-only warm-up)"),
        ("seed", str(params["base"]["seed"])),
        ("device", ", ".join(devices) or "unknown"),
        ("training wall time", ", ".join(f"{stage} {info['wall_time_s']:.1f} s" for stage, info in timings.items()) or "unknown"),
        ("params changed", changed_text(params, defaults)),
    ]


def component(value):
    """`name (option value, ...)` of a params component (a name or {name: ..., **options})."""
    if not isinstance(value, dict):
        return str(value)
    options = ", ".join(f"{key} {option}" for key, option in value.items() if key != "name")
    return f"{value['name']} ({options})" if options else str(value["name"])


def loss_text(params):
    loss = params["loss"]
    text = " + ".join(component(part) for part in loss) if isinstance(loss, list) else component(loss)
    return f"{text}, nested over dims {params['matryoshka_dims']}" if params["matryoshka_dims"] else text


SPLITS = ("train", "val", "test", "holdout")


def split_sizes(sizes):
    """`train 1,293, val 144, test 360`: the splits in pipeline order, empty ones left out."""
    ordered = sorted(sizes, key=lambda name: SPLITS.index(name) if name in SPLITS else len(SPLITS))
    return ", ".join(f"{name} {sizes[name]:,}" for name in ordered if sizes[name])


def changed_params(params, defaults):
    """{dotted key: (default, value)} of every param whose value differs (lists compared whole)."""
    now, before = flatten(params), flatten(defaults)
    return {key: (before.get(key), now.get(key)) for key in sorted({*now, *before}) if now.get(key) != before.get(key)}


def changed_text(params, defaults):
    if defaults is None:
        return "unknown (no committed params.yaml to compare with)"
    changes = changed_params(params, defaults)
    return "; ".join(f"{key}: {old} → {new}" for key, (old, new) in changes.items()) or "none (params.yaml as committed)"


def provenance():
    """`experiment <name> on commit <rev>` inside `dvc exp run` (DVC sets DVC_EXP_NAME and
    DVC_EXP_BASELINE_REV), else `commit <rev>`."""
    name, baseline = os.environ.get("DVC_EXP_NAME"), os.environ.get("DVC_EXP_BASELINE_REV")
    commit = (baseline or _git("rev-parse", "HEAD") or "").strip()[:7] or "none (not a git repository)"
    return f"experiment {name} on commit {commit}" if name else f"commit {commit}"


def committed_params():
    """params.yaml at HEAD as a dict, or None outside git."""
    text = _git("show", "HEAD:params.yaml")
    return yaml.safe_load(text) if text else None


def _git(*arguments):
    try:
        result = subprocess.run(["git", *arguments], capture_output=True, text=True)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None
