"""Read params.yaml, validate it, and turn every problem into one line."""

from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from embedlab.config.schema import Params
from embedlab.errors import ConfigError, EmbedlabError, did_you_mean


def load_params(path="params.yaml", components=True):
    """Return the validated :class:`Params`; raise a one-line :class:`EmbedlabError` otherwise.

    With ``components`` every named dataset, encoder, head, loss, augmentation and metric
    is checked against its registry too, so that any stage about to do expensive work
    stops first on a bad name anywhere in the file. (That imports torch; stages that
    need neither torch nor components pass ``components=False``.)
    """
    path = Path(path)
    if not path.is_file():
        raise EmbedlabError(f"params file {path} not found")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise EmbedlabError(f"{path} is not valid YAML: {str(error).splitlines()[0]}") from None
    if not isinstance(raw, dict):
        raise EmbedlabError(f"{path} must be a mapping of sections, got {type(raw).__name__}")
    try:
        params = Params.model_validate(raw)
    except ValidationError as error:
        raise _one_line(error) from None
    if components:
        from embedlab.config.components import check_components

        check_components(params)
    return params


def _one_line(error):
    first = error.errors()[0]
    loc = [str(part) for part in first["loc"]]
    key = ".".join(loc) or "params"
    if first["type"] == "missing":
        return EmbedlabError(f"params: {key} is missing")
    if first["type"] == "extra_forbidden":
        allowed = list(_section_model(loc[:-1]).model_fields)
        return EmbedlabError(
            f"params: {key} is not a known key; expected one of {', '.join(allowed)}{did_you_mean(loc[-1], allowed)}"
        )
    if first["type"] == "value_error":
        return EmbedlabError(f"params: {first['msg'].removeprefix('Value error, ')}")
    message = first["msg"].lower().replace("input should be", "").strip()
    return ConfigError(key, first.get("input"), message)


def _section_model(loc):
    model = Params
    for part in loc:
        annotation = model.model_fields[part].annotation
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            break
        model = annotation
    return model
