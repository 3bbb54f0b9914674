"""How many test cases inject a fault or feed bad input, per test file: the issue's
"number of bad-input and fault cases covered by tests".

A collected test case (each parametrized case counts) is counted when its body expects
an error (``pytest.raises``, the params tests' ``error_for``), checks an exit status, or
kills or interrupts a run (SIGKILL, a simulated kill, a foreign resume state).

    python bench/fault_cases.py
"""

import ast
import collections
import re
import subprocess
import sys
from pathlib import Path

FAULT = re.compile(r"pytest\.raises\(|error_for\(|returncode|SIGKILL|kill_during|interrupt_after|discarding")


def collected_cases():
    """Test ids of the whole suite, slow tests included."""
    output = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-m", "slow or not slow"],
                            capture_output=True, text=True, check=True).stdout
    return [line for line in output.split() if "::" in line]


def test_bodies(path):
    source = Path(path).read_text()
    return {node.name: ast.get_source_segment(source, node) for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test")}


def main():
    cases = collected_cases()
    bodies = {path: test_bodies(path) for path in {case.split("::")[0] for case in cases}}
    counts = collections.Counter()
    for case in cases:
        path, name = case.split("::")[0], case.split("::")[-1].split("[")[0]
        if FAULT.search(bodies[path].get(name, "")):
            counts[path] += 1
    for path, count in sorted(counts.items()):
        print(f"{count:4d}  {path}")
    print(f"{sum(counts.values()):4d}  test cases inject a fault or bad input, of {len(cases)} in the suite")


if __name__ == "__main__":
    main()
