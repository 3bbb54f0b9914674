"""Errors a user can fix, reported as one line instead of a traceback."""

import difflib
import functools
import sys


class EmbedlabError(Exception):
    """A problem with the user's params, data or files; the message is one line."""


class ConfigError(EmbedlabError):
    """A bad value in params.yaml."""

    def __init__(self, key, value, allowed):
        hint = did_you_mean(value, allowed) if isinstance(allowed, (list, tuple)) else ""
        allowed_text = ", ".join(map(str, allowed)) if isinstance(allowed, (list, tuple)) else allowed
        super().__init__(f"params: {key}={value!r} is not allowed; expected {allowed_text}{hint}")


class DataError(EmbedlabError):
    """A dataset, split or checkpoint file that cannot be used."""


def did_you_mean(value, choices):
    close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def one_line_errors(main):
    """Run a stage's main(); a user error exits with status 2 and one line on stderr,
    Ctrl-C with status 130 and one line (training resumes from its last epoch)."""

    @functools.wraps(main)
    def wrapper(*args, **kwargs):
        try:
            return main(*args, **kwargs)
        except EmbedlabError as error:
            print(f"error: {error}", file=sys.stderr)
            sys.exit(2)
        except KeyboardInterrupt:
            print("interrupted: finished epochs are kept; `dvc repro` resumes from the last one", file=sys.stderr)
            sys.exit(130)

    return wrapper
