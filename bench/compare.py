"""studypress beside pandoc + Typst, whole processes, every row measured in this one run.

    python bench/compare.py [--jobs 2] [--sizes 100] [--large] [--repeat 3] [--quick]

studypress builds every output (guide, figure, deck, handout, model); pandoc + Typst builds the
guides alone, with as many parallel processes as studypress has workers. Runs are paired (one of
each, then again) and the table shows medians, so load from other programs hits both sides alike.
Peak memory is the largest resident set of any process of the run (wait4's rusage). The
bare-ReportLab row builds the same number of pages, document for document, as the guides of the
first vault, with plain paragraphs only: the ceiling of a ReportLab renderer.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "source" / "russian-history-ii-us-recognition-of-soviet-union-timeline.md"
# Bytecode is cached as an installed package has it: a shell that turns the cache off would
# charge every run for compiling the sources again.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["SOURCE_DATE_EPOCH"] = "1700000000"
PY = sys.executable

sys.path.insert(0, str(HERE))
from make_vault import make_vault  # noqa: E402
from pandoc_typst import pandoc_path  # noqa: E402


@dataclass
class Sample:
    """One timed run: wall seconds, CPU seconds of all its processes, the largest resident set
    of any of them in MiB."""

    seconds: float
    cpu: float | None  # None: not measured (a watch round is part of a longer process)
    peak_mib: float | None


def run(commands: list[list[str]], cwd: Path, env: dict[str, str] | None = None) -> Sample:
    """Start the commands together and wait for all; wall time and the largest process."""
    start = time.perf_counter()
    procs = [subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE) for cmd in commands]
    peak = cpu = 0.0
    for proc in procs:
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        peak = max(peak, usage.ru_maxrss)
        cpu += usage.ru_utime + usage.ru_stime
        if proc.returncode != 0:
            raise SystemExit(f"failed ({proc.returncode}): {' '.join(proc.args)}\n"
                             f"{proc.stderr.read().decode(errors='replace')[-2000:]}")
        proc.stderr.close()
    return Sample(time.perf_counter() - start, cpu, peak / 1024)


@dataclass
class Row:
    """One line of the table: what was measured, studypress's samples, the other side's."""

    work: str
    ours: list[Sample]
    theirs: list[Sample] | None = None
    note: str = ""

    def median(self, samples: list[Sample] | None, cpu: bool = False) -> float | None:
        values = [s.cpu if cpu else s.seconds for s in samples or []]
        if not values or None in values:
            return None
        return statistics.median(values)  # type: ignore[type-var]


def paired(row: Row, ours: Callable[[], Sample], theirs: Callable[[], Sample] | None,
           repeat: int, before: Callable[[], None] | None = None) -> Row:
    """Alternate the two sides ``repeat`` times (``before`` readies each studypress run)."""
    row.theirs = [] if theirs else None
    for _ in range(repeat):
        if before:
            before()
        row.ours.append(ours())
        if theirs:
            row.theirs.append(theirs())
    return row


def studypress(*args: str) -> list[str]:
    return [PY, "-m", "studypress", *args]


def build(notes: Path, out: Path, jobs: int, *extra: str) -> list[str]:
    return studypress("build", str(notes), "-o", str(out), "-q", "-j", str(jobs), *extra)


def pandoc_jobs(notes: list[Path], out: Path, jobs: int) -> list[list[str]]:
    """One pandoc + Typst process per job, the notes dealt out in turn."""
    return [[PY, str(HERE / "pandoc_typst.py"), str(out), *map(str, notes[k::jobs])]
            for k in range(min(jobs, len(notes)))]


_PAGE = re.compile(rb"/Type\s*/Page(?![a-z])")


def guide_pages(out: Path) -> list[int]:
    """Pages of every guide under ``out`` (ReportLab writes each page as its own object)."""
    return [len(_PAGE.findall(p.read_bytes())) for p in sorted(out.rglob("guide.pdf"))]


def _edit(note: Path) -> Callable[[], None]:
    counter = [0]

    def edit() -> None:
        counter[0] += 1
        with note.open("a", encoding="utf-8") as f:
            f.write(f"\nEdited once more ({counter[0]}).\n")

    return edit


def _edit_card(note: Path) -> Callable[[], None]:
    """Each call changes the text of the note's first list item: one card's text (and the
    context its neighbours' cards show)."""
    counter = [0]

    def edit() -> None:
        counter[0] += 1
        lines = note.read_text(encoding="utf-8").splitlines(keepends=True)
        first = next(n for n, line in enumerate(lines) if line.startswith("- **"))
        lines[first] = re.sub(r"(?: \(revised \d+\))?\n?$", f" (revised {counter[0]})\n",
                              lines[first], count=1)
        note.write_text("".join(lines), encoding="utf-8")

    return edit


def seed_rows(work: Path, jobs: int, repeat: int, other: bool) -> list[Row]:
    """``--help``, the seed note cold and unchanged."""
    notes = work / "seed"
    notes.mkdir()
    shutil.copy(SEED, notes)
    out, theirs_out = work / "seed-out", work / "seed-typst"
    pandoc = pandoc_path() if other else None
    run([build(notes, work / "warm-up", 1)], work)  # writes the bytecode caches, untimed
    rows = [
        paired(Row("`--help`", []), lambda: run([studypress("--help")], work),
               (lambda: run([[pandoc, "--help"]], work)) if pandoc else None, repeat),
        paired(Row("the seed note, cold", []),
               lambda: run([build(notes, out, 1, "--force")], work),
               (lambda: run(pandoc_jobs([notes / SEED.name], theirs_out, 1), work))
               if pandoc else None, repeat),
        # The first command on a machine, with nothing compiled kept yet (``patterns``,
        # ``dataclass_code``).
        paired(Row("the seed note, cold, nothing compiled kept", []),
               lambda: run([build(notes, out, 1, "--force")], work,
                           {**ENV, "STUDYPRESS_CACHE_DIR": ""}), None, repeat),
        paired(Row("the seed note, no-op rebuild", [], note="pandoc + Typst: nothing cached"),
               lambda: run([build(notes, out, 1)], work), None, repeat),
        watch_row(max(repeat, 5)),
    ]
    return rows


def watch_row(rounds: int) -> Row:
    """The seed note saved while ``studypress watch`` runs, to its outputs on disk."""
    from bench_watch import floor_rounds, watch_rounds

    samples = [Sample(s, None, None) for s in watch_rounds(rounds)]
    floor = statistics.median(floor_rounds(rounds))
    return Row("the seed note saved in `watch`, to its outputs on disk", samples,
               note=f"of which watchfiles noticing the save: {_cell(floor)}")


def vault_rows(work: Path, size: int, jobs: int, repeat: int, vault_repeat: int,
               other: bool) -> tuple[list[Row], list[int]]:
    """Cold, guide-only, no-op, one-edited-note and one-edited-card builds of a vault of
    ``size`` notes."""
    notes = work / f"vault-{size}"
    make_vault(size, notes)
    files = sorted(notes.rglob("*.md"))
    out, theirs_out = work / f"out-{size}", work / f"typst-{size}"
    guide_out = work / f"guide-{size}"
    pandoc = pandoc_path() if other else None
    theirs = (lambda: run(pandoc_jobs(files, theirs_out, jobs), work)) if pandoc else None
    cold = paired(Row(f"{size} notes, cold, all outputs", []),
                  lambda: run([build(notes, out, jobs, "--force")], work), theirs, vault_repeat)
    guide = paired(Row(f"{size} notes, cold, guides only (`--only guide`)", []),
                   lambda: run([build(notes, guide_out, jobs, "--force", "--only", "guide")],
                               work), None, vault_repeat)
    pages = guide_pages(guide_out)
    noop = paired(Row(f"{size} notes, no-op rebuild", [], note="pandoc + Typst: nothing cached"),
                  lambda: run([build(notes, out, jobs)], work), None, repeat)
    edited = files[len(files) // 2]
    one = paired(Row(f"{size} notes, one note edited", [], note="pandoc + Typst: that note only"),
                 lambda: run([build(notes, out, jobs)], work),
                 (lambda: run(pandoc_jobs([edited], theirs_out, 1), work)) if pandoc else None,
                 repeat, before=_edit(edited))
    # An edit that leaves every card alone keeps the combined deck as it is; one that changes
    # a card makes it again.
    card = paired(Row(f"{size} notes, one card's text edited", [],
                      note="pandoc + Typst: that note only"),
                  lambda: run([build(notes, out, jobs)], work),
                  (lambda: run(pandoc_jobs([edited], theirs_out, 1), work)) if pandoc else None,
                  repeat, before=_edit_card(edited))
    return [cold, guide, noop, one, card], pages


def ceiling_row(work: Path, pages: list[int], jobs: int, repeat: int,
                guide: Row) -> Row:
    """The bare-ReportLab documents of the same page counts, dealt out over ``jobs`` processes."""
    out = work / "bare"
    commands = [[PY, str(HERE / "bare_reportlab.py"), str(out), *map(str, pages[k::jobs])]
                for k in range(min(jobs, len(pages)))]
    row = paired(Row(f"bare ReportLab, the same {sum(pages)} pages in {len(pages)} PDFs", []),
                 lambda: run(commands, work), None, repeat)
    ours = guide.median(guide.ours)
    ceiling = row.median(row.ours)
    if ours and ceiling:
        row.note = (f"guide {sum(pages) / ours:.0f} pages/s = "
                    f"{100 * ceiling / ours:.0f} % of the ceiling's {sum(pages) / ceiling:.0f}")
    return row


def _cell(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return f"{seconds:.2f} s" if seconds >= 0.1 else f"{seconds * 1000:.0f} ms"


def table(rows: list[Row]) -> str:
    """The Markdown table: medians, the ratio, and the largest process of each side."""
    lines = ["| work | studypress | pandoc + Typst | ratio | CPU (ours / theirs) "
             "| peak RSS (ours / theirs) | note |", "|---|---|---|---|---|---|---|"]
    for row in rows:
        ours, theirs = row.median(row.ours), row.median(row.theirs)
        ratio = f"{ours / theirs:.1f}×" if ours and theirs else ""
        cpu = _cell(row.median(row.ours, cpu=True))
        if row.theirs:
            cpu += f" / {_cell(row.median(row.theirs, cpu=True))}"
        peaks = [s.peak_mib for s in row.ours if s.peak_mib is not None]
        peak = f"{max(peaks):.0f} MiB" if peaks else "—"
        if row.theirs:
            peak += f" / {max(s.peak_mib for s in row.theirs):.0f} MiB"
        lines.append(f"| {row.work} | {_cell(ours)} | {_cell(theirs)} | {ratio} | {cpu} "
                     f"| {peak} | {row.note} |")
    return "\n".join(lines)


def machine() -> str:
    """The machine the table was measured on."""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} cores (nproc), Python {platform.python_version()}, "
            f"{platform.system()} {platform.machine()}; load average at the start {load}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100],
                        help="vault sizes (default 100)")
    parser.add_argument("--large", action="store_true", help="add the 1,000-note vault")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each quick row")
    parser.add_argument("--vault-repeat", type=int, default=1, help="runs of each cold vault row")
    parser.add_argument("--quick", action="store_true", help="a 10-note vault, runs once")
    args = parser.parse_args(argv)
    sizes = [10] if args.quick else list(args.sizes) + ([1000] if args.large else [])
    repeat = 1 if args.quick else args.repeat
    other = pandoc_path() is not None
    if not other:
        print("pandoc + Typst not installed (pip install -e '.[bench]'): their column stays empty")
    print(machine(), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # Compiled patterns and code kept in the run's own folder, filled by its untimed
        # warm-up: the rows are those of a machine that has run studypress once.
        ENV["STUDYPRESS_CACHE_DIR"] = os.environ["STUDYPRESS_CACHE_DIR"] = str(work / "cache")
        rows = seed_rows(work, args.jobs, repeat, other)
        pages: list[int] = []
        for size in sizes:
            vault, vault_pages = vault_rows(work, size, args.jobs, repeat, args.vault_repeat,
                                            other)
            rows += vault
            if not pages:
                pages, guide = vault_pages, vault[1]
        rows.append(ceiling_row(work, pages, args.jobs, repeat, guide))
    print(f"-j {args.jobs} for both sides\n")
    print(table(rows))


if __name__ == "__main__":
    main()
