"""The tool a user would otherwise script: pandoc turns each note into Typst, Typst makes the PDF.

``python bench/pandoc_typst.py OUT NOTE...`` converts the notes one after the other in this one
process (pandoc is a process per note, Typst runs in-process through its Python package); the
comparison starts one such process per parallel job. Guides only: no figure, deck or handout.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def pandoc_path() -> str | None:
    """The pandoc binary of the ``bench`` extra (pypandoc-binary), else one on PATH."""
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return shutil.which("pandoc")


def convert(pandoc: str, note: Path, out: Path) -> Path:
    """One note → ``out/<stem>.typ`` → ``out/<stem>.pdf``."""
    import typst

    source = out / f"{note.stem}.typ"
    subprocess.run([pandoc, "-f", "markdown", "-t", "typst", "-s", str(note), "-o", str(source)],
                   check=True)
    target = out / f"{note.stem}.pdf"
    typst.compile(str(source), output=str(target), root=str(out))
    return target


def main(argv: list[str]) -> None:
    pandoc = pandoc_path()
    if pandoc is None:
        sys.exit("pandoc not found: pip install -e '.[bench]'")
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    for note in argv[1:]:
        convert(pandoc, Path(note), out)


if __name__ == "__main__":
    main(sys.argv[1:])
