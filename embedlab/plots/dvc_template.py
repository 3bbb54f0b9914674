"""Write the HTML template that makes ``dvc plots show`` / ``dvc plots diff`` pages open
with no network: vega, vega-lite and vega-embed inlined, generated from the installed
vl-convert-python (third-party JavaScript is never copied into the repository).

The template has no ``{scripts}`` placeholder, so DVC adds none of its CDN script tags
(dvc_render/html.py); ``.dvc/config`` names it as ``plots.html_template``.

    python -m embedlab.plots.dvc_template        # run by `make setup`
"""

import re
import sys
from pathlib import Path

from embedlab.io import write_text

TEMPLATE = Path(".dvc/plots/offline.html")
PLACEHOLDERS = ("{plot_divs}", "{refresh_tag}", "{scripts}")  # DVC fills every occurrence, anywhere in the page
PAGE = """<!DOCTYPE html>
<html>
<head>
    <meta charset="utf-8">
    {refresh_tag}
    <title>DVC Plot</title>
    <script>
(() => {
BUNDLE
})();
    </script>
    <style>
        table { border-spacing: 15px; }
    </style>
</head>
<body>
    {plot_divs}
</body>
</html>
"""


def vega_lite_major():
    """The Vega-Lite major version of DVC's plot templates (their ``$schema``)."""
    from dvc_render.vega_templates import LinearTemplate

    return re.search(r"/v(\d+)\.json$", LinearTemplate.DEFAULT_CONTENT["$schema"]).group(1)


def bundle():
    """vega + vega-lite (the newest release of DVC's major version) + vega-embed, one script
    that sets ``window.vegaEmbed``, ``window.vega`` and ``window.vegaLite``."""
    import vl_convert

    major = vega_lite_major()
    versions = [v for v in vl_convert.get_vegalite_versions() if v.split(".")[0] == major]
    script = vl_convert.javascript_bundle(vl_version=max(versions, key=lambda v: tuple(map(int, v.split(".")))))
    clashes = [p for p in (*PLACEHOLDERS, "</script") if p in script]
    if clashes:
        raise RuntimeError(f"the vega bundle contains {', '.join(clashes)}; it cannot go into DVC's template as it is")
    return script


def page():
    """The template: the bundle runs in its own function scope, so its top-level names
    cannot collide with the ``var spec`` of DVC's plot snippets."""
    return PAGE.replace("BUNDLE", bundle())


def main(path=TEMPLATE):
    write_text(path, page())
    print(f"wrote {path}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE)
