"""Run every benchmark in this folder (bench_*.py) and print its figures, then the comparison
with pandoc + Typst in its quick mode (``bench/compare.py`` alone runs the full one)."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

here = Path(__file__).parent
for script in sorted(here.glob("bench_*.py")):
    print(f"== {script.name}", flush=True)
    sys.argv = [str(script)]
    runpy.run_path(str(script), run_name="__main__")

print("== compare.py --quick", flush=True)
sys.argv = [str(here / "compare.py"), "--quick"]
runpy.run_path(str(here / "compare.py"), run_name="__main__")
