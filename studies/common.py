"""What every study shares: a fresh copy of the repository to run in, its experiments
queued on DVC's queue over several seeds, the queue run, and the results exported.

A study is a :class:`Study`: the params every run shares (written into the copy's
``params.yaml`` and committed, so the queued runs differ only in what they vary), a
grid of settings (each queued with ``dvc exp run --queue -S ...`` once per seed), and
the stages to run. Each study script defines its settings for three modes:

- ``offline`` (default): sized to finish in about 30 minutes on a 2-core CPU with the
  data available offline (digits, Fashion-MNIST from ``dataset-fashion-mnist``);
- ``original``: the published settings (datasets, encoders, epochs), for a GPU and the
  network;
- ``tiny``: a few epochs on digits, for the tests.

Results go to ``studies/results/<study>/``: ``exp_show.json`` (``dvc exp show --json``,
the evidence every table is made from), ``runs.csv`` (the params each run varied and
its files' figures) and the study's tables and plots.
"""

import argparse
import csv
import io
import itertools
import json
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from embedlab.io import write_text
from embedlab.workspace import commit, copy_repository, run

STUDIES = Path(__file__).resolve().parent
RESULTS = STUDIES / "results"
WORK = STUDIES / "work"  # the studies' copies of the repository (ignored by git)
MODES = ("offline", "original", "tiny")
SEED = "base.seed"
ACCURACY_AT_D = {"name": "accuracy_at_d", "k": 5, "ks": [1]}  # 5-NN, recall@1 and linear probe at d = 1, 2, 4, ..., D
DIMS_CURVE = "plots/data/{role}/dims.csv"  # where evaluate writes that curve
VALIDATION_CURVES = ("metrics/train/{role}/plots/metrics/val_knn_accuracy.tsv",  # the trainer's log per epoch
                     "metrics/train/{role}/plots/metrics/val_dim99.tsv")
TEXT_VALIDATION_CURVES = ("metrics/train/{role}/plots/metrics/val_spearman.tsv",  # sentence pairs: STS-B dev Spearman
                          "metrics/train/{role}/plots/metrics/val_dim99.tsv")
RETRIEVAL_TABLE = "plots/data/retrieval/{role}.csv"  # the retrieval stage's table: index, dims, bytes, recall10, knn
PIPELINE_OUTPUTS = ("dvc.lock", "metrics", "plots/data")  # the main pipeline's committed results


@dataclass(frozen=True)
class Study:
    """``params``: dotted key -> value for every run; ``grid``: one {dotted key: value}
    per setting, each run once per seed; ``targets``: the stages to run (all when empty)."""

    name: str
    params: dict
    grid: list
    seeds: tuple = (0, 1, 2)
    targets: tuple = ()
    labels: tuple = ()  # one short name per grid setting; default: made from its values

    def setting_labels(self):
        return list(self.labels) or ["-".join(slug(value) for value in setting.values()) or "run" for setting in self.grid]

    def experiments(self):
        """(name, {dotted key: value}) of every run: each setting of the grid at each seed,
        named ``<setting label>-s<seed>``."""
        pairs = zip(self.setting_labels(), self.grid)
        return [(f"{label}-s{seed}", {**setting, SEED: seed}) for (label, setting), seed in itertools.product(pairs, self.seeds)]

    def varied(self):
        """The dotted keys the grid varies, seed last."""
        keys = dict.fromkeys(key for setting in self.grid for key in setting)
        return [*keys, SEED]


def setting_of(experiment):
    """The grid setting's label of an experiment named ``<label>-s<seed>``."""
    return experiment.rsplit("-s", 1)[0]


def slug(value):
    text = value if isinstance(value, str) else json.dumps(value, separators=(",", ""))
    return "".join(c if c.isalnum() else "_" for c in str(text)).strip("_").lower()


def set_dotted(params, dotted, value):
    *sections, key = dotted.split(".")
    target = params
    for section in sections:
        target = target[section]
    if key not in target:
        raise KeyError(f"{dotted} is not a key of params.yaml")
    target[key] = value


def get_dotted(params, dotted):
    value = params
    for part in dotted.split("."):
        value = value[part]
    return value


def study_params(base, study, overrides=None):
    """The params of one run: ``base`` (a params dict), the study's shared params, then
    ``overrides`` (one run's grid setting and seed)."""
    params = yaml.safe_load(yaml.safe_dump(base))
    for dotted, value in {**study.params, **(overrides or {})}.items():
        set_dotted(params, dotted, value)
    return params


def cli_value(value):
    """A value as ``dvc exp run -S key=value`` reads it (YAML flow style)."""
    return yaml.safe_dump(value, default_flow_style=True, width=10_000).strip().removesuffix("...").strip()


def set_param_args(key, value):
    """``-S`` arguments that set one param. A list or mapping replaces the old value
    (``~key`` then ``+key=...``): DVC cannot merge a list into a mapping."""
    if isinstance(value, (list, dict)):
        return ["-S", f"~{key}", "-S", f"+{key}={cli_value(value)}"]
    return ["-S", f"{key}={cli_value(value)}"]


def queue_command(name, overrides, targets=()):
    settings = [arg for key, value in overrides.items() for arg in set_param_args(key, value)]
    return ["dvc", "exp", "run", "--queue", "-n", name, *settings, *targets]


def prepare_workspace(study, directory):
    """A committed copy of the repository whose params.yaml carries the study's shared
    params, without the main pipeline's results (each run makes its own)."""
    directory = Path(directory)
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    copy_repository(directory)
    for name in PIPELINE_OUTPUTS:
        path = directory / name
        shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
    params_path = directory / "params.yaml"
    params = study_params(yaml.safe_load(params_path.read_text()), study)
    params_path.write_text(yaml.safe_dump(params, sort_keys=False))
    commit(directory, f"study {study.name}: shared params")
    return directory


def queue(study, directory):
    """Queue every run of the study; return the commands, as a user would type them."""
    commands = [queue_command(name, overrides, study.targets) for name, overrides in study.experiments()]
    for command in commands:
        run(command, directory)
    return commands


def run_queue(directory, log):
    """Run the queued experiments one at a time (``dvc exp run --run-all -j 1``, which
    waits for the queue); raise if any failed."""
    with open(log, "a", encoding="utf-8") as handle:
        subprocess.run(["dvc", "exp", "run", "--run-all", "-j", "1"], cwd=directory, stdout=handle,
                       stderr=subprocess.STDOUT, env=_env(), check=False)
    status = run(["dvc", "queue", "status"], directory).stdout
    if "Failed" in status:
        raise RuntimeError(f"some experiments failed (see {log}):\n{status}")
    return status


def _env():
    from embedlab.workspace import tool_env

    return tool_env()


def experiment_refs(directory):
    """{experiment name: commit} of every finished experiment in the copy."""
    listing = run(["git", "for-each-ref", "refs/exps", "--format=%(objectname) %(refname)"], directory).stdout
    refs = {}
    for line in listing.splitlines():
        sha, ref = line.split()
        parts = ref.split("/")  # refs/exps/<baseline commit: 2 + 38 hex>/<name>; the queue's own refs are shorter
        if len(parts) == 5 and len(parts[2]) == 2:
            refs[parts[4]] = sha
    return refs


def read_at(directory, commit_sha, path):
    """A file's text at an experiment's commit; None when the run did not write it."""
    result = run(["git", "show", f"{commit_sha}:{path}"], directory, check=False)
    return result.stdout if result.returncode == 0 else None


def collect_files(study, directory, paths):
    """Rows of every (experiment, file) table: the CSV/TSV ``paths`` (``{role}`` filled in
    with baseline and model) read at each experiment's commit, each row tagged with the
    experiment, its varied params and the role. Returns {path template: rows}."""
    tables = {template: [] for template in paths}
    for name, sha in sorted(experiment_refs(directory).items()):
        params = yaml.safe_load(read_at(directory, sha, "params.yaml"))
        tags = {"experiment": name, **{key: _cell(get_dotted(params, key)) for key in study.varied()}}
        for template in paths:
            for role in ("baseline", "model"):
                text = read_at(directory, sha, template.format(role=role))
                if text is None:
                    continue
                delimiter = "\t" if template.endswith(".tsv") else ","
                for row in csv.DictReader(io.StringIO(text), delimiter=delimiter):
                    tables[template].append({**tags, "role": role, **row})
    return tables


def _cell(value):
    return value if isinstance(value, (int, float, str)) else json.dumps(value)


def checkout(directory, experiment):
    """Bring one experiment's results, DVC-tracked outputs included, into the copy. DVC
    reports the outputs of stages the run did not reach (e.g. the model's, when it
    stopped at ``evaluate@baseline``) as missing: that is expected, so its status is not
    checked; a file the caller needs and DVC could not restore fails when read."""
    run(["dvc", "exp", "apply", experiment], directory, check=False)
    return Path(directory)


def embed_split(directory, role, split):
    """(embeddings, labels) of a prepared split by a role's kept checkpoint, in a copy
    where :func:`checkout` has placed an experiment's outputs."""
    import torch

    from embedlab.data.prepared import load_split_arrays
    from embedlab.models import load_embedder
    from embedlab.training.checkpoint import load_checkpoint
    from embedlab.training.inference import embed_inputs

    data = load_split_arrays(Path(directory) / "data/prepared", split)
    model = load_embedder(load_checkpoint(Path(directory) / "models" / role / "best.pt"))
    return embed_inputs(model, data.inputs, torch.device("cpu")), data.labels


def export(study, directory, results):
    """``dvc exp show --json`` of the copy, saved as the study's evidence."""
    shown = run(["dvc", "exp", "show", "--json"], directory).stdout
    write_text(results / "exp_show.json", shown)
    return json.loads(shown)


def write_rows(path, rows):
    if not rows:
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    write_text(path, buffer.getvalue())


def arguments(description):
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--original", dest="mode", action="store_const", const="original",
                      help="the published settings (needs a GPU and the network)")
    mode.add_argument("--tiny", dest="mode", action="store_const", const="tiny", help="a few epochs on digits (tests)")
    parser.set_defaults(mode="offline")
    parser.add_argument("--workdir", type=Path, help="where the repository copy goes (default studies/work/<study>)")
    parser.add_argument("--results", type=Path, help="where the tables go (default studies/results/<study>)")
    parser.add_argument("--queue-only", action="store_true", help="make the copy and queue the runs; run nothing")
    parser.add_argument("--tables-only", action="store_true", help="remake the tables from an earlier run's copy")
    return parser


def main(description, settings, curve_files, tabulate):
    """The one command of every study script: copy, queue, run, export, tabulate.

    ``settings(mode)`` -> :class:`Study`; ``curve_files``: per-experiment files to collect
    (e.g. training logs); ``tabulate(study, directory, results, exp_show, curves)`` writes the
    study's tables and plots."""
    args = arguments(description).parse_args()
    study = settings(args.mode)
    directory = args.workdir or WORK / study.name
    results = args.results or RESULTS / study.name
    results.mkdir(parents=True, exist_ok=True)
    if not args.tables_only:
        start = time.perf_counter()
        prepare_workspace(study, directory)
        commands = queue(study, directory)
        write_text(results / "commands.sh", commands_script(study, commands))
        if args.queue_only:
            print(run(["dvc", "queue", "status"], directory).stdout)
            return
        run_queue(directory, directory.parent / f"{study.name}.log")
        print(f"{study.name}: {len(commands)} runs in {time.perf_counter() - start:.0f} s")
    exp_show = export(study, directory, results)
    curves = collect_files(study, directory, curve_files)
    for template, rows in curves.items():
        write_rows(runs_file(results, template), rows)
    tabulate(study, directory, results, exp_show, curves)


def runs_file(results, template):
    """Where the rows of one per-experiment file go: ``<name>_runs.csv``, named after the
    file (``dims.csv``) or, for a file named by role, its folder (``retrieval/{role}.csv``)."""
    path = Path(template)
    return results / f"{path.parent.name if path.stem == '{role}' else path.stem}_runs.csv"


def commands_script(study, commands):
    """What the study ran, as shell lines: the shared params, then the queue."""
    lines = [f"# study {study.name}: in a copy of the repository whose params.yaml has"]
    lines += [f"#   {key}: {cli_value(value)}" for key, value in study.params.items()]
    lines += [" ".join(_quote(part) for part in command) for command in commands]
    lines.append("dvc exp run --run-all -j 1")
    return "\n".join(lines) + "\n"


def _quote(part):
    return f"'{part}'" if any(c in part for c in " []{},:") else part


# Settings shared by several studies -------------------------------------------------

FASHION_MNIST = {
    # Offline on 2 CPU cores shared with other work: 200 training images per class
    # (2,000; validation 5% of the official training set, 3,000; the official 10,000 test
    # images), the small CNN at width 16, batches of 64, 6 pretraining and 10 fine-tuning
    # epochs (2 of them head-only warm-up): 32 steps an epoch.
    "dataset": "fashion_mnist",
    "encoder": {"name": "small_cnn", "width": 16, "embedding_dim": 128},
    "prepare.samples_per_class": 200,
    "prepare.val_fraction": 0.05,
    "pretrain.epochs": 6,
    "pretrain.batch_size": 64,
    "train.epochs": 10,
    "train.batch_size": 64,
    "warmup.epochs": 2,
}
FROM_SCRATCH = {
    # Studies of one loss train the encoder from its initial weights in the fine-tuning
    # stage (the baseline role: no head), at the pretraining stage's learning rate.
    "pretrain.epochs": 0,
    "train.lr": 0.002,
    "warmup.epochs": 1,
}
TINY = {"dataset": "digits", "pretrain.epochs": 1, "train.epochs": 2, "warmup.epochs": 1, "plots.points_per_class": 10}
TINY_SEEDS = (0, 1)
MONOCON_ORIGINAL = {
    # MonoCon on CIFAR-100 (METHODS.md): ImageNet ResNet-34 with a CIFAR stem, AdamW 2e-4,
    # batch 256, up to 200 epochs, patience 50, 10 head-only warm-up epochs at 1e-4,
    # TrivialAugmentWide + RandomErasing(0.25), a checkpoint every epoch.
    "dataset": "cifar100",
    "encoder": {"name": "resnet34", "pretrained": True, "cifar_stem": True},
    "augment": {"name": "trivialaugment", "flip": True, "erasing": 0.25},
    "loss": {"name": "supcon", "temperature": 0.1},
    "pretrain.epochs": 0,
    "train.epochs": 200,
    "train.batch_size": 256,
    "train.lr": 0.0002,
    "train.patience": 50,
    "train.save_every_epoch": True,
    "warmup.epochs": 10,
    "warmup.lr": 0.0001,
}
