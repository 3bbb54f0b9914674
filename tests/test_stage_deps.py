"""Code changes rerun what they touch: every stage's `deps` in dvc.yaml cover every
project module it uses -- those loaded by importing its entry point (in a fresh
interpreter), and those it imports later, inside functions (found by reading imports)."""

import ast
import json
import subprocess
import sys

import pytest
import yaml

from embedlab.workspace import REPO
from tests.conftest import stage_env

PIPELINE = yaml.safe_load((REPO / "dvc.yaml").read_text())["stages"]
LOADED = "import importlib, json, sys; importlib.import_module(sys.argv[1]); print(json.dumps([getattr(m, '__file__', None) for m in list(sys.modules.values())]))"


def stage_entries():
    """(stage name, its entry module, its deps) from dvc.yaml (`python -m stages.x ...`)."""
    for name, stage in PIPELINE.items():
        stage = stage.get("do", stage)
        yield name, stage["cmd"].split()[2], stage["deps"]


def loaded_project_files(module):
    output = subprocess.run([sys.executable, "-c", LOADED, module], cwd=REPO, env=stage_env(), capture_output=True, text=True, check=True).stdout
    files = [REPO.joinpath(f).resolve() for f in json.loads(output) if f]
    return {str(f.relative_to(REPO)) for f in files if f.is_relative_to(REPO / "embedlab")}


def module_file(name):
    path = REPO.joinpath(*name.split("."))
    return next((p for p in (path / "__init__.py", path.with_suffix(".py")) if p.exists()), None)


def imported_names(path):
    """Every module name an `import` anywhere in the file (functions included) can load."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def statically_imported_files(module):
    """The embedlab files reachable from ``module`` through imports, packages' __init__ included."""
    seen, todo = set(), [module_file(module)]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for name in imported_names(path):
            parts = name.split(".")
            if parts[0] in ("embedlab", "stages"):
                todo.extend(f for f in (module_file(".".join(parts[:i])) for i in range(1, len(parts) + 1)) if f)
    return {str(p.relative_to(REPO)) for p in seen if p.is_relative_to(REPO / "embedlab")}


def covered(path, deps):
    return any(path == dep or path.startswith(dep.rstrip("/") + "/") for dep in deps)


@pytest.mark.parametrize(("stage", "module", "deps"), list(stage_entries()), ids=[name for name, *_ in stage_entries()])
def test_deps_cover_every_module_the_stage_uses(stage, module, deps):
    used = {f"{module.replace('.', '/')}.py"} | loaded_project_files(module) | statically_imported_files(module)
    missing = sorted(path for path in used if not covered(path, deps))
    assert not missing, f"{stage} uses {missing}, not in its deps in dvc.yaml"


def test_the_check_finds_a_module_outside_the_deps():
    _, module, deps = next(entry for entry in stage_entries() if entry[0] == "compare")
    used = loaded_project_files(module)
    assert "embedlab/metrics/comparison.py" in used and "embedlab/io.py" in used
    assert "embedlab/config/components.py" in statically_imported_files("stages.prepare")  # imported inside load_params
    assert not covered("embedlab/io.py", [d for d in deps if d != "embedlab/io.py"])
