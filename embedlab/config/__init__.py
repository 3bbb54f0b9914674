"""params.yaml: one typed schema, validated before any stage does expensive work."""

from embedlab.config.load import load_params
from embedlab.config.schema import Params

__all__ = ["Params", "load_params"]
