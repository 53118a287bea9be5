"""A change to one layout file renders again only the outputs that read it (build/inputs.py
says which), and the table says true: every output, rendered, reads only what it lists."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from studypress import renderers
from studypress.build import BuildConfig, build, inputs
from studypress.build import render as render_module
from studypress.layouts import Layouts
from studypress.renderers import base

from .conftest import NOTES, SEED

OTHER = NOTES / "roman-republic-timeline.md"
ALL = renderers.names()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "source").mkdir()
    for note in (SEED, OTHER):
        shutil.copy(note, tmp_path / "source" / note.name)
    (tmp_path / "layouts").mkdir()
    return tmp_path


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """Counts the outputs rendered (by name), the combined ones as ``name+``."""
    counts: Counter = Counter()
    real_job, real_load = render_module.run_job, renderers.load

    def run_job(job):
        counts.update(name for name, _ in job.names)
        return real_job(job)

    def load(name):
        renderer = real_load(name)
        if not hasattr(renderer, "render_project"):
            return renderer

        class Counted:
            def __getattr__(self, attr):
                return getattr(renderer, attr)

            def render_project(self, notes, ctx):
                counts[f"{name}+"] += 1
                return renderer.render_project(notes, ctx)
        return Counted()

    monkeypatch.setattr(render_module, "run_job", run_job)
    monkeypatch.setattr(renderers, "load", load)
    return counts


def run(project: Path, counts: Counter) -> Counter:
    counts.clear()
    report = build(BuildConfig(paths=[project / "source"], output=project / "output",
                               renderers=ALL, project_dir=project, jobs=1))
    assert not report.failed, report.diagnostics
    return Counter(counts)


def test_a_build_makes_the_course_book_only_when_asked(project):
    report = build(BuildConfig(paths=[project / "source"], output=project / "output",
                               project_dir=project, jobs=1))
    assert not report.failed, report.diagnostics
    assert (project / "output" / "study-notes.apkg").is_file()
    assert not (project / "output" / "study-notes.pdf").exists()
    (project / "studypress.toml").write_text('outputs = ["guide", "book"]\n', encoding="utf-8")
    from studypress.project import Overrides, build_config

    asked = build(build_config(Overrides()))
    assert not asked.failed, asked.diagnostics
    assert (project / "output" / "study-notes.pdf").is_file()


def stamps(project: Path) -> dict[str, int]:
    return {p.relative_to(project / "output").as_posix(): p.stat().st_mtime_ns
            for p in (project / "output").rglob("*")
            if p.is_file() and p.suffix != ".json" and not p.name.startswith(".")}  # records


def test_a_deck_layout_change_renders_the_decks_only(project, rendered):
    first = run(project, rendered)
    assert first == Counter({**{n: 2 for n in ALL}, "deck+": 1, "book+": 1})
    before = stamps(project)
    (project / "layouts" / "deck.toml").write_text('[labels]\nwhen = "Quand ?"\n',
                                                   encoding="utf-8")
    assert run(project, rendered) == Counter({"deck": 2, "deck+": 1})
    after = stamps(project)
    changed = {k for k in after if after[k] != before.get(k)}
    assert changed == {f"{n.stem}/deck.apkg" for n in (SEED, OTHER)} | {"study-notes.apkg"}
    assert after["study-notes.pdf"] == before["study-notes.pdf"]  # the book
    # The guides are unchanged: not rendered, not written, and the next build has nothing to do.
    assert all(after[f"{n.stem}/guide.pdf"] == before[f"{n.stem}/guide.pdf"]
               for n in (SEED, OTHER))
    assert run(project, rendered) == Counter()


def test_the_card_choice_reaches_every_output_that_makes_cards(project, rendered):
    run(project, rendered)
    (project / "layouts" / "deck.toml").write_text('essay_cards = true\n', encoding="utf-8")
    assert run(project, rendered) == Counter({"deck": 2, "cards": 2, "flashcards": 2,
                                              "deck+": 1})


def test_a_guide_layout_change_leaves_the_decks(project, rendered):
    run(project, rendered)
    # The course book prints every note's guide: it follows the guide's layouts.
    book = {"book": 2, "book+": 1}
    (project / "layouts" / "guide.toml").write_text("[sizes]\nbody = 11\n", encoding="utf-8")
    assert run(project, rendered) == Counter({"guide": 2, **book})
    (project / "layouts" / "timeline.toml").write_text("[figure]\ndpi = 100\n",
                                                       encoding="utf-8")
    assert run(project, rendered) == Counter({"guide": 2, "timeline": 2, "png": 2, **book})


def test_the_config_settings_render_the_outputs_that_use_them(project, rendered):
    run(project, rendered)
    config = project / "studypress.toml"
    book = {"book": 2, "book+": 1}
    config.write_text('[fonts]\nbody = "sans"\n', encoding="utf-8")
    assert run(project, rendered) == Counter({"guide": 2, **book})
    # A fallback font is for every output that prints text (a missing one is a warning).
    config.write_text('[fonts]\nbody = "sans"\nfallback = ["none.ttf"]\n', encoding="utf-8")
    assert run(project, rendered) == Counter({"guide": 2, "handout": 2, "flashcards": 2,
                                              "timeline": 2, "png": 2, **book})
    config.write_text('deck_name = "X"\n[fonts]\nbody = "sans"\nfallback = ["none.ttf"]\n',
                      encoding="utf-8")
    # The deck's name names the combined outputs: the deck and the book.
    assert run(project, rendered) == Counter({"deck": 2, "deck+": 1, **book})
    assert (project / "output" / "x.apkg").is_file()
    assert (project / "output" / "x.pdf").is_file()


def test_a_fallback_font_replaced_in_place_renders_what_prints_with_it(project, rendered):
    font = project / "fonts" / "extra.ttf"
    font.parent.mkdir()
    font.write_bytes(b"first")
    (project / "layouts" / "handout.toml").write_text('[fonts]\nfallback = "fonts/extra.ttf"\n',
                                                      encoding="utf-8")
    rendered.clear()
    build(BuildConfig(paths=[project / "source"], output=project / "output",
                      project_dir=project, jobs=1))  # the font is broken: a warning
    font.write_bytes(b"second, longer")
    rendered.clear()
    build(BuildConfig(paths=[project / "source"], output=project / "output",
                      project_dir=project, jobs=1))
    assert Counter(rendered) == Counter({"handout": 2, "flashcards": 2})


def test_files_no_output_claims_count_for_every_output_but_notes_for_none(project, rendered):
    run(project, rendered)
    (project / "layouts" / "README.md").write_text("How we lay out.\n", encoding="utf-8")
    assert run(project, rendered) == Counter()
    (project / "layouts" / "fonts").mkdir()
    (project / "layouts" / "fonts" / "extra.ttf").write_bytes(b"not really a font")
    assert run(project, rendered) == Counter({**{n: 2 for n in ALL}, "deck+": 1, "book+": 1})


def test_a_build_of_some_outputs_keeps_the_others(project, rendered):
    run(project, rendered)
    rendered.clear()
    build(BuildConfig(paths=[project / "source"], output=project / "output",
                      project_dir=project, jobs=1, renderers=["model"], force=True))
    assert Counter(rendered) == Counter({"model": 2})
    # The guides, decks and the rest are still known, so a whole build has nothing to do.
    assert run(project, rendered) == Counter()


def test_warnings_of_unchanged_outputs_are_told_again(project, rendered):
    (project / "source" / "extra.md").write_text(
        "# Extra\n\n## Quiz\n\n1. Unanswered question?\n", encoding="utf-8")
    config = BuildConfig(paths=[project / "source"], output=project / "output",
                         project_dir=project, jobs=1)
    first = sorted(d.format() for d in build(config).diagnostics)
    (project / "layouts" / "guide.toml").write_text("[sizes]\nbody = 11\n", encoding="utf-8")
    again = build(config)
    assert sorted(d.format() for d in again.diagnostics) == first
    assert not again.unchanged  # every note rendered its guide again


# --------------------------------------------------------------------------- the table


def test_every_output_is_in_the_table():
    assert set(inputs.READS) == set(ALL)
    combined = {n for n in ALL if hasattr(renderers.load(n), "render_project")}
    assert combined == set(inputs.COMBINED)


def _covered(name: str, output: str) -> bool:
    files = [p.partition("#")[0] for p in inputs.READS[output]]
    return inputs._matches(name, [*files, *inputs.EVERY])


def test_every_output_reads_only_the_files_it_lists(monkeypatch):
    """Render each output over notes of every kind and language, recording the layout files
    it asks for: the settings files, the files it looks up, the templates."""
    import jinja2

    from studypress.reader import read_note

    seen: set[str] = set()
    real_settings, real_find = Layouts.settings, Layouts.find
    real_source = jinja2.FileSystemLoader.get_source
    monkeypatch.setattr(Layouts, "settings",
                        lambda self, name: seen.add(f"{name}.toml") or real_settings(self, name))
    monkeypatch.setattr(Layouts, "find",
                        lambda self, name: seen.add(name) or real_find(self, name))
    monkeypatch.setattr(jinja2.FileSystemLoader, "get_source",
                        lambda self, env, t: seen.add(t) or real_source(self, env, t))
    notes = [read_note(p, f"notes/{p.name}")
             for p in (SEED, OTHER, NOTES / "lang" / "de-mauerfall.md",
                       NOTES / "lang" / "zh-xinhai.md")]
    for output in ALL:
        seen.clear()
        renderer = renderers.load(output)
        ctx = base.RenderContext(base.RenderOptions(), Layouts(None), 1700000000)
        for note in notes:
            renderer.render(note, ctx)
        if hasattr(renderer, "render_project"):
            renderer.render_project(notes, ctx)
        unlisted = {name for name in seen if not _covered(name, output)}
        assert not unlisted, f"{output} reads {unlisted}: add them to inputs.READS"


def test_the_progress_counts_notes_whatever_the_outputs(project):
    """Each output renders as a job of its own, and the progress still tells notes: done,
    of how many, the one being rendered."""
    import io
    import time

    from rich.console import Console

    from studypress import progress

    calls: list[tuple[int, int, str]] = []
    config = BuildConfig(paths=[project / "source"], output=project / "output",
                         project_dir=project, jobs=1, renderers=["model", "timeline"])
    build(config, progress=lambda done, total, note: calls.append((done, total, note)))
    assert {total for _, total, _ in calls} == {2}
    assert calls[-1] == (2, 2, "")
    assert [done for done, _, _ in calls] == sorted(done for done, _, _ in calls)
    assert {note for _, _, note in calls if note} == {SEED.stem, OTHER.stem}
    # Drawn on a terminal (rich's console, captured), the count is of notes too.
    stream = io.StringIO()
    console = Console(file=stream, force_terminal=True, width=120)
    display = progress.start(False, console, delay=0)
    assert display is not None
    deadline = time.monotonic() + 5
    while not display.shown and time.monotonic() < deadline:  # it appears from its timer
        time.sleep(0.01)
    config.force = True
    build(config, progress=display)
    display.close()
    text = stream.getvalue()
    assert "2/2" in text and "4/4" not in text
    # Not a terminal: no display at all.
    assert progress.start(False, Console(file=io.StringIO())) is None
