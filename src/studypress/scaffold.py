"""``studypress init``: a new project with its configuration, an example note, an empty
``layouts/`` that says how to override the defaults, and a ``.gitignore`` for the outputs.

Nothing that exists is ever overwritten: when any file the project would get is already there,
nothing at all is written. An existing ``.gitignore`` (a repository's) is left as it is, with a
word about the line it needs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .layouts import Layouts
from .project import CONFIG_NAME, LAYOUTS_DIR, PAPERS, PRINTINGS

EXAMPLE_NOTE = "source/printing-press.md"


class InitError(Exception):
    """The folder already holds a file the new project would write."""


def config_text() -> str:
    """studypress.toml with every key at its default, each explained."""
    from .renderers import defaults

    outputs = ", ".join(f'"{n}"' for n in defaults())
    defaults = Layouts(None)
    deck, subjects = defaults.settings("deck"), defaults.settings("subjects")
    guide = defaults.settings("guide")["fonts"]
    return f"""\
# studypress project settings. Paths are relative to this file; options given on the command
# line (studypress build --paper letter ...) override what is set here.

# The folder (or a list of folders) of Markdown notes to compile.
source = "source"

# Where the guides, decks and handouts are written.
output = "output"

# Paper size of the PDFs: {" or ".join(f'"{p}"' for p in PAPERS)}.
paper = "a4"

# What the study guide prints: "full" (everything), "questions" (no answer key) or
# "answers" (the answer key only). One of {", ".join(PRINTINGS)}.
printing = "full"

# The outputs to build; remove a name to skip it, add "book" for the course book
# (output/study-notes.pdf, every note as a chapter, with an index) and "png" for each
# timeline figure as a picture (output/<note>/timeline.png).
outputs = [{outputs}]

# Notes rendered at the same time; 0 means one per processor core.
jobs = 0

# Treat warnings about the notes as errors (the build then fails on them).
strict = false

# The name of the deck that holds every note (Anki knows a deck by its name; its file is
# output/<name in lowercase, with hyphens>.apkg). "History::Europe" files it under a deck.
deck_name = {_toml(deck["project_deck"])}

# The fonts of every output: the study guide's body and headings ("serif": Source Serif Pro,
# "sans": Source Sans Pro) and TrueType files (.ttf, relative to this file) tried in order
# for characters those lack (Chinese, Japanese ...) in the guide, the handout and the figure.
[fonts]
body = {_toml(guide["body"])}
headings = {_toml(guide["headings"])}
fallback = []

# How a note's folders name its subject (under the guide's title, and the deck its cards go
# to): the folders that hold the notes, folder names that say nothing and are left out,
# words written in capitals and small words kept in lower case.
[subjects]
source_roots = ["source"]
drop = {_toml(subjects["drop"])}
uppercase = {_toml(subjects["uppercase"])}
lowercase = {_toml(subjects["lowercase"])}

# The look of every output is set in layouts/: `studypress layouts` lists the files you can
# override there, and a key set in one of them wins over the same setting here.
"""


LAYOUTS_README = """\
# Layouts

This folder overrides studypress's default layouts, file by file. It starts empty: every file
not here comes from the defaults.

- `studypress layouts` lists every layout file and says whether the project's copy or the
  default is in use.
- `studypress layouts copy NAME` copies a default here for editing, for example
  `studypress layouts copy deck.toml` or `studypress layouts copy anki/cards.css`.

Settings files (`*.toml`) are merged key by key over the defaults, so a copy may keep only the
keys it changes. A template (`*.html`, `*.css`) replaces the default of the same name; it can
extend that default by naming it `default/NAME`.
"""

GITIGNORE = """\
# What studypress builds; `studypress build` makes it again.
/output/
"""

EXAMPLE = """\
---
title: "The Printing Press in Europe"
tags: [history, example]
---

# The Printing Press in Europe

An example note: replace it with your own. `studypress inspect source/printing-press.md`
shows what was understood of it.

## Timeline

- **c. 1440:** Johannes Gutenberg develops a press with movable metal type in Mainz.
- **c. 1455:** The Gutenberg Bible is printed.
- **1476:** William Caxton sets up the first printing press in England, at Westminster.
- **October 31, 1517:** Martin Luther's Ninety-five Theses; printed copies spread through
  Germany within weeks.
- **1530s:** Printing shops are at work in most large European towns.

## Cast of Characters

**Johannes Gutenberg (Goldsmith and Printer, c. 1400–1468):** Combined movable type, an
oil-based ink and a wooden press into a way of printing books in quantity.

**William Caxton (Merchant and Printer, c. 1422–1491):** Brought printing to England and
printed Chaucer's *Canterbury Tales*.

**Martin Luther (Theologian, 1483–1546):** His writings were among the first to reach a mass
readership through print.

## Glossary

- **Movable type:** Single letters cast as separate pieces, set into lines and reused.
- **Incunabula:** Books printed in Europe before 1501.

## Quiz

1. Where did Gutenberg set up his press?
2. What does the word incunabula name?

## Answer Key

1. In Mainz, around 1440.
2. Books printed in Europe before 1501.

## Essay Questions

1. How did the printing press change the way ideas spread in sixteenth-century Europe?
"""


@dataclass(frozen=True)
class Created:
    folder: Path
    files: list[Path]
    notes: list[str] = field(default_factory=list)  # what the user should know or do


def _toml(value: object) -> str:
    """A string or a list of strings as TOML writes it (JSON's escapes are TOML's too)."""
    return json.dumps(value, ensure_ascii=False)


def planned() -> dict[str, str]:
    """Every file a new project gets, relative to its folder."""
    return {
        CONFIG_NAME: config_text(),
        EXAMPLE_NOTE: EXAMPLE,
        f"{LAYOUTS_DIR}/README.md": LAYOUTS_README,
        ".gitignore": GITIGNORE,
    }


def init(folder: Path) -> Created:
    """Create a project in ``folder`` (made when missing); InitError if anything is in the way."""
    files = planned()
    if folder.exists() and not folder.is_dir():
        raise InitError(f"{folder} is a file; give a folder for the new project")
    notes = []
    if (folder / ".gitignore").is_file():
        # A repository's own .gitignore is left as it is; the project needs one line in it.
        del files[".gitignore"]
        if not _ignores_output((folder / ".gitignore").read_text(encoding="utf-8",
                                                                 errors="replace")):
            notes.append(f"{folder / '.gitignore'} was left as it is; add the line /output/ "
                         "to it so the built files stay out of the repository")
    in_way = [rel for rel in files if (folder / rel).exists() or (folder / rel).is_symlink()]
    if in_way:
        raise InitError(f"{folder} already has {', '.join(sorted(in_way))}; nothing was "
                        "written (move those away, or start the project in another folder)")
    created = []
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        # "x": refuse, even now, to replace a file that appeared since the check above.
        with path.open("x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        created.append(path)
    return Created(folder, created, notes)


def _ignores_output(text: str) -> bool:
    return any(line.strip() in ("output", "output/", "/output", "/output/")
               for line in text.splitlines())
