"""docs/robustness.md is made from the cases this suite registers, so it cannot drift: this
test fails when the file differs, and STUDYPRESS_WRITE_DOCS=1 writes it anew."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from .cases import CASES

DOC = Path(__file__).resolve().parents[2] / "docs" / "robustness.md"
HEADER = """# Robustness: what each input does

Every row is a test in `tests/robustness/` that gives studypress the input and asserts the
outcome. This file is generated from those tests (`STUDYPRESS_WRITE_DOCS=1 pytest
tests/robustness/test_docs.py`); a test fails when it falls out of date.

Nothing outside the output folder is ever written or removed, whatever a build record, ledger,
note or link says; every problem is a message naming the file (and line where there is one),
never a traceback.
"""


def render() -> str:
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        importlib.import_module(f"{__package__}.{path.stem}")
    rows = sorted(CASES.values(), key=lambda c: (c.area, c.test))
    lines = [HEADER, "| Area | Input | Outcome | Test |", "| --- | --- | --- | --- |"]
    for c in rows:
        lines.append(f"| {c.area} | {_cell(c.given)} | {_cell(c.outcome)} | `{c.test}` |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def test_the_robustness_table_is_current():
    text = render()
    if os.environ.get("STUDYPRESS_WRITE_DOCS"):
        DOC.parent.mkdir(exist_ok=True)
        DOC.write_text(text, encoding="utf-8")
    assert DOC.is_file() and DOC.read_text(encoding="utf-8") == text, (
        "docs/robustness.md is out of date: run STUDYPRESS_WRITE_DOCS=1 pytest "
        "tests/robustness/test_docs.py")
    assert len(text.splitlines()) > 20
