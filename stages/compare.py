"""Stage compare: the model against the baseline, as MonoCon reports it, in
metrics/headline.json: per role the accuracy, dim99 and RMSE, then the ratios (a
degenerate ratio is null with a note; embedlab/metrics/comparison.py)."""

import json

from embedlab.errors import EmbedlabError, one_line_errors
from embedlab.io import write_json
from embedlab.metrics.comparison import headline
from embedlab.paths import HEADLINE, METRICS


@one_line_errors
def main():
    baseline, model = (_read(METRICS / "evaluate" / f"{role}.json") for role in ("baseline", "model"))
    figures = headline(baseline, model)
    write_json(HEADLINE, figures)
    print("\n".join(f"{key} {_text(value)}" for key, value in figures.items()))


def _text(value):
    if isinstance(value, dict):
        return ", ".join(f"{k} {_text(v)}" for k, v in value.items())
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def _read(path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise EmbedlabError(f"cannot read {path}: {error}") from None


if __name__ == "__main__":
    main()
