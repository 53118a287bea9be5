"""What a cold build of one English note loads: only what its outputs use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import studypress

NOTE = """---
{"dg-publish":true,"permalink":"/notes/recognition/"}
---

## Timeline of Events

- **November 16, 1933:** The United States recognises the Soviet Union.
- **1934:** Debt talks stall.
  - Debt talks stall, and evidence emerges of interference in American affairs, contrary to
    the agreement.

## Key Figures

- **Franklin D. Roosevelt** (President, 1933-1945): opened relations.
"""

PROBE = """\
import runpy, sys
sys.argv = ['studypress', 'build', 'source', '-o', 'output', '-q']
try:
    __import__('studypress.cli').cli.main()
except SystemExit as exc:
    assert not exc.code, exc.code
from studypress.dates import languages
print('LOADED', [m for m in ('cairo', 'rlPyCairo', 'urllib.request', 'multiprocessing',
                           'asyncio', 'cached_property')
                 if m in sys.modules])
print('TABLES', languages._tables.cache_info().currsize, languages._data.cache_info().currsize)
"""


def test_a_cold_build_of_one_note_loads_only_what_it_uses(tmp_path):
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "recognition.md").write_text(NOTE, encoding="utf-8")
    # The package under test, not whichever copy the interpreter has installed.
    env = {"SOURCE_DATE_EPOCH": "1700000000", "PATH": "/usr/bin:/bin", "STUDYPRESS_CACHE_DIR": "",
           "PYTHONPATH": str(Path(studypress.__file__).parents[1])}
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    # No cairo (timeline.png is not asked for), no XML library for escaping, no pool for one
    # note, and no asyncio (genanki's cached properties are the standard library's).
    assert "LOADED []" in done.stdout, done.stdout
    # English event text holding a word of the foreign date tables ("in") builds no table.
    assert "TABLES 0 0" in done.stdout, done.stdout
    svg = (tmp_path / "output" / "recognition" / "timeline.svg").read_text("utf-8")
    assert "<svg" in svg and "1933" in svg


def test_genanki_caches_its_properties_per_instance_without_the_backport():
    from studypress.renderers.deck.genanki_loader import genanki

    model = genanki.Model(1607392319, "m", fields=[{"name": "Front"}, {"name": "Back"}],
                          templates=[{"name": "c", "qfmt": "{{Front}}", "afmt": "{{Back}}"}])
    note = genanki.Note(model=model, fields=["a", "b"])
    # Computed once and kept on the instance, as the backport did.
    assert note.cards is note.cards and len(note.cards) == 1
    assert model._req == [[0, "all", [0]]]
    assert "_req" in vars(model) and "cards" in vars(note)


def test_the_model_readers_and_settings_dataclasses_carry_their_own_docstrings():
    # dataclasses writes a docstring for a class without one by computing its signature
    # (inspect.signature), at every import of every such class.
    import dataclasses
    import importlib
    import pkgutil

    import studypress.reader

    names = ["studypress.model", "studypress.settings", "studypress.timeaxis",
             "studypress.renderers.base", "studypress.renderers.guide.settings",
             "studypress.renderers.guide.story", "studypress.renderers.handout.bars",
             "studypress.renderers.pdf.markup", "studypress.dates.languages",
             *(f"studypress.reader.{m.name}" for m in pkgutil.iter_modules(
                 studypress.reader.__path__))]
    undocumented = [f"{name}.{cls.__name__}" for name in names
                    for cls in vars(importlib.import_module(name)).values()
                    if isinstance(cls, type) and dataclasses.is_dataclass(cls)
                    and cls.__module__ == name and "__doc__" in vars(cls)
                    and (cls.__doc__ or "").startswith(f"{cls.__name__}(")]
    assert undocumented == []


def test_a_misspelt_month_is_found_by_edits_whatever_the_letters_test_skips():
    from studypress.dates.tables import MONTH_NAMES
    from studypress.dates.tokens import _month_typo, edit_distance

    # Every word one or two edits from a month (a swap, a letter dropped, added or changed)
    # and words that share no edit with any: the quick letters test agrees with the edits.
    words = ["febtember", "novmber", "decmeber", "sepetmber", "agust", "januray", "octobr",
             "recognition", "embassy", "americans", "soviets", "stalemate", "maybe"]
    for word in words:
        limit = 2 if len(word) >= 7 else 1
        by_edits = any(abs(len(word) - len(n)) <= 1 and edit_distance(word, n.lower()) <= limit
                       for n in MONTH_NAMES[1:])
        assert _month_typo(word) == by_edits, word
    assert _month_typo("novmber") and not _month_typo("recognition")


def test_help_loads_no_build() -> None:
    # The entry point sets up the signal handling first; --help must not import the build
    # (its layouts, its renderers' registry) to do so.
    probe = ("import runpy, sys\nsys.argv = ['studypress', '--help']\n"
             "try:\n    __import__('studypress.cli').cli.main()\n"
             "except SystemExit:\n    pass\n"
             "print('LOADED', [m for m in ('studypress.build', 'studypress.layouts')"
             " if m in sys.modules])\n")
    env = {"PATH": "/usr/bin:/bin",
           "STUDYPRESS_CACHE_DIR": "", "PYTHONPATH": str(Path(studypress.__file__).parents[1])}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                          text=True, check=False)
    assert "Usage" in done.stdout and "LOADED []" in done.stdout, done.stdout + done.stderr


def test_a_command_named_first_is_set_up_alone() -> None:
    # typer sets up the parameters of every command it is given at each start: a build gets
    # its own command only; no command, an option first or a misspelt one gets them all.
    from studypress.cli import app, for_command

    one = for_command(["build", "source", "-q"])
    assert [c.callback.__name__ for c in one.registered_commands] == ["build"]
    assert one.registered_groups == [] and len(app.registered_commands) > 1
    assert all(for_command(args) is app for args in ([], ["--help"], ["biuld"], ["layouts"]))
    env = {"PATH": "/usr/bin:/bin",
           "STUDYPRESS_CACHE_DIR": "", "PYTHONPATH": str(Path(studypress.__file__).parents[1])}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "studypress", *args], env=env,
                              capture_output=True, text=True, check=False)

    shown = run("build", "--help")
    assert shown.returncode == 0 and "--only" in shown.stdout and "--jobs" in shown.stdout
    wrong = run("biuld")
    assert wrong.returncode == 2 and "build" in wrong.stderr
