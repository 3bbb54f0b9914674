"""Stage compare: the model against the baseline, as MonoCon reports it, in
metrics/headline.json: per role the accuracy, dim99 and RMSE, then the ratios (a
degenerate ratio is null with a note; embedlab/metrics/comparison.py), and what the
model's embeddings save at search time (the retrieval stage's tables)."""

import json

from embedlab.config import load_params
from embedlab.errors import EmbedlabError, one_line_errors
from embedlab.io import write_json
from embedlab.metrics.comparison import headline
from embedlab.paths import HEADLINE, METRICS
from embedlab.retrieval.comparison import retrieval_comparison
from embedlab.retrieval.results import read_table


@one_line_errors
def main():
    baseline, model = (_read(METRICS / "evaluate" / f"{role}.json") for role in ("baseline", "model"))
    figures = {**headline(baseline, model), "retrieval_size_ratio": compare_retrieval()}
    write_json(HEADLINE, figures)
    print("\n".join(f"{key} {_text(value)}" for key, value in figures.items()))


def compare_retrieval():
    """Print "at the same recall@10, the model's index is N x smaller and M x faster";
    return N. M is a timing, not reproducible: it goes to metrics/timings/compare.json."""
    result = retrieval_comparison(read_table("baseline"), read_table("model"), load_params(components=False).retrieval.target_recall)
    write_json(METRICS / "timings" / "compare.json", {"retrieval_speed_ratio": result["speed_ratio"]})
    print(result["line"])
    return result["size_ratio"]


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
