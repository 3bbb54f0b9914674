"""Stage prepare: load the dataset, split it (seeded, stratified), save it under data/."""

from embedlab.config import load_params
from embedlab.data.datasets import DATASETS
from embedlab.data.prepared import load_split, save_prepared
from embedlab.data.splits import make_split
from embedlab.errors import one_line_errors
from embedlab.io import atomic_dir
from embedlab.paths import PREPARED
from embedlab.registry import Spec


@one_line_errors
def main():
    params = load_params()
    spec = Spec.parse(params.dataset, "dataset")
    raw = DATASETS.build(spec, "dataset", params.prepare.root)
    if params.prepare.split_file:
        split = load_split(params.prepare.split_file, len(raw.labels))
    else:
        split = make_split(raw, params.prepare, params.base.seed)
    with atomic_dir(PREPARED) as tmp:
        meta = save_prepared(tmp, raw, split, spec.name)
    print(f"prepared {spec.name}: " + ", ".join(f"{k} {v}" for k, v in meta["sizes"].items()))


if __name__ == "__main__":
    main()
