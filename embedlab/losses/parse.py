from pydantic import PositiveFloat, TypeAdapter, ValidationError

from embedlab.errors import ConfigError
from embedlab.losses.base import WeightedSum
from embedlab.losses.registry import LOSSES
from embedlab.registry import Spec


def parse_loss(value, key="loss"):
    """Params value -> list of (weight, Spec), every name, option and weight checked."""
    items = value if isinstance(value, list) else [value]
    if not items:
        raise ConfigError(key, value, "a loss name or a non-empty list of losses")
    parsed = []
    for index, item in enumerate(items):
        item_key = f"{key}[{index}]" if isinstance(value, list) else key
        spec = Spec.parse(item, item_key)
        weight = _positive(spec.kwargs.get("weight", 1.0), f"{item_key}.weight")
        spec = Spec(spec.name, {k: v for k, v in spec.kwargs.items() if k != "weight"})
        LOSSES.validate(spec, item_key)
        parsed.append((weight, spec))
    return parsed


def build_loss(value, context, key="loss"):
    weighted = [(w, LOSSES.build(spec, key, context)) for w, spec in parse_loss(value, key)]
    return WeightedSum(weighted)


def _positive(weight, key):
    try:
        return TypeAdapter(PositiveFloat).validate_python(weight)
    except ValidationError:
        raise ConfigError(key, weight, "a number > 0") from None
