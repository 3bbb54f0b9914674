"""Registries: every dataset, encoder, head, loss and augmentation is built by name.

A params value names a component either as a string (``head: monotonic``) or as a
mapping with ``name`` plus keyword arguments (``loss: {name: triplet, margin: 0.2}``).
The keyword arguments are the builder's keyword-only parameters; they are checked
against its signature and type annotations before anything expensive runs.
"""

import inspect
from dataclasses import dataclass, field

from pydantic import TypeAdapter, ValidationError

from embedlab.errors import ConfigError, EmbedlabError


@dataclass(frozen=True)
class Spec:
    """A component named in params: its registered name and its keyword arguments."""

    name: str
    kwargs: dict = field(default_factory=dict)

    @classmethod
    def parse(cls, value, key):
        if isinstance(value, str):
            return cls(value)
        if isinstance(value, dict) and isinstance(value.get("name"), str):
            return cls(value["name"], {k: v for k, v in value.items() if k != "name"})
        raise ConfigError(key, value, "a name or a mapping with a 'name' key")

    def to_params(self):
        return {"name": self.name, **self.kwargs}


class Registry:
    """Name -> builder function, in the style of timm's model registry."""

    def __init__(self, kind):
        self.kind = kind
        self._builders = {}

    def register(self, name):
        def decorator(builder):
            if name in self._builders:
                raise ValueError(f"{self.kind} {name!r} is registered twice")
            self._builders[name] = builder
            return builder

        return decorator

    def names(self):
        return sorted(self._builders)

    def get(self, name, key=None):
        if name not in self._builders:
            raise ConfigError(key or self.kind, name, self.names())
        return self._builders[name]

    def options(self, name):
        """The keyword-only parameters a user may set for ``name``."""
        signature = inspect.signature(self.get(name))
        return {
            p.name: p
            for p in signature.parameters.values()
            if p.kind is inspect.Parameter.KEYWORD_ONLY
        }

    def validate(self, spec, key):
        """Check a spec's name and options; return the options with types coerced."""
        self.get(spec.name, key)
        options = self.options(spec.name)
        checked = {}
        for option, value in spec.kwargs.items():
            if option not in options:
                raise ConfigError(f"{key}.{option}", value, f"an option of {self.kind} {spec.name!r}: {', '.join(options) or 'none'}")
            checked[option] = _coerce(options[option], value, f"{key}.{option}")
        missing = [o for o, p in options.items() if p.default is inspect.Parameter.empty and o not in checked]
        if missing:
            raise EmbedlabError(f"params: {key}.{missing[0]} is missing ({self.kind} {spec.name!r} needs it)")
        return checked

    def resolve(self, spec, key):
        """All options of ``spec``: the builder's defaults, overridden by the checked params."""
        defaults = {name: p.default for name, p in self.options(spec.name).items() if p.default is not p.empty}
        return {**defaults, **self.validate(spec, key)}

    def build(self, spec, key, *args):
        """Build ``spec`` passing ``args`` positionally (context from the code, not params)."""
        return self.get(spec.name, key)(*args, **self.validate(spec, key))


def _coerce(parameter, value, key):
    if parameter.annotation is inspect.Parameter.empty:
        return value
    try:
        return TypeAdapter(parameter.annotation).validate_python(value, strict=False)
    except ValidationError as error:
        raise ConfigError(key, value, _describe(error)) from None


def _describe(error):
    first = error.errors()[0]
    return first["msg"].lower().replace("input should be", "").strip()
