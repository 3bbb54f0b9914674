"""A throw-away copy of this repository as its own git repository, for tests and
benchmarks that run the real pipeline without touching the working copy."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GIT = ["git", "-c", "user.name=embedlab", "-c", "user.email=embedlab@example.invalid"]


def tool_env():
    """This interpreter's bin first on PATH (DVC runs `python -m stages...`)."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    return env


def run(command, cwd, check=True):
    result = subprocess.run(command, cwd=cwd, env=tool_env(), capture_output=True, text=True)
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def copy_repository(target, source=REPO):
    """Copy the files git knows of (tracked, or new and not ignored) and commit them."""
    target = Path(target)
    listed = run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], source).stdout.split()
    for name in listed:
        path = Path(source) / name
        if path.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / name)
    run(["git", "init", "-q", "-b", "main"], target)
    commit(target, "copy")
    return target


def commit(directory, message):
    run([*GIT, "add", "-A"], directory)
    run([*GIT, "commit", "-qm", message, "--allow-empty"], directory)
