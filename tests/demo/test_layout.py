"""The demo seeders are cut into named steps: no function in demo/ runs over 60 lines."""

import ast
from pathlib import Path

DEMO = Path(__file__).resolve().parents[2] / "demo"
MOST_LINES = 60


def test_no_function_in_demo_is_over_60_lines():
    long = []
    for path in sorted(DEMO.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MOST_LINES:
                    long.append(f"{path.relative_to(DEMO.parent)}:{node.lineno} {node.name}")
    assert long == [], "Cut these into steps, each a function with a docstring"
