"""Stage compare: the model against the baseline, as MonoCon reports it, and what its
embeddings save at search time (the retrieval stage's tables)."""

import json

from embedlab.config import load_params
from embedlab.errors import EmbedlabError, one_line_errors
from embedlab.io import write_json
from embedlab.metrics.comparison import compare
from embedlab.paths import METRICS
from embedlab.retrieval.comparison import retrieval_comparison
from embedlab.retrieval.results import read_table


@one_line_errors
def main():
    baseline, model = (_read(METRICS / "evaluate" / f"{role}.json") for role in ("baseline", "model"))
    ratios = {**compare(baseline, model), "retrieval_size_ratio": compare_retrieval()}
    write_json(METRICS / "compare.json", ratios)
    print(", ".join(f"{k} {v:.4g}" for k, v in ratios.items() if v is not None))


def compare_retrieval():
    """Print "at the same recall@10, the model's index is N x smaller and M x faster";
    return N. M is a timing, not reproducible: it goes to metrics/timings/compare.json."""
    result = retrieval_comparison(read_table("baseline"), read_table("model"), load_params(components=False).retrieval.target_recall)
    write_json(METRICS / "timings" / "compare.json", {"retrieval_speed_ratio": result["speed_ratio"]})
    print(result["line"])
    return result["size_ratio"]


def _read(path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise EmbedlabError(f"cannot read {path}: {error}") from None


if __name__ == "__main__":
    main()
