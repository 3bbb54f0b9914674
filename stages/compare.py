"""Stage compare: the model against the baseline, as MonoCon reports it."""

import json

from embedlab.errors import EmbedlabError, one_line_errors
from embedlab.io import write_json
from embedlab.metrics.comparison import compare
from embedlab.paths import METRICS


@one_line_errors
def main():
    baseline, model = (_read(METRICS / "evaluate" / f"{role}.json") for role in ("baseline", "model"))
    ratios = compare(baseline, model)
    write_json(METRICS / "compare.json", ratios)
    print(", ".join(f"{k} {v:.4g}" for k, v in ratios.items()))


def _read(path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise EmbedlabError(f"cannot read {path}: {error}") from None


if __name__ == "__main__":
    main()
