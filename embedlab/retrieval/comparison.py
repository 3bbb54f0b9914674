"""The retrieval payoff in one line: at the same recall@10, how much smaller and faster
the model's index is than the baseline's.

"The same recall@10" is a target (``retrieval.target_recall``): each role's cheapest
configuration (index kind and dimension) that reaches it -- the smallest index on disk,
ties to fewer bytes per vector, then by name, so the choice is reproducible. Smaller =
baseline's size on disk / model's; faster = model's single-thread queries per second /
baseline's. Either is None, with the reason in the line, when a role reaches no
configuration at the target."""


def cheapest(rows, target):
    reaching = [row for row in rows if row["recall10"] >= target]
    return min(reaching, key=lambda row: (row["disk"], row["bytes"], row["index"], row["dims"]), default=None)


def retrieval_comparison(baseline_rows, model_rows, target):
    """{"size_ratio", "speed_ratio", "line"}."""
    baseline, model = cheapest(baseline_rows, target), cheapest(model_rows, target)
    if baseline is None or model is None:
        missing = " nor ".join(f"the {role}'s" for role, row in (("baseline", baseline), ("model", model)) if row is None)
        best = {role: max(r["recall10"] for r in rows) for role, rows in (("baseline", baseline_rows), ("model", model_rows))}
        line = (f"at recall@10 >= {target:g}: no comparison, no index of {missing} reaches it "
                f"(best: baseline {best['baseline']:.3f}, model {best['model']:.3f})")
        return {"size_ratio": None, "speed_ratio": None, "line": line}
    size, speed = baseline["disk"] / model["disk"], model["qps1"] / baseline["qps1"]
    line = (f"at recall@10 >= {target:g}, the model's index is {size:.2f} x smaller and {speed:.2f} x faster than the "
            f"baseline's (model {_describe(model)}; baseline {_describe(baseline)})")
    return {"size_ratio": size, "speed_ratio": speed, "line": line}


def _describe(row):
    return f"{row['index']} at {row['dims']} = {row['dim']} dims, {row['disk']:,} bytes, recall@10 {row['recall10']:.3f}, {row['qps1']:,.0f} queries/s"
