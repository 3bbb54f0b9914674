from embedlab.registry import Registry, Spec

METRICS = Registry("metric")


def evaluate_metrics(context, specs, key="evaluate.metrics"):
    """Run each metric named in ``specs`` on ``context``; merge their results."""
    results = {}
    for index, value in enumerate(specs):
        results.update(METRICS.build(Spec.parse(value, f"{key}[{index}]"), f"{key}[{index}]", context))
    return results
